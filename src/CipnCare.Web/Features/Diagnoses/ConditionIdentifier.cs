namespace CipnCare.Web.Features.Diagnoses;

/// <summary>
/// An identifier the sending system gave a diagnosis (an EHR's problem-list entry id, FHIR <c>Condition.identifier</c>),
/// kept as sent: it goes back out over FHIR, and a diagnosis sent again with it is not recorded twice.
/// </summary>
public sealed class ConditionIdentifier
{
    public Guid Id { get; set; }
    public Guid ConditionId { get; set; }
    public string System { get; set; } = "";
    public string Value { get; set; } = "";
}
