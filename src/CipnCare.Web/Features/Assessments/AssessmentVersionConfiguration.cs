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
