using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Caregivers;

public sealed class CaregiverLinkConfiguration : IEntityTypeConfiguration<CaregiverLink>
{
    public void Configure(EntityTypeBuilder<CaregiverLink> builder)
    {
        builder.Property(l => l.Relationship).HasMaxLength(60);
        builder.Property(l => l.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.RevokedByUserId).HasMaxLength(450);
        builder.Property(l => l.GrantedByUserId).HasMaxLength(450);
        builder.HasOne<Patient>().WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.CaregiverUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.CaregiverUserId, l.PatientId }).IsUnique();
    }
}
