using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// The claims a SMART token carries, and the principal a request made with one becomes. The token holds the same claims a
/// sign-in does (user id, roles, security stamp, how the person signed in), so <see cref="Patients.PatientAccess"/>, the
/// bearer checks and the staff MFA rule treat the request exactly as one from that person.
/// </summary>
public static class SmartClaims
{
    /// <summary>The launch patient (standalone or EHR launch); also returned beside the access token as <c>patient</c>.</summary>
    public const string Patient = "patient";

    /// <summary>
    /// Added to a request's principal (never to a token) when only a <c>patient/</c> scope allows what it does: the one
    /// patient <see cref="Patients.PatientAccess"/> may then open.
    /// </summary>
    public const string OnlyPatient = "cipn:only_patient";

    /// <summary>A backend service's care team (SMART Backend Services): the patients its token may read. No person stands behind it.</summary>
    public const string ClientTeam = "cipn:client_team";

    /// <summary>The FHIR resource of the person (<c>Patient/{id}</c>), for a patient who signs in; SMART's fhirUser.</summary>
    public const string FhirUser = "fhirUser";

    /// <summary>The principal for tokens issued to <paramref name="account"/> with the granted scopes and launch patient.</summary>
    public static ClaimsPrincipal For(AppUser account, IEnumerable<string> roles, string securityStamp, bool signedInWithMfa, IEnumerable<string> scopes, Guid? patient, string? fhirUser)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity("SMART", ClaimTypes.Name, ClaimTypes.Role);
        identity.SetClaim(Claims.Subject, account.Id);
        identity.SetClaim(ClaimTypes.NameIdentifier, account.Id);
        identity.SetClaim(ClaimTypes.Name, account.UserName);
        identity.SetClaim(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType, securityStamp);
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        if (signedInWithMfa)
        {
            identity.SetClaim(ClaimTypes.AuthenticationMethod, "mfa");
        }

        if (patient is { } id)
        {
            identity.SetClaim(Patient, id.ToString());
        }

        if (fhirUser is not null)
        {
            identity.SetClaim(FhirUser, fhirUser);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(claim => claim.Type switch
        {
            // The id token (openid) says who signed in; everything goes into the access token the FHIR endpoint reads.
            Claims.Subject or FhirUser => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return principal;
    }

    /// <summary>The principal for a backend service's token: the service itself, its care team and its (read-only) system scopes.</summary>
    public static ClaimsPrincipal ForBackend(string clientId, string name, Guid careTeam, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity("SMART", ClaimTypes.Name, ClaimTypes.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(ClaimTypes.Name, $"{name} (SMART backend service {clientId})");
        identity.SetClaim(ClientTeam, careTeam.ToString());
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(_ => [Destinations.AccessToken]);
        return principal;
    }

    public static Guid? ClientTeamOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClientTeam), out var id) ? id : null;

    /// <summary>
    /// The principal OpenIddict validated, as the rest of the app reads one: roles under <see cref="ClaimTypes.Role"/>
    /// (so <c>IsInRole</c> works) and the name under <see cref="ClaimTypes.Name"/>.
    /// </summary>
    public static ClaimsPrincipal AsAppPrincipal(ClaimsPrincipal validated)
    {
        ArgumentNullException.ThrowIfNull(validated);
        return new ClaimsPrincipal(new ClaimsIdentity(validated.Claims, "SMART", ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Guid? LaunchPatient(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Patient), out var id) ? id : null;

    public static Guid? OnlyPatientOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(OnlyPatient), out var id) ? id : null;
}
