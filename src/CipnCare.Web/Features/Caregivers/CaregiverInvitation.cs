namespace CipnCare.Web.Features.Caregivers;

/// <summary>
/// An invitation to care for a patient, sent to an email address. Only a hash of its one-time token is stored; the
/// person who opens the link signs in (or creates a caregiver account) with that email and accepts it.
/// </summary>
public sealed class CaregiverInvitation
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string Email { get; set; } = "";
    public string Relationship { get; set; } = "";
    public CaregiverScope Scope { get; set; }

    /// <summary>When the access it grants ends; null = until revoked.</summary>
    public DateTime? AccessExpiresAt { get; set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public string TokenHash { get; set; } = "";

    public string InvitedByUserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The link works until then (14 days).</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedByUserId { get; set; }
    public DateTime? CancelledAt { get; set; }

    public bool IsOpen(DateTime now) => AcceptedAt is null && CancelledAt is null && ExpiresAt > now;
}
