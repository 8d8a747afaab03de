using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Diagnoses;

public sealed class CancerConditionConfiguration : IEntityTypeConfiguration<CancerCondition>
{
    public void Configure(EntityTypeBuilder<CancerCondition> builder)
    {
        builder.Property(c => c.CodeSystem).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Code).HasMaxLength(CancerConditions.CodeMaxLength).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(PatientConfiguration.DiagnosisMaxLength).IsRequired();
        builder.Property(c => c.ClinicalStatus).HasMaxLength(20).IsRequired();
        builder.Property(c => c.VerificationStatus).HasMaxLength(20).IsRequired();
        builder.Property(c => c.BodySite).HasMaxLength(PatientConfiguration.DiagnosisMaxLength);
        builder.Property(c => c.RecordedBy).HasMaxLength(450);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PatientId, c.RecordedAt });
    }
}
