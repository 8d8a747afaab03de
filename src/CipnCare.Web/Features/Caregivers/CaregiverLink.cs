namespace CipnCare.Web.Features.Caregivers;

/// <summary>
/// A family member or friend who may see a patient's check-ins and report on their behalf.
/// (Scopes, expiry and invitations arrive with the instruments issue.)
/// </summary>
public sealed class CaregiverLink
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string CaregiverUserId { get; set; } = "";

    /// <summary>"Daughter", "Husband", …</summary>
    public string Relationship { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
