namespace CipnCare.Web.Features.Patients;

/// <summary>
/// What is needed to register a patient. <see cref="LoginPassword"/>, when given, also creates the patient's own
/// login with <see cref="Email"/> as the user name. <see cref="CareTeamId"/> defaults to the caller's team.
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
    string? LoginPassword = null);
