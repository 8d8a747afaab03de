using System.Security.Claims;
using CipnCare.Web.Fhir;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// Requests made with a SMART access token: they reach only the FHIR endpoint, and only what a granted scope allows
/// (403 with an OperationOutcome otherwise). When only a <c>patient/</c> scope allows the interaction, the request is
/// held to the launch patient (<see cref="SmartClaims.OnlyPatient"/>, read by <see cref="Patients.PatientAccess"/>).
/// </summary>
public static class SmartRequests
{
    /// <summary>A bearer token in JWT form (three or five dot-separated parts) is a SMART token; ours from /api/auth/login have no dots.</summary>
    public static bool HasSmartToken(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is var header
        && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && header.AsSpan(7).Contains('.');

    /// <summary>The scheme that reads the request's bearer token.</summary>
    public static string Scheme => OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    public static IApplicationBuilder UseSmartScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HasSmartToken(context) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        if (!context.Request.Path.StartsWithSegments("/fhir"))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "This token is for the FHIR API (/fhir) only.");
            return;
        }

        var validated = context.User;
        var principal = SmartClaims.AsAppPrincipal(validated);
        if (FhirInteraction.Of(context.Request.Method, context.Request.Path) is { } interaction)
        {
            var scopes = SmartScopes.Clinical(validated.GetScopes());
            switch (SmartScopes.Deciding(scopes, interaction.ResourceType, interaction.Permissions))
            {
                case null:
                    await RefuseAsync(context, StatusCodes.Status403Forbidden, $"The token's scopes do not allow this ({interaction.ResourceType}.{interaction.Permissions}). Ask for a scope that does.");
                    return;
                case ScopeContext.Patient when interaction.ResourceType == "Patient" && interaction.Permissions.Contains('c', StringComparison.Ordinal):
                    await RefuseAsync(context, StatusCodes.Status403Forbidden, "A patient/ scope is about the launch patient: it cannot register another patient. Ask for user/Patient.c.");
                    return;
                case ScopeContext.Patient when !SmartScopes.SharedTypes.Contains(interaction.ResourceType):
                    if (SmartClaims.LaunchPatient(validated) is not { } patient)
                    {
                        await RefuseAsync(context, StatusCodes.Status403Forbidden, "A patient/ scope needs a launch patient: ask for launch/patient.");
                        return;
                    }

                    ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SmartClaims.OnlyPatient, patient.ToString()));
                    break;
                case ScopeContext.Patient or ScopeContext.User or ScopeContext.System:
                    break;
            }
        }

        context.User = principal;
        await next(context);
    });

    private static Task RefuseAsync(HttpContext context, int status, string message) =>
        FhirResult.Problem(status, message).ExecuteAsync(context);
}
