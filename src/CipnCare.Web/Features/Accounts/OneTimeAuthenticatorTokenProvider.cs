using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Identity's authenticator provider (it makes the key and the codes' format), with a check where a code works once:
/// RFC 6238 §5.2 says a verifier must not accept the same one-time password twice. Like Identity's own check it accepts
/// codes from two 30-second steps either side of now, on the real clock; Otp.NET says which step a code belongs to, that
/// step is kept with the account (Identity's user tokens), and a code from it or an earlier one is refused, so neither a
/// used code nor an older one still inside the window works again (issue #15).
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider : AuthenticatorTokenProvider<AppUser>
{
    public const string Name = "CipnCareAuthenticator";
    private const string LoginProvider = "[CipnCare]";
    private const string TokenName = "LastAuthenticatorStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key
            || !new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(TimeProvider.System.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 2, future: 2)))
        {
            return false;
        }

        if (await manager.GetAuthenticationTokenAsync(user, LoginProvider, TokenName) is { } last
            && long.TryParse(last, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false; // used already, or older than one that was
        }

        try
        {
            // Saving fails on a concurrent change to the account (its concurrency stamp): then the code is not taken either.
            return (await manager.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, step.ToString(CultureInfo.InvariantCulture))).Succeeded;
        }
        catch (DbUpdateException)
        {
            return false; // two first uses at the same moment: one of them wins
        }
    }
}
