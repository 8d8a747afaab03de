using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Messages;

/// <summary>
/// A conversation between a patient's side (the patient, their carers) and their care team, about one subject. Whether it
/// waits for the team is kept here, so the worklist and the reply-target round read one row per thread.
/// </summary>
public sealed class MessageThread
{
    public const int SubjectMaxLength = 120;

    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid CareTeamId { get; set; }
    public string Subject { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime LastMessageAt { get; set; }

    /// <summary>The language its subject and first message were written in (a page's, when it was started).</summary>
    public string Language { get; set; } = Languages.English;

    /// <summary>When the oldest message the team has not answered was sent; null when the team wrote last.</summary>
    public DateTime? WaitingSince { get; set; }

    /// <summary>When the team's reply target for <see cref="WaitingSince"/> runs out (its reply time in working days).</summary>
    public DateTime? ReplyDueAt { get; set; }

    /// <summary>Set when the round raised the alert for a reply past its target, so it is raised once per wait.</summary>
    public DateTime? OverdueAlertedAt { get; set; }
}
