using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Alerts;

/// <summary>When a clinician last opened the worklist: alerts raised since are "new since you last looked".</summary>
public sealed class WorklistVisit
{
    public string UserId { get; set; } = "";
    public DateTime LastSeenAt { get; set; }
}

public sealed class WorklistVisitConfiguration : IEntityTypeConfiguration<WorklistVisit>
{
    public void Configure(EntityTypeBuilder<WorklistVisit> builder)
    {
        builder.HasKey(v => v.UserId);
        builder.Property(v => v.UserId).HasMaxLength(450);
    }
}
