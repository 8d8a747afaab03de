namespace CipnCare.Web.Features.Patients;

/// <summary>
/// What is needed to register a patient. <see cref="LoginPassword"/>, when given, also creates the patient's own
/// login with <see cref="Email"/> as the user name. <see cref="CareTeamId"/> defaults to the caller's team.
/// From another system (FHIR): <see cref="MrnSystem"/> names the system that issued the MRN (null: the site's own),
/// <see cref="OtherIdentifiers"/> are kept as sent, and with <see cref="DiagnosisMayFollow"/> the diagnosis may be left
/// empty (an EHR sends it as a Condition).
/// </summary>
public sealed record NewPatient(
    string? Mrn,
    string? GivenName,
    string? FamilyName,
    DateOnly? BirthDate,
    Sex? Sex,
    string? Phone,
    string? Email,
    string? Diagnosis,
    TreatmentStatus? TreatmentStatus,
    Guid? CareTeamId,
    string? LoginPassword = null)
{
    public string? MrnSystem { get; init; }

    public IReadOnlyList<IdentifierValue> OtherIdentifiers { get; init; } = [];

    public bool DiagnosisMayFollow { get; init; }
}
