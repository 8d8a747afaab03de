using System.Threading.RateLimiting;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Localization;
using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

/// <summary>How many sign-in attempts are let through (<c>Security:SignIn</c>), per client address and per account.</summary>
public sealed class SignInLimits
{
    public const string Section = "Security:SignIn";

    /// <summary>Attempts from one address per <see cref="WindowMinutes"/> (a clinic behind one address signs in many staff).</summary>
    public int PerAddress { get; set; } = 30;

    /// <summary>
    /// Attempts on one account per <see cref="WindowMinutes"/>: from anywhere unknown, and separately from each device
    /// that has signed in to it before (<see cref="KnownDevices"/>), so strangers cannot use up its owner's attempts.
    /// </summary>
    public int PerAccount { get; set; } = 10;

    public int WindowMinutes { get; set; } = 15;
}

/// <summary>The outcome of a sign-in attempt; <see cref="RetryAfter"/> is set when it was throttled (429).</summary>
public sealed record SignInAttempt(bool Succeeded, AppUser? User, TimeSpan? RetryAfter, bool MfaRequired = false)
{
    /// <summary>The password was right and the account uses a second factor: ask for the code.</summary>
    public const string MfaMessage = "Enter the six-digit code from your authenticator app, or one of your recovery codes.";

    /// <summary>One answer whatever went wrong (unknown email, wrong password, a locked or not-allowed account): it never says whether an account exists.</summary>
    public const string FailureMessage = "The email or password is not correct, or this account cannot sign in now. Ask your administrator if it keeps happening.";

    public string ThrottledMessage => "Too many sign-in attempts for this account. " + SignInRateLimits.TryAgainIn(RetryAfter ?? TimeSpan.FromMinutes(1));
}

/// <summary>
/// Signing in with email and password, the same for the sign-in page and the API (issue #15): failed attempts never
/// lock an account (so strangers cannot lock staff out); instead attempts are throttled per account here — apart for
/// each device the person signed in from before (<see cref="KnownDevices"/>) — and per address by the rate limiter
/// (<see cref="SignInRateLimits"/>), each answering 429 with Retry-After. An unknown email costs the same password
/// hashing as a real one and gets the same answer. Every attempt is audited.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, AuditLog audit, SignInThrottle throttle, TwoFactor twoFactor,
    KnownDevices devices, IHttpContextAccessor http)
{
    private static string? _dummyHash;

    /// <summary>One attempt; <c>code</c> is the second factor (an authenticator or recovery code) for accounts that use one.</summary>
    public async Task<SignInAttempt> SignInAsync(string scheme, string email, string password, string? code, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var context = http.HttpContext ?? throw new InvalidOperationException("Signing in needs the request.");
        var user = await users.FindByEmailAsync(email);
        var device = user is null ? null : devices.DeviceOf(context, user);
        if (throttle.TryAccount(email, device) is { } wait)
        {
            await audit.RecordAsync(null, action, AuditOutcome.Denied, detail: $"throttled: too many attempts on this account{(device is null ? "" : " from this device")}", userName: email, cancellationToken: cancellationToken);
            return new(false, null, wait);
        }

        SignInResult result;
        string? detail = null;
        if (user is null)
        {
            // The same work as checking a real password, so the answer's timing does not reveal that no account exists.
            _dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
            result = SignInResult.Failed;
            detail = "unknown email";
        }
        else
        {
            result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
            if (result.Succeeded && user.TwoFactorEnabled)
            {
                if (string.IsNullOrWhiteSpace(code))
                {
                    await audit.RecordAsync(null, action, AuditOutcome.Denied, detail: "second factor needed", userName: email, cancellationToken: cancellationToken);
                    return new(false, null, null, MfaRequired: true);
                }

                if (!await twoFactor.CheckSecondFactorAsync(user, code))
                {
                    result = SignInResult.Failed;
                    detail = "wrong second factor";
                }
            }

            if (result.Succeeded)
            {
                devices.Remember(context, user); // before signing in: the bearer scheme writes the answer's body
                if (user.Language is { } language)
                {
                    Languages.Remember(context, language); // the language they chose, on this device too
                }
                else if (Languages.Current != Languages.English)
                {
                    // Never chosen, but their browser reads Spanish: their emails follow it too (reminders, replies, resets).
                    user.Language = Languages.Current;
                    await users.UpdateAsync(user);
                }

                signIn.AuthenticationScheme = scheme;
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: user.TwoFactorEnabled ? "mfa" : "pwd");
            }
        }

        await audit.RecordAsync(
            null,
            action,
            result.Succeeded ? AuditOutcome.Success : AuditOutcome.Denied,
            detail: result.Succeeded ? null : detail ?? (result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password"),
            userName: email,
            cancellationToken: cancellationToken);
        return new(result.Succeeded, result.Succeeded ? user : null, null);
    }
}

/// <summary>Attempts per account (a fixed window per normalised email, and per email and known device), in this process.</summary>
public sealed class SignInThrottle(Microsoft.Extensions.Options.IOptions<SignInLimits> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAccount,
            Window = TimeSpan.FromMinutes(options.Value.WindowMinutes),
            QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAccount(string email, string? knownDevice = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        using var lease = _accounts.AttemptAcquire(email.Trim().ToUpperInvariant() + (knownDevice is null ? "" : "|" + knownDevice));
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(options.Value.WindowMinutes);
    }

    public void Dispose() => _accounts.Dispose();
}
