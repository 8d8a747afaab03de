namespace CipnCare.Web.Features.Caregivers;

/// <summary>What a caregiver may do for the patient.</summary>
public enum CaregiverScope
{
    /// <summary>See the record and report symptoms on the patient's behalf.</summary>
    ReportOnBehalf,

    /// <summary>See the record only.</summary>
    ViewOnly,
}

/// <summary>
/// A family member or friend's access to a patient's record: its scope, until when, and whether it was revoked. One
/// per caregiver and patient; a new invitation accepted after a revocation or expiry renews it (the audit trail keeps
/// every change).
/// </summary>
public sealed class CaregiverLink
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string CaregiverUserId { get; set; } = "";

    /// <summary>"Daughter", "Husband", …</summary>
    public string Relationship { get; set; } = "";

    public CaregiverScope Scope { get; set; } = CaregiverScope.ReportOnBehalf;

    /// <summary>When the access ends by itself; null = until revoked.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }
    public string? RevokedByUserId { get; set; }
    public string? GrantedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
