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
