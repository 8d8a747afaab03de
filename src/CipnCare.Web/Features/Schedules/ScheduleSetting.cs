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
