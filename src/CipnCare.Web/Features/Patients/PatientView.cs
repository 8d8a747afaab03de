namespace CipnCare.Web.Features.Patients;

public sealed record PatientView(
    Guid Id,
    string Mrn,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    Sex Sex,
    string? Phone,
    string? Email,
    string Diagnosis,
    TreatmentStatus TreatmentStatus,
    Guid CareTeamId,
    string CareTeamName,
    string CareTeamPhone,
    bool HasLogin)
{
    public string FullName => $"{GivenName} {FamilyName}";

    public static PatientView From(Patient p, string careTeamName, string careTeamPhone) => new(
        p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Phone, p.Email, p.Diagnosis, p.TreatmentStatus,
        p.CareTeamId, careTeamName, careTeamPhone, p.UserId is not null);
}
