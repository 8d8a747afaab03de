namespace CipnCare.Web.Features.Notifications;

/// <summary>
/// An email waiting to be sent, written in the same transaction as what caused it, so nothing is sent for a change
/// that was rolled back and nothing is lost when the mail relay is down: it is retried until delivered.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>What it is for ("caregiver-invitation", …), for the operators' view.</summary>
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>When the dispatcher gave up: the message can never be sent (an address the mail library cannot parse). Kept for operators.</summary>
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Until when one dispatcher has it (several instances): the others leave it alone meanwhile.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>Which instance claimed it (machine and process), for operators.</summary>
    public string? ClaimedBy { get; set; }
}
