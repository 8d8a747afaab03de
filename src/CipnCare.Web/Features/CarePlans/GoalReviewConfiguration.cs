using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.CarePlans;

public sealed class GoalReviewConfiguration : IEntityTypeConfiguration<GoalReview>
{
    public void Configure(EntityTypeBuilder<GoalReview> builder)
    {
        builder.HasOne<Goal>().WithMany().HasForeignKey(r => r.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.ReviewedOn });
        builder.Property(r => r.Note).HasMaxLength(1000);
        builder.Property(r => r.ReviewedByName).HasMaxLength(200);
    }
}
