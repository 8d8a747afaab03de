using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238) check, where a code works once: RFC 6238 §5.2 says a verifier must not
/// accept the same one-time password twice. Identity accepts a code for about two and a half minutes (two time steps either
/// side), so the last accepted code and when it was accepted are kept with the account (Identity's user tokens) and the
/// same code is refused within <see cref="ReplayWindow"/> (issue #15).
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<AppUser>
{
    public const string Name = "CipnCareAuthenticator";
    private const string LoginProvider = "[CipnCare]";
    private const string TokenName = "LastAuthenticatorCode";

    /// <summary>Longer than the span in which Identity accepts a code.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (await manager.GetAuthenticationTokenAsync(user, LoginProvider, TokenName) is { } last
            && last.Split('|') is [var code, var at]
            && code == token
            && long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < ReplayWindow)
        {
            return false; // used already
        }

        // Saving fails on a concurrent change to the account (its concurrency stamp): then the code is not taken either.
        return (await manager.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, $"{token}|{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}")).Succeeded;
    }
}
