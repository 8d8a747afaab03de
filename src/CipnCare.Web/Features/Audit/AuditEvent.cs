namespace CipnCare.Web.Features.Audit;

/// <summary>Who did what to which patient's data, when, from where, and how it ended.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public Guid? PatientId { get; set; }

    /// <summary>A short verb phrase: "read patient", "create check-in", "search patients", "sign in".</summary>
    public string Action { get; set; } = "";

    public AuditOutcome Outcome { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>Method and path, never the query string or body (they can hold patient data).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Non-identifying detail: counts, ids, the reason for a refusal.</summary>
    public string? Detail { get; set; }

    /// <summary>The event's place in the one audit chain (1, 2, 3 …; no gaps).</summary>
    public long? Seq { get; set; }

    /// <summary>The previous event's <see cref="Hash"/> (null for the first).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 of this event's content and <see cref="PreviousHash"/>, hex: editing or deleting any event breaks the chain.</summary>
    public string? Hash { get; set; }
}
