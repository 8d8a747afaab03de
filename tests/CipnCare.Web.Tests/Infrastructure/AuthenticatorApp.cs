using OtpNet;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// A person's authenticator app, computed by an independent RFC 6238 library against the real clock (Identity checks
/// codes against it). A code works once (RFC 6238 §5.2), so each call gives the code of a later 30-second step than the
/// last — the one before now, now, the one after: all three are still within the steps the app accepts.
/// </summary>
public sealed class AuthenticatorApp(string secret)
{
    private int _step = -1;

    public string NextCode()
    {
        var at = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30 * _step);
        _step = Math.Min(_step + 1, 1);
        return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);
    }

    /// <summary>The code the app shows right now (to show that using it a second time is refused).</summary>
    public string CurrentCode() => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
}
