namespace CipnCare.Web.Features.Schedules;

/// <summary>A reminder already sent for one due check-in, so each due date is reminded once (and once more when overdue).</summary>
public sealed class ReminderSent
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public DateTime DueAt { get; set; }

    /// <summary>"due" or "overdue".</summary>
    public string Kind { get; set; } = "";
    public DateTime SentAt { get; set; }
    public int Recipients { get; set; }
}
