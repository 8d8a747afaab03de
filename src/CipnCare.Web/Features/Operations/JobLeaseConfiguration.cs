using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Operations;

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(50);
        builder.Property(l => l.HeldBy).HasMaxLength(100);
        builder.HasData(
            new JobLease { Name = JobLease.Reminders, HeldUntil = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc) },
            new JobLease { Name = JobLease.MessageTargets, HeldUntil = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc) });
    }
}
