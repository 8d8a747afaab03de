using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238) check, where a code works once: RFC 6238 §5.2 says a verifier must not accept
/// the same one-time password twice. Identity accepts codes from two 30-second steps either side of now; the step of the
/// last accepted code is kept with the account (Identity's user tokens) and a code from that step or an earlier one is
/// refused, so neither a used code nor an older one still inside the window works again (issue #15). Identity checks codes
/// against the real clock; the step is found the same way, with Otp.NET.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider : AuthenticatorTokenProvider<AppUser>
{
    public const string Name = "CipnCareAuthenticator";
    private const string LoginProvider = "[CipnCare]";
    private const string TokenName = "LastAuthenticatorStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!await base.ValidateAsync(purpose, token, manager, user) || await manager.GetAuthenticatorKeyAsync(user) is not { } key)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(TimeProvider.System.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 2, future: 2)))
        {
            return false; // the step turned while checking: ask for the next code
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
