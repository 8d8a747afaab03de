using System.Globalization;
using System.Security.Claims;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CipnCare.Web.Features.Accounts;

/// <summary>A new authenticator secret, as the person types it and as an authenticator app scans it.</summary>
public sealed record MfaEnrollment(string Secret, string OtpauthUri);

/// <summary>Multi-factor authentication is on; these one-time codes work once each when the phone is lost.</summary>
public sealed record MfaConfirmed(IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// Multi-factor authentication (ONC §170.315(d)(13); issue #15): a TOTP authenticator (RFC 6238: six digits, 30 seconds,
/// Identity's authenticator token provider) with ten one-time recovery codes, for every account. With
/// <c>Security:RequireStaffMfa</c> (on by default outside Development) clinicians and admins must enrol before they can
/// do anything else. Every step is audited; messages are in the reader's language.
/// </summary>
public sealed class TwoFactor(UserManager<AppUser> users, IUserStore<AppUser> store, AuditLog audit, IConfiguration configuration, IHostEnvironment environment, SignInThrottle throttle, IStringLocalizer<TwoFactor> L)
{
    public const string Issuer = "CIPN Care";
    public const int RecoveryCodeCount = 10;

    /// <summary>Whether the configuration requires staff to use MFA (default: on outside Development).</summary>
    public static bool StaffMfaRequired(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Security:RequireStaffMfa") ?? !environment.IsDevelopment();

    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Admin);

    /// <summary>Whether this person must use MFA: staff, while <c>Security:RequireStaffMfa</c> is on.</summary>
    public bool MustUse(ClaimsPrincipal user) => IsStaff(user) && StaffMfaRequired(configuration, environment);

    /// <summary>A fresh secret (an earlier, unconfirmed one stops working); MFA turns on only when a code from it is confirmed.</summary>
    public async Task<Outcome<MfaEnrollment>> EnrollAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Outcome.NotFound(L["There is no such account."]);
        }

        if (user.TwoFactorEnabled)
        {
            return Outcome.Conflict("mfa", L["Multi-factor authentication is already on for this account."]);
        }

        // Not ResetAuthenticatorKeyAsync: that renews the security stamp and would sign the person out mid-set-up.
        var secret = users.GenerateNewAuthenticatorKey();
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, secret, cancellationToken);
        await users.UpdateAsync(user);
        await audit.RecordAsync(principal, "start MFA enrolment", AuditOutcome.Success, cancellationToken: cancellationToken);
        return Outcome.Ok(new MfaEnrollment(secret, OtpauthUri(user.Email!, secret)));
    }

    public async Task<Outcome<MfaConfirmed>> ConfirmAsync(ClaimsPrincipal principal, string? code, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Outcome.NotFound(L["There is no such account."]);
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return Outcome.Invalid("code", L["Start the set-up first: scan the code or type the secret into your authenticator app."]);
        }

        if (await ThrottledAsync(principal, user, "confirm MFA", cancellationToken) is { } throttled)
        {
            return throttled;
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code)))
        {
            await audit.RecordAsync(principal, "confirm MFA", AuditOutcome.Invalid, detail: "wrong code", cancellationToken: cancellationToken);
            return Outcome.Invalid("code", L["That code is not right. Type the six digits your authenticator app shows now."]);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await users.UpdateSecurityStampAsync(user); // other sessions and tokens sign in again, with the second factor
        await audit.RecordAsync(principal, "confirm MFA", AuditOutcome.Success, cancellationToken: cancellationToken);
        return Outcome.Ok(new MfaConfirmed(codes));
    }

    /// <summary>Ten new recovery codes (the old ones stop working), for a person who shows a current code.</summary>
    public async Task<Outcome<MfaConfirmed>> RenewRecoveryCodesAsync(ClaimsPrincipal principal, string? code, CancellationToken cancellationToken)
    {
        const string action = "renew MFA recovery codes";
        var proven = await ProvenAsync(principal, code, action, cancellationToken);
        if (!proven.IsOk)
        {
            return proven.Failure!;
        }

        var user = proven.Value;

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAsync(principal, action, AuditOutcome.Success, cancellationToken: cancellationToken);
        return Outcome.Ok(new MfaConfirmed(codes));
    }

    /// <summary>
    /// Turns multi-factor authentication off for a person who shows a current code; refused (403) for staff while
    /// <c>Security:RequireStaffMfa</c> is on. Other sessions sign in again.
    /// </summary>
    public async Task<Outcome<Done>> TurnOffAsync(ClaimsPrincipal principal, string? code, CancellationToken cancellationToken)
    {
        const string action = "turn off MFA";
        if (MustUse(principal))
        {
            await audit.RecordAsync(principal, action, AuditOutcome.Denied, detail: "staff must use MFA", cancellationToken: cancellationToken);
            return Outcome.Denied("Staff accounts keep multi-factor authentication on. For a new phone, sign in with a recovery code and ask your administrator.");
        }

        var proven = await ProvenAsync(principal, code, action, cancellationToken);
        if (!proven.IsOk)
        {
            return proven.Failure!;
        }

        var user = proven.Value;

        await users.SetTwoFactorEnabledAsync(user, false);
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, null!, cancellationToken); // set-up starts afresh
        await users.UpdateSecurityStampAsync(user); // saves, and ends other sessions
        await audit.RecordAsync(principal, action, AuditOutcome.Success, detail: "other sessions ended", cancellationToken: cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// The account when MFA is on and <paramref name="code"/> is a current authenticator code or an unused recovery code;
    /// refused (without looking at the code) when too many codes were tried on it.
    /// </summary>
    private async Task<Outcome<AppUser>> ProvenAsync(ClaimsPrincipal principal, string? code, string action, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is not null && await ThrottledAsync(principal, user, action, cancellationToken) is { } throttled)
        {
            return throttled;
        }

        if (user is { TwoFactorEnabled: true } && await CheckSecondFactorAsync(user, code))
        {
            return Outcome.Ok(user);
        }

        await audit.RecordAsync(principal, action, AuditOutcome.Invalid, detail: "wrong code or MFA off", cancellationToken: cancellationToken);
        return Outcome.Invalid("code", L["That code is not right. Type the six digits your authenticator app shows now, or one of your recovery codes."]);
    }

    /// <summary>
    /// Codes tried on a signed-in account's MFA settings are throttled like sign-in attempts (per account, <c>Security:SignIn</c>),
    /// so a stolen session cannot guess its way to turning MFA off or to new recovery codes.
    /// </summary>
    private async Task<Failure?> ThrottledAsync(ClaimsPrincipal principal, AppUser user, string action, CancellationToken cancellationToken)
    {
        if (throttle.TryAccount("mfa:" + user.Id) is not { } wait)
        {
            return null;
        }

        await audit.RecordAsync(principal, action, AuditOutcome.Denied, detail: "throttled: too many codes tried", cancellationToken: cancellationToken);
        return Outcome.TooManyAttempts("code", L["Too many codes tried on this account."] + " " + L["Try again in {0} minutes.", SignInRateLimits.WholeMinutes(wait)], wait);
    }

    /// <summary>A code from the authenticator app, or an unused recovery code (then used up).</summary>
    public async Task<bool> CheckSecondFactorAsync(AppUser user, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code))
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, code.Trim())).Succeeded;
    }

    /// <summary>The key-URI an authenticator app scans (issuer and account label, six digits, 30 seconds).</summary>
    public static string OtpauthUri(string email, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString($"{Issuer}:{email}")}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The QR code of an enrolment as SVG, drawn by QRCoder.</summary>
    public static string QrSvg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }

    private static string Digits(string? code) => string.Concat((code ?? "").Where(char.IsAsciiDigit)).ToString(CultureInfo.InvariantCulture);
}
