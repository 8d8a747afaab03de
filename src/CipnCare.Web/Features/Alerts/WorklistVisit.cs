namespace CipnCare.Web.Features.Alerts;

/// <summary>When a clinician last opened the worklist: alerts raised since are "new since you last looked".</summary>
public sealed class WorklistVisit
{
    public string UserId { get; set; } = "";
    public DateTime LastSeenAt { get; set; }
}
