using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.CarePlans;

public sealed class InterventionRatingConfiguration : IEntityTypeConfiguration<InterventionRatingRecord>
{
    public void Configure(EntityTypeBuilder<InterventionRatingRecord> builder)
    {
        builder.HasOne<Intervention>().WithMany().HasForeignKey(r => r.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.RatedAt });
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.Property(r => r.RatedByName).HasMaxLength(200);
        builder.Property(r => r.RatedByRole).HasMaxLength(20);
    }
}
