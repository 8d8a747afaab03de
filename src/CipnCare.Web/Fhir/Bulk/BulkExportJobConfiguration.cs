using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Fhir.Bulk;

public sealed class BulkExportJobConfiguration : IEntityTypeConfiguration<BulkExportJob>
{
    public void Configure(EntityTypeBuilder<BulkExportJob> builder)
    {
        builder.Property(j => j.Owner).HasMaxLength(300).IsRequired();
        builder.Property(j => j.ClaimsJson).IsRequired();
        builder.Property(j => j.Level).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.Types).HasMaxLength(500);
        builder.Property(j => j.RequestUrl).HasMaxLength(2000);
        builder.Property(j => j.LeaseOwner).HasMaxLength(200);
        builder.Property(j => j.Error).HasMaxLength(1000);
        builder.Ignore(j => j.TypeList);

        // The worker looks for the oldest job to take, and for expired ones to delete.
        builder.HasIndex(j => new { j.State, j.RequestedAt });
        builder.HasIndex(j => j.ExpiresAt);
        builder.HasMany<BulkExportFile>().WithOne().HasForeignKey(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
