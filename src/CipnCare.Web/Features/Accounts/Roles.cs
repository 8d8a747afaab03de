namespace CipnCare.Web.Features.Accounts;

/// <summary>The four roles. Names are part of the contract (tokens, audit): do not rename.</summary>
public static class Roles
{
    public const string Patient = "Patient";
    public const string Caregiver = "Caregiver";
    public const string Clinician = "Clinician";
    public const string Admin = "Admin";

    public const string ClinicianOrAdmin = Clinician + "," + Admin;

    public static IReadOnlyList<string> All { get; } = [Patient, Caregiver, Clinician, Admin];
}
