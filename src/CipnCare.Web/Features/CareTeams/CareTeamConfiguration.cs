using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.CareTeams;

public sealed class CareTeamConfiguration : IEntityTypeConfiguration<CareTeam>
{
    public void Configure(EntityTypeBuilder<CareTeam> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Phone).HasMaxLength(40);
        builder.Property(t => t.OnCallEmail).HasMaxLength(256);
        builder.Property(t => t.ReviewHours).HasMaxLength(200);
        builder.Property(t => t.SpanishReviewHours).HasMaxLength(200);
        builder.Property(t => t.EmergencyNumber).HasMaxLength(40);
        builder.Property(t => t.TimeZone).HasMaxLength(64).HasDefaultValue("UTC");
        builder.Property(t => t.CrisisLine).HasMaxLength(200);
        builder.Property(t => t.SpanishCrisisLine).HasMaxLength(200);
        builder.Property(t => t.AlertThresholdsJson).HasMaxLength(1000);
    }
}
