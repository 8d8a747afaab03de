using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Assessments;

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
