using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Fhir;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// SMART on FHIR's endpoints: discovery, authorization (sign-in and consent), token exchange, the EHR launch from a
/// patient's page, and app registration for admins. OpenIddict serves the protocol around them (revocation, JWKS, OpenID
/// configuration).
/// </summary>
public static class SmartApi
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string RevokePath = "/connect/revoke";
    public const string ConsentPath = "/connect/consent";
    public const string LaunchPath = "/connect/launch";

    public static IEndpointRouteBuilder MapSmart(this IEndpointRouteBuilder app)
    {
        // Where SMART clients look (the FHIR base + /.well-known/smart-configuration), and at the site's root.
        app.MapGet("/fhir/.well-known/smart-configuration", Configuration).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/smart-configuration", Configuration).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription();
        app.MapPost(TokenPath, TokenAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(LaunchPath + "/{clientId}", LaunchAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin)).ExcludeFromDescription();

        var admin = app.MapGroup("/api/admin/smart-apps").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("", ListAppsAsync).WithSummary("Registered SMART apps.");
        admin.MapPost("", RegisterAppAsync).WithSummary("Register a SMART app: public (PKCE), confidential (a secret, shown once) or backend (its JWKS).");
        admin.MapDelete("/{clientId}", RemoveAppAsync).WithSummary("Remove a SMART app: it can no longer get tokens, and every token and consent it holds ends at once.");
        return app;
    }

    /// <summary>SMART's discovery document (https://hl7.org/fhir/smart-app-launch/conformance.html).</summary>
    public static IResult Configuration(HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = root + "/",
            ["jwks_uri"] = root + "/.well-known/jwks",
            ["authorization_endpoint"] = root + AuthorizePath,
            ["token_endpoint"] = root + TokenPath,
            ["revocation_endpoint"] = root + RevokePath,
            ["grant_types_supported"] = new[] { GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials },
            ["response_types_supported"] = new[] { ResponseTypes.Code },
            ["code_challenge_methods_supported"] = new[] { CodeChallengeMethods.Sha256 },
            ["token_endpoint_auth_methods_supported"] = new[] { ClientAuthenticationMethods.None, ClientAuthenticationMethods.ClientSecretBasic, ClientAuthenticationMethods.ClientSecretPost, ClientAuthenticationMethods.PrivateKeyJwt },
            ["token_endpoint_auth_signing_alg_values_supported"] = SigningAlgorithms,
            ["scopes_supported"] = ScopesSupported,
            ["capabilities"] = Capabilities,
        });
    }

    private static readonly string[] SigningAlgorithms = ["RS384", "ES384"];

    private static readonly string[] ScopesSupported = [.. SmartScopes.Identity, "patient/*.rs", "patient/*.cruds", "user/*.rs", "user/*.cruds", "system/*.rs"];

    private static readonly string[] Capabilities =
    [
        "launch-ehr", "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
        "context-ehr-patient", "context-standalone-patient", "sso-openid-connect", "permission-offline", "permission-patient",
        "permission-user", "permission-v1", "permission-v2", "authorize-post",
    ];

    private static async Task<IResult> AuthorizeAsync(HttpContext http, SmartAuthorization smart)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not read this authorization request.");
        var query = QueryString.Create(request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!signedIn.Succeeded || signedIn.Principal is not { } user)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + AuthorizePath + query }, [IdentityConstants.ApplicationScheme]);
        }

        return await smart.AuthorizeAsync(user, request, FhirApi.BaseUrl(http.Request), http.RequestAborted) switch
        {
            AuthorizeDecision.AskConsent => Results.Redirect(http.Request.PathBase + ConsentPath + query),
            AuthorizeDecision.Refuse refuse => Refuse(refuse.Error, refuse.Description),
            AuthorizeDecision.Grant grant => Results.SignIn(grant.Principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme),
            _ => throw new InvalidOperationException("Unknown decision."),
        };
    }

    private static async Task<IResult> TokenAsync(HttpContext http, SmartAuthorization smart)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not read this token request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked the service's signed assertion (private_key_jwt) against its registered keys.
            return await smart.BackendAsync(request, http.RequestAborted) is { } service
                ? Results.SignIn(service, TokenResponse(service), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : Refuse(Errors.InvalidScope, "Backend services registered for a care team may ask for system/ read scopes (system/Patient.rs, system/*.rs).");
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "This grant type is not offered.");
        }

        var stored = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (stored is null || await smart.ExchangeAsync(stored, http.RequestAborted) is not { } principal)
        {
            return Refuse(Errors.InvalidGrant, "The account or its access to the patient changed since this was issued: authorize again.");
        }

        return Results.SignIn(principal, TokenResponse(principal), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// What SMART requires beside the access token (https://hl7.org/fhir/smart-app-launch/app-launch.html#response-5):
    /// the granted scopes, always (OpenIddict leaves them out when they equal the request's), and the launch patient.
    /// </summary>
    private static AuthenticationProperties TokenResponse(ClaimsPrincipal principal)
    {
        var parameters = new Dictionary<string, object?> { [Parameters.Scope] = string.Join(' ', principal.GetScopes()) };
        if (SmartClaims.LaunchPatient(principal) is { } patient)
        {
            parameters[SmartClaims.Patient] = patient.ToString();
        }

        return new AuthenticationProperties(items: null, parameters);
    }

    /// <summary>An EHR launch: a clinician opens a registered app for the patient whose page they are on.</summary>
    private static async Task<IResult> LaunchAsync(string clientId, Guid patient, HttpContext http, PatientAccess access, SmartApps apps, SmartTickets tickets)
    {
        if (await apps.FindAsync(clientId, http.RequestAborted) is not { LaunchUri: { } launchUri })
        {
            return Results.NotFound();
        }

        var opened = await access.OpenAsync(http.User, patient, PatientAccessKind.View, $"launch SMART app {clientId}", http.RequestAborted);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return opened.Outcome == AccessOutcome.NotFound ? Results.NotFound() : Results.Forbid();
        }

        var launch = tickets.Launch(new LaunchContext(http.User.RequiredUserId(), clientId, patient));
        var separator = launchUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{launchUri}{separator}iss={Uri.EscapeDataString(FhirApi.BaseUrl(http.Request))}&launch={Uri.EscapeDataString(launch)}");
    }

    private static async Task<Ok<List<SmartAppView>>> ListAppsAsync(SmartApps apps, CancellationToken cancellationToken) =>
        TypedResults.Ok(await apps.ListAsync(cancellationToken));

    private static Task<Results<Created<SmartAppView>, ProblemHttpResult>> RegisterAppAsync(SmartAppRegistration body, ClaimsPrincipal user, SmartApps apps, CancellationToken cancellationToken) =>
        apps.RegisterAsync(user, body, cancellationToken).ToHttpResultAsync(app => TypedResults.Created($"/api/admin/smart-apps/{app.ClientId}", app));

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveAppAsync(string clientId, ClaimsPrincipal user, SmartApps apps, CancellationToken cancellationToken) =>
        apps.RemoveAsync(user, clientId, cancellationToken).ToHttpResultAsync(_ => TypedResults.NoContent());

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
