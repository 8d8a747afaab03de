namespace CipnCare.Web.Features.Patients;

/// <summary>
/// An identifier another system gave the patient (an EHR's enterprise number, a national id), kept as sent so the
/// patient can be found by it and it goes back out over FHIR. The record number staff see is <see cref="Patient.Mrn"/>.
/// </summary>
public sealed class PatientIdentifier
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string System { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>An identifier as a system and a value (<see cref="PatientIdentifier"/> without its keys).</summary>
public sealed record IdentifierValue(string System, string Value);

/// <summary>
/// The one rule for an identifier's system wherever one is taken (a patient's identifiers and record number, a diagnosis's
/// identifiers): FHIR's Identifier.system is a uri, which has no whitespace (https://hl7.org/fhir/R4/datatypes.html#uri),
/// and names a namespace, so it is absolute (https://hl7.org/fhir/R4/datatypes-definitions.html#Identifier.system). Here:
/// an absolute URI, well formed (nothing a URI must escape, so no spaces), of up to
/// <see cref="PatientIdentifierConfiguration.SystemMaxLength"/> characters once trimmed.
/// </summary>
public static class IdentifierSystem
{
    public static bool IsValid(string? system) =>
        system?.Trim() is { Length: > 0 and <= PatientIdentifierConfiguration.SystemMaxLength } trimmed && Uri.IsWellFormedUriString(trimmed, UriKind.Absolute);
}
