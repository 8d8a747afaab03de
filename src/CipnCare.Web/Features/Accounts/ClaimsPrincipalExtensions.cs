using System.Security.Claims;

namespace CipnCare.Web.Features.Accounts;

public static class ClaimsPrincipalExtensions
{
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The caller is not signed in.");

    /// <summary>The caller's roles joined for the audit trail ("Clinician").</summary>
    public static string RoleList(this ClaimsPrincipal user) =>
        string.Join(",", Roles.All.Where(user.IsInRole));

    /// <summary>The role a check-in is attributed to; a user with several roles reports in the most specific one.</summary>
    public static string ReportingRole(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Patient) ? Roles.Patient
        : user.IsInRole(Roles.Caregiver) ? Roles.Caregiver
        : user.IsInRole(Roles.Clinician) ? Roles.Clinician
        : Roles.Admin;
}
