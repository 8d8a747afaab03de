using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Schedules;

public sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> builder)
    {
        builder.HasIndex(r => new { r.PatientId, r.DueAt, r.Kind }).IsUnique();
        builder.Property(r => r.Kind).HasMaxLength(10);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
