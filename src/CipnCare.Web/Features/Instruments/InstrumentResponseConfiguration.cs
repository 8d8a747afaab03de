using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Instruments;

public sealed class InstrumentResponseConfiguration : IEntityTypeConfiguration<InstrumentResponse>
{
    public void Configure(EntityTypeBuilder<InstrumentResponse> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // A patient's responses in time order, the id breaking ties as the alert rules order them: their previous and
        // baseline reads can walk it from either end and stop at the first row, with no sort (with statistics from a
        // database's first seconds PostgreSQL had sorted a patient's whole history instead; issue #17, docs/benchmarks.md).
        builder.HasIndex(r => new { r.PatientId, r.AuthoredAt, r.Id });
        builder.HasIndex(r => new { r.PatientId, r.SubmissionKey }).IsUnique();
        builder.Property(r => r.SubmissionKey).HasMaxLength(100);
        builder.Property(r => r.EnteredByUserId).HasMaxLength(450);
        builder.Property(r => r.EnteredByName).HasMaxLength(200);
        builder.Property(r => r.EnteredByRole).HasMaxLength(20);
        builder.Property(r => r.RulesVersion).HasMaxLength(20);
        builder.Property(r => r.Language).HasMaxLength(Languages.CodeMaxLength).HasDefaultValue(Languages.English);
        builder.Property(r => r.NextStep).HasConversion<string>().HasMaxLength(30);
    }
}
