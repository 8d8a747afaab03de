using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.EmergencyAccess;

public sealed class EmergencyAccessGrantConfiguration : IEntityTypeConfiguration<EmergencyAccessGrant>
{
    public void Configure(EntityTypeBuilder<EmergencyAccessGrant> builder)
    {
        builder.Property(g => g.ClinicianUserId).HasMaxLength(450);
        builder.Property(g => g.Reason).HasMaxLength(EmergencyAccessGrants.ReasonMaxLength);
        builder.HasOne<Patient>().WithMany().HasForeignKey(g => g.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.ClinicianUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.ClinicianUserId, g.PatientId, g.ExpiresAt });
        builder.HasIndex(g => g.StartedAt);
    }
}
