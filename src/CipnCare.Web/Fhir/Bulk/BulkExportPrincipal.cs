using System.Security.Claims;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Smart;
using OpenIddict.Abstractions;

namespace CipnCare.Web.Fhir.Bulk;

/// <summary>
/// The requester of an export as the background worker sees them: the claims <see cref="Features.Patients.PatientAccess"/>
/// and the audit trail read (account, name, roles, a SMART client's care team or launch patient), kept with the job, so
/// the worker opens each patient exactly as the requester would — access is checked again when the job runs.
/// </summary>
public static class BulkExportPrincipal
{
    private static readonly string[] Kept =
    [
        ClaimTypes.NameIdentifier, ClaimTypes.Name, ClaimTypes.Role, SmartClaims.ClientTeam, SmartClaims.OnlyPatient,
        OpenIddictConstants.Claims.Subject, OpenIddictConstants.Claims.ClientId,
    ];

    public static string Write(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return JsonSerializer.Serialize(user.Claims.Where(c => Kept.Contains(c.Type)).Select(c => new[] { c.Type, c.Value }));
    }

    public static ClaimsPrincipal Read(string claimsJson)
    {
        var pairs = JsonSerializer.Deserialize<string[][]>(claimsJson) ?? [];
        return new ClaimsPrincipal(new ClaimsIdentity(pairs.Select(p => new Claim(p[0], p[1])), "bulk-export", ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Who may poll, download and cancel an export: the backend service (<c>client:{id}</c>), the person (<c>user:{id}</c>),
    /// or — through a SMART app — the person with that app, so another app of theirs cannot read it. Null for nobody.
    /// </summary>
    public static string? OwnerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = user.FindFirstValue(OpenIddictConstants.Claims.ClientId);
        if (SmartClaims.ClientTeamOf(user) is not null)
        {
            return $"client:{client ?? user.FindFirstValue(OpenIddictConstants.Claims.Subject)}";
        }

        return user.UserId() is not { } userId ? null
            : client is null ? $"user:{userId}"
            : $"user:{userId}|client:{client}";
    }
}
