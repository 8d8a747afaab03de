namespace CipnCare.Web.Features.Patients;

/// <summary>Administrative sex, as FHIR R4 AdministrativeGender (male | female | other | unknown).</summary>
public enum Sex
{
    Female,
    Male,
    Other,
    Unknown,
}
