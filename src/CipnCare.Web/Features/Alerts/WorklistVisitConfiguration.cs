using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Alerts;

public sealed class WorklistVisitConfiguration : IEntityTypeConfiguration<WorklistVisit>
{
    public void Configure(EntityTypeBuilder<WorklistVisit> builder)
    {
        builder.HasKey(v => v.UserId);
        builder.Property(v => v.UserId).HasMaxLength(450);
    }
}
