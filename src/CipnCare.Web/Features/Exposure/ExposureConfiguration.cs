using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Exposure;

public sealed class BodyMeasurementConfiguration : IEntityTypeConfiguration<BodyMeasurementRecord>
{
    public void Configure(EntityTypeBuilder<BodyMeasurementRecord> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.PatientId, m.MeasuredAt });
        builder.Property(m => m.RecordedByUserId).HasMaxLength(450);
    }
}

public sealed class RegimenAgentConfiguration : IEntityTypeConfiguration<RegimenAgent>
{
    public void Configure(EntityTypeBuilder<RegimenAgent> builder)
    {
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.AgentCode });
        builder.Property(r => r.AgentCode).HasMaxLength(40);
        builder.Property(r => r.Unit).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Route).HasMaxLength(20);
        builder.Property(r => r.RecordedByUserId).HasMaxLength(450);
    }
}

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

public sealed class DoseFindingConfiguration : IEntityTypeConfiguration<DoseFindingRecord>
{
    public void Configure(EntityTypeBuilder<DoseFindingRecord> builder)
    {
        builder.HasOne<DoseAdministration>().WithMany().HasForeignKey(f => f.AdministrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.PatientId);
        builder.Property(f => f.Rule).HasConversion<string>().HasMaxLength(40);
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Message).HasMaxLength(500);
        builder.Property(f => f.Source).HasMaxLength(500);
        builder.Property(f => f.AcknowledgedByUserId).HasMaxLength(450);
        builder.Property(f => f.AcknowledgementReason).HasMaxLength(500);
    }
}
