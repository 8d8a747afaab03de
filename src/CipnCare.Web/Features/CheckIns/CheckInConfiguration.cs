using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.CheckIns;

public sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.HasOne<Patient>().WithMany(p => p.CheckIns).HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PatientId, c.SubmittedAt });
        builder.HasIndex(c => new { c.PatientId, c.SubmissionKey }).IsUnique();
        builder.Property(c => c.SubmissionKey).HasMaxLength(100);
        builder.Property(c => c.EnteredByUserId).HasMaxLength(450);
        builder.Property(c => c.EnteredByName).HasMaxLength(200);
        builder.Property(c => c.EnteredByRole).HasMaxLength(20);
        builder.Property(c => c.Notes).HasMaxLength(2000);
        builder.Property(c => c.CtcaeVersion).HasMaxLength(10);
        builder.Property(c => c.RulesVersion).HasMaxLength(20);
    }
}
