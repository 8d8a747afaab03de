using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Instruments;

public sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> builder)
    {
        builder.HasIndex(i => new { i.Url, i.Version }).IsUnique();
        builder.Property(i => i.Url).HasMaxLength(300);
        builder.Property(i => i.Version).HasMaxLength(50);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.LoadedByUserId).HasMaxLength(450);
    }
}

public sealed class InstrumentResponseConfiguration : IEntityTypeConfiguration<InstrumentResponse>
{
    public void Configure(EntityTypeBuilder<InstrumentResponse> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.AuthoredAt });
        builder.HasIndex(r => new { r.PatientId, r.SubmissionKey }).IsUnique();
        builder.Property(r => r.SubmissionKey).HasMaxLength(100);
        builder.Property(r => r.EnteredByUserId).HasMaxLength(450);
        builder.Property(r => r.EnteredByName).HasMaxLength(200);
        builder.Property(r => r.EnteredByRole).HasMaxLength(20);
        builder.Property(r => r.RulesVersion).HasMaxLength(20);
        builder.Property(r => r.NextStep).HasConversion<string>().HasMaxLength(30);
    }
}

public sealed class ResponseScoreConfiguration : IEntityTypeConfiguration<ResponseScore>
{
    public void Configure(EntityTypeBuilder<ResponseScore> builder)
    {
        builder.HasIndex(s => new { s.PatientId, s.Code, s.EffectiveAt });
        builder.Property(s => s.Code).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Unit).HasMaxLength(20);
        builder.Property(s => s.CtcaeVersion).HasMaxLength(10);
        builder.Property(s => s.Reasons).HasMaxLength(1000);
    }
}

public sealed class ResponseDraftConfiguration : IEntityTypeConfiguration<ResponseDraft>
{
    public void Configure(EntityTypeBuilder<ResponseDraft> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(d => d.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.PatientId, d.InstrumentId, d.UserId }).IsUnique();
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.SubmissionKey).HasMaxLength(100);
    }
}
