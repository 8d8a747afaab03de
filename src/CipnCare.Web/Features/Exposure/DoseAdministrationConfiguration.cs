using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Exposure;

public sealed class DoseAdministrationConfiguration : IEntityTypeConfiguration<DoseAdministration>
{
    public void Configure(EntityTypeBuilder<DoseAdministration> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.PatientId, a.AdministeredAt });
        builder.Property(a => a.AgentCode).HasMaxLength(40);
        builder.Property(a => a.Unit).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Route).HasMaxLength(20);
        builder.Property(a => a.RecordedByUserId).HasMaxLength(450);
        builder.Property(a => a.CorrectionReason).HasMaxLength(500);
        builder.HasOne<DoseAdministration>().WithMany().HasForeignKey(a => a.CorrectsId).OnDelete(DeleteBehavior.Restrict);
    }
}
