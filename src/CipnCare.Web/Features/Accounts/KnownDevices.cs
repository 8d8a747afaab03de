using Microsoft.AspNetCore.DataProtection;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Devices a person has signed in from before (OWASP's "device cookies", https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies):
/// after a successful sign-in the browser or API client keeps a signed, encrypted cookie naming the account and a device —
/// one cookie per account, so each person who signs in on a shared clinic computer keeps their own.
/// Attempts that carry it are throttled per account <em>and device</em>, so strangers who exhaust an account's attempts
/// from elsewhere cannot keep its owner out on their own device (issue #15 item 4). The cookie holds no health data and
/// grants nothing by itself: the password (and second factor) are still checked.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookiePrefix = "cipn-device-";

    /// <summary>The account's cookie name: a prefix and a short hash of its id (not the email).</summary>
    public static string CookieNameFor(string userId) =>
        CookiePrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)))[..16];

    /// <summary>How long a device stays known after its last successful sign-in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("CipnCare.Accounts.KnownDevice.v1").ToTimeLimitedDataProtector();

    /// <summary>The device id the request's cookie names for this account, or null (no cookie, another account, forged or expired).</summary>
    public string? DeviceOf(HttpContext context, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        if (context.Request.Cookies[CookieNameFor(user.Id)] is not { Length: > 0 and < 1024 } cookie)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(cookie, out var expires).Split('|');
            return parts.Length == 2 && parts[0] == user.Id && expires > clock.GetUtcNow() ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Remembers this device for the account (a new device id unless it already had one for it).</summary>
    public void Remember(HttpContext context, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var device = DeviceOf(context, user) ?? Guid.NewGuid().ToString("N");
        var expires = clock.GetUtcNow().Add(Lifetime);
        context.Response.Cookies.Append(CookieNameFor(user.Id), _protector.Protect($"{user.Id}|{device}", expires), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            Expires = expires,
            Path = "/",
        });
    }
}
