namespace CipnCare.Web.Features.EmergencyAccess;

/// <summary>
/// A clinician outside the patient's care team opened their record in an emergency ("break the glass", ONC
/// §170.315(d)(6)): read-only, with a stated reason, until <see cref="ExpiresAt"/>. Never edited or deleted: it is
/// evidence for the admins who review it.
/// </summary>
public sealed class EmergencyAccessGrant
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string ClinicianUserId { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
