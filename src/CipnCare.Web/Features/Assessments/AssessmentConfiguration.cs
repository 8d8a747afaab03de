using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Assessments;

public sealed class AssessmentVersionConfiguration : IEntityTypeConfiguration<AssessmentVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentVersion> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.PatientId, a.VisitDate });
        builder.HasIndex(a => new { a.VisitId, a.Version }).IsUnique();
        builder.Property(a => a.ExaminerUserId).HasMaxLength(450);
        builder.Property(a => a.ExaminerName).HasMaxLength(200);
        builder.Property(a => a.ChangeReason).HasMaxLength(500);
    }
}

public sealed class DiagnosticResultConfiguration : IEntityTypeConfiguration<DiagnosticResult>
{
    public void Configure(EntityTypeBuilder<DiagnosticResult> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.PatientId, d.TakenOn });
        builder.Property(d => d.Code).HasMaxLength(40);
        builder.Property(d => d.Unit).HasMaxLength(20);
        builder.Property(d => d.Text).HasMaxLength(4000);
        builder.Property(d => d.RecordedByUserId).HasMaxLength(450);
        builder.Property(d => d.RecordedByName).HasMaxLength(200);
    }
}
