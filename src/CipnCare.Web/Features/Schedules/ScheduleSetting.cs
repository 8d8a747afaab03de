using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CipnCare.Web.Features.Schedules;

/// <summary>
/// A care team's choices for one patient's check-in schedule: an interval other than the default, and the date
/// neurotoxic treatment ended (otherwise the last recorded dose is taken). No row means the default plan.
/// </summary>
public sealed class ScheduleSetting
{
    public Guid PatientId { get; set; }
    public int? IntervalDays { get; set; }
    public DateOnly? TreatmentEndedOn { get; set; }
    public string ChangedByUserId { get; set; } = "";
    public DateTime ChangedAt { get; set; }
}

public sealed class ScheduleSettingConfiguration : IEntityTypeConfiguration<ScheduleSetting>
{
    public void Configure(EntityTypeBuilder<ScheduleSetting> builder)
    {
        builder.HasKey(s => s.PatientId);
        builder.HasOne<Patient>().WithOne().HasForeignKey<ScheduleSetting>(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.ChangedByUserId).HasMaxLength(450);
    }
}
