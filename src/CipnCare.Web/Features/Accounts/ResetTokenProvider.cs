using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Password-reset tokens: the user, purpose, security stamp and issue time, encrypted with the app's Data Protection
/// keys (shared by every instance). Identity's own <c>DataProtectorTokenProvider</c> reads the system clock, so its
/// expiry cannot follow the app's <see cref="TimeProvider"/>; this one does. A token works until
/// <see cref="AccountSecurity.ResetLinkLifetime"/> has passed or the security stamp changes (using it changes it), so
/// it works once.
/// </summary>
public sealed class ResetTokenProvider(IDataProtectionProvider protection, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "CipnCareReset";

    private readonly IDataProtector _protector = protection.CreateProtector("CipnCare.PasswordReset.v1");

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var issued = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var stamp = await manager.GetSecurityStampAsync(user);
        return _protector.Protect(string.Join('\n', issued, await manager.GetUserIdAsync(user), purpose, stamp));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        var parts = payload.Split('\n');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued)
            && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) is { } age && age >= TimeSpan.Zero && age <= AccountSecurity.ResetLinkLifetime
            && parts[1] == await manager.GetUserIdAsync(user)
            && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);
}
