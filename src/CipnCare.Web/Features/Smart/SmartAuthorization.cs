using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CipnCare.Web.Features.Smart;

/// <summary>What the consent screen shows: the app, what it asks in plain words, and the patient (fixed by a launch, or to choose).</summary>
public sealed record ConsentScreen(string AppName, IReadOnlyList<string> Asks, bool NeedsPatient, PatientChoice? LaunchPatient, IReadOnlyList<PatientChoice> Choices)
{
    /// <summary>Where the answer sends the browser in the end: the origin of the app's redirect URI, when it is one registered.</summary>
    public string? RedirectOrigin { get; init; }
}

public sealed record PatientChoice(Guid Id, string Name, string Mrn);

/// <summary>What the authorization endpoint does with a request: ask for consent, refuse (back to the app), or grant.</summary>
public abstract record AuthorizeDecision
{
    public sealed record AskConsent : AuthorizeDecision;

    public sealed record Refuse(string Error, string Description) : AuthorizeDecision;

    public sealed record Grant(ClaimsPrincipal Principal) : AuthorizeDecision;
}

/// <summary>
/// SMART App Launch (https://hl7.org/fhir/smart-app-launch/app-launch.html) on top of OpenIddict, which checks the
/// protocol (client, redirect URI, PKCE, codes, refresh tokens). This decides what is granted: the scopes we know, after
/// the person's consent, for a launch patient they may see (<see cref="PatientAccess"/>, audited), as the person they
/// are — a token never reaches more than the person could, and its scopes narrow that further (<see cref="SmartRequests"/>).
/// </summary>
public sealed class SmartAuthorization(CipnDbContext db, UserManager<AppUser> users, AccountStanding standing, PatientAccess access, AuditLog audit, SmartTickets tickets, SmartApps apps)
{
    /// <summary>The query parameter that carries the consent screen's answer back to the authorization endpoint.</summary>
    public const string ConsentParameter = "cipn_consent";
    public const string Declined = "declined";

    public async Task<AuthorizeDecision> AuthorizeAsync(ClaimsPrincipal user, OpenIddictRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = user.RequiredUserId();
        var clientId = request.ClientId ?? "";
        if (!SameUrl((string?)request["aud"], fhirBase))
        {
            return await RefuseAsync(user, clientId, Errors.InvalidRequest, $"The aud parameter must be this server's FHIR base URL, {fhirBase}.", cancellationToken);
        }

        var granted = SmartScopes.Grantable(request.GetScopes(), backend: false);
        if (granted.Count == 0)
        {
            return await RefuseAsync(user, clientId, Errors.InvalidScope, "None of the requested scopes is offered here. See /.well-known/smart-configuration.", cancellationToken);
        }

        Guid? launchPatient = null;
        if (granted.Contains(SmartScopes.Launch))
        {
            launchPatient = tickets.ReadLaunch((string?)request["launch"], userId, clientId);
            if (launchPatient is null)
            {
                return await RefuseAsync(user, clientId, Errors.InvalidRequest, "The launch has expired or was started by someone else: open the app again from the patient's page.", cancellationToken);
            }
        }

        var answer = (string?)request[ConsentParameter];
        if (answer == Declined)
        {
            return await RefuseAsync(user, clientId, Errors.AccessDenied, "The person did not allow access.", cancellationToken);
        }

        if (tickets.ReadConsent(answer) is not { } consent || consent.UserId != userId || consent.ClientId != clientId || consent.Scope != (request.Scope ?? "")
            || consent.RedirectUri != (request.RedirectUri ?? "") || consent.CodeChallenge != (request.CodeChallenge ?? "")
            || (launchPatient is not null && consent.PatientId != launchPatient)
            || (NeedsPatient(granted) && consent.PatientId is null))
        {
            return new AuthorizeDecision.AskConsent();
        }

        var patient = NeedsPatient(granted) ? consent.PatientId : null;
        if (patient is { } patientId)
        {
            var opened = await access.OpenAsync(user, patientId, PatientAccessKind.View, $"authorize SMART app {clientId}", cancellationToken);
            if (opened.Outcome != AccessOutcome.Allowed)
            {
                return new AuthorizeDecision.Refuse(Errors.AccessDenied, "You may not open this patient's record.");
            }
        }

        if (await standing.StillValidAsync(user, cancellationToken) is not { } account)
        {
            return await RefuseAsync(user, clientId, Errors.AccessDenied, "Your account changed since you signed in: sign in again.", cancellationToken);
        }

        var principal = SmartClaims.For(
            account,
            await users.GetRolesAsync(account),
            await users.GetSecurityStampAsync(account),
            user.HasClaim(ClaimTypes.AuthenticationMethod, "mfa"),
            granted,
            patient,
            granted.Contains(SmartScopes.FhirUser) ? await FhirUserAsync(account, fhirBase, cancellationToken) : null);
        await audit.RecordAsync(user, "authorize SMART app", AuditOutcome.Success, patient, $"{clientId}: {string.Join(' ', granted)}", cancellationToken: cancellationToken);
        return new AuthorizeDecision.Grant(principal);
    }

    /// <summary>The consent screen for an authorization request (its query), or null when the app is not registered.</summary>
    public async Task<ConsentScreen?> ConsentScreenAsync(ClaimsPrincipal user, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (await apps.FindAsync(query["client_id"].ToString(), cancellationToken) is not { } app)
        {
            return null;
        }

        var redirect = query["redirect_uri"].ToString();
        var redirectOrigin = app.RedirectUris.Contains(redirect) ? new Uri(redirect).GetLeftPart(UriPartial.Authority) : null;
        var granted = SmartScopes.Grantable(query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries), backend: false);
        var asks = granted.Select(SmartScopes.Describe).Distinct(StringComparer.Ordinal).ToList();
        var visible = access.Visible(user).AsNoTracking().OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName);
        if (granted.Contains(SmartScopes.Launch))
        {
            var launched = tickets.ReadLaunch(query["launch"], user.RequiredUserId(), query["client_id"].ToString());
            var patient = await visible.Where(p => p.Id == launched).Select(p => new PatientChoice(p.Id, p.GivenName + " " + p.FamilyName, p.Mrn)).FirstOrDefaultAsync(cancellationToken);
            return new ConsentScreen(app.Name, asks, true, patient, []) { RedirectOrigin = redirectOrigin };
        }

        var needsPatient = NeedsPatient(granted);
        var choices = needsPatient
            ? await visible.Take(ConsentChoicesShown).Select(p => new PatientChoice(p.Id, p.GivenName + " " + p.FamilyName, p.Mrn)).ToListAsync(cancellationToken)
            : [];
        return new ConsentScreen(app.Name, asks, needsPatient, null, choices) { RedirectOrigin = redirectOrigin };
    }

    /// <summary>How many patients the consent screen offers to choose from (a clinician's first, by family name).</summary>
    public const int ConsentChoicesShown = 100;

    /// <summary>
    /// The consent screen's answer, as the address to go back to: the authorization request with the consent (or the
    /// refusal) added. The authorization endpoint checks everything again; this only records what the person chose.
    /// </summary>
    public string AnswerUrl(ClaimsPrincipal user, IQueryCollection query, bool allowed, Guid? patient)
    {
        ArgumentNullException.ThrowIfNull(query);
        var answer = allowed
            ? tickets.Consent(new Consent(user.RequiredUserId(), query["client_id"].ToString(), query["scope"].ToString(), query["redirect_uri"].ToString(), query["code_challenge"].ToString(), patient))
            : Declined;
        var forwarded = query.Where(p => p.Key != ConsentParameter).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            .Append(KeyValuePair.Create(ConsentParameter, (string?)answer));
        return SmartApi.AuthorizePath + QueryString.Create(forwarded);
    }

    /// <summary>
    /// A code or refresh token is exchanged: the token's person must still stand as when it was issued (password, lock,
    /// roles) and still see the launch patient (a carer whose access ended gets nothing more). Null means refuse.
    /// </summary>
    public async Task<ClaimsPrincipal?> ExchangeAsync(ClaimsPrincipal stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var asApp = SmartClaims.AsAppPrincipal(stored);
        if (await standing.StillValidAsync(asApp, cancellationToken) is null)
        {
            return null;
        }

        if (SmartClaims.LaunchPatient(stored) is { } patient && !await access.Visible(asApp).AnyAsync(p => p.Id == patient, cancellationToken))
        {
            return null;
        }

        return stored;
    }

    /// <summary>
    /// A backend service's token (SMART Backend Services, client_credentials): for a service registered with its keys and a
    /// care team, the system/ scopes it asked for that only read (r, s). Null when there is none to grant.
    /// </summary>
    public async Task<ClaimsPrincipal?> BackendAsync(OpenIddictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await apps.FindAsync(request.ClientId ?? "", cancellationToken) is not { Kind: SmartAppKind.Backend, CareTeamId: { } team } app)
        {
            return null;
        }

        var granted = SmartScopes.Grantable(request.GetScopes(), backend: true)
            .Where(s => SmartScopes.Parse(s) is { } scope && scope.Permissions.All(p => p is 'r' or 's'))
            .ToList();
        if (granted.Count == 0)
        {
            return null;
        }

        var principal = SmartClaims.ForBackend(app.ClientId, app.Name, team, granted);
        await audit.RecordAsync(principal, "SMART backend service token", AuditOutcome.Success, detail: $"{app.ClientId}: {string.Join(' ', granted)}", cancellationToken: cancellationToken);
        return principal;
    }

    /// <summary>Whether the scopes need a patient chosen: a launch, or a <c>patient/</c> scope.</summary>
    public static bool NeedsPatient(IReadOnlyCollection<string> granted) =>
        granted.Contains(SmartScopes.Launch) || granted.Contains(SmartScopes.LaunchPatient) || SmartScopes.Clinical(granted).Any(s => s.Context == ScopeContext.Patient);

    private async Task<string?> FhirUserAsync(AppUser account, string fhirBase, CancellationToken cancellationToken) =>
        await db.Patients.Where(p => p.UserId == account.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken) is { } own
            ? $"{fhirBase}/Patient/{own}"
            : null;

    private async Task<AuthorizeDecision> RefuseAsync(ClaimsPrincipal user, string clientId, string error, string description, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(user, "authorize SMART app", AuditOutcome.Denied, detail: $"{clientId}: {description}", cancellationToken: cancellationToken);
        return new AuthorizeDecision.Refuse(error, description);
    }

    private static bool SameUrl(string? given, string expected) =>
        given is not null && string.Equals(given.TrimEnd('/'), expected.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
