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
