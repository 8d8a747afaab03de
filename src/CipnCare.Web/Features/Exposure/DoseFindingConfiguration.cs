using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Exposure;

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
