using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// What a person allowed on the consent screen: for which app, which scopes, to which redirect URI, for which PKCE
/// challenge (so it is worth nothing to any other authorization request) and, for a launch, which patient.
/// </summary>
public sealed record Consent(string UserId, string ClientId, string Scope, string RedirectUri, string CodeChallenge, Guid? PatientId);

/// <summary>An EHR launch: who opened which app from which patient's page.</summary>
public sealed record LaunchContext(string UserId, string ClientId, Guid PatientId);

/// <summary>
/// Short-lived, tamper-proof values that travel through the browser during an authorization: the EHR launch parameter
/// (an app started from a patient's page) and the consent just given. Protected with Data Protection, so every instance
/// reads them, and bound to the person: someone else's launch or consent is worthless.
/// </summary>
public sealed class SmartTickets(IDataProtectionProvider protection)
{
    public static readonly TimeSpan LaunchLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ConsentLifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _launch = protection.CreateProtector("CipnCare.Smart.Launch").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector _consent = protection.CreateProtector("CipnCare.Smart.Consent").ToTimeLimitedDataProtector();

    public string Launch(LaunchContext context) => _launch.Protect(JsonSerializer.Serialize(context), LaunchLifetime);

    /// <summary>The launch's patient when <paramref name="launch"/> is a launch of this app this person started, not expired.</summary>
    public Guid? ReadLaunch(string? launch, string userId, string clientId) =>
        Read<LaunchContext>(_launch, launch) is { } context && context.UserId == userId && context.ClientId == clientId ? context.PatientId : null;

    public string Consent(Consent consent) => _consent.Protect(JsonSerializer.Serialize(consent), ConsentLifetime);

    public Consent? ReadConsent(string? consent) => Read<Consent>(_consent, consent);

    private static T? Read<T>(ITimeLimitedDataProtector protector, string? value)
        where T : class
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(value));
        }
        catch (CryptographicException)
        {
            return null; // altered, expired or from another purpose
        }
    }
}
