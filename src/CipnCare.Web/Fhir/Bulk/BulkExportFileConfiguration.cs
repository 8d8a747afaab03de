using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Fhir.Bulk;

public sealed class BulkExportFileConfiguration : IEntityTypeConfiguration<BulkExportFile>
{
    public void Configure(EntityTypeBuilder<BulkExportFile> builder)
    {
        builder.Property(f => f.Type).HasMaxLength(50).IsRequired();
        builder.Property(f => f.Attempt).HasMaxLength(200).IsRequired();
        builder.Property(f => f.Content).IsRequired();
        builder.HasIndex(f => new { f.JobId, f.Sequence });
    }
}
