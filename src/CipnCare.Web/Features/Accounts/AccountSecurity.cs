using System.Net.Mail;
using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// A person's own password and sessions (issue #15): change the password, sign out everywhere, and reset a forgotten
/// password by email. Each renews the account's security stamp, which ends every other session: bearer tokens at once
/// (<see cref="AccountSetup.UseBearerTokenChecks"/>), sign-in cookies within a minute. Every step is audited.
/// Messages are in the reader's language (the request's); the reset email in the one the account chose.
/// </summary>
public sealed class AccountSecurity(UserManager<AppUser> users, CipnDbContext db, AuditLog audit, Outbox outbox, PublicAddress address, TimeProvider clock, IStringLocalizer<AccountSecurity> L)
{
    public const string ResetEmailKind = "password-reset";

    /// <summary>How long an emailed reset link works (<see cref="ResetTokenProvider"/>).</summary>
    public static readonly TimeSpan ResetLinkLifetime = TimeSpan.FromHours(1);

    /// <summary>At most this many reset emails to one account per <see cref="ResetLinkLifetime"/>, so nobody can flood a mailbox.</summary>
    public const int ResetEmailsPerHour = 3;

    public const string ResetRequestedMessage = "If an account uses that address, we have emailed it a link to choose a new password. The link works once, within an hour. Check your spam folder if it does not arrive.";

    public async Task<Outcome<Done>> ChangePasswordAsync(ClaimsPrincipal principal, string? current, string? next, string? confirm, CancellationToken cancellationToken)
    {
        const string action = "change password";
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Outcome.NotFound(L["There is no such account."]);
        }

        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(current))
        {
            errors["currentPassword"] = L["Enter your current password."];
        }

        if (await NewPasswordProblemAsync(user, next, confirm) is { } problem)
        {
            errors[problem.Field] = problem.Message;
        }

        if (errors.Count == 0)
        {
            var changed = await users.ChangePasswordAsync(user, current!, next!);
            if (changed.Succeeded)
            {
                await audit.RecordAsync(principal, action, AuditOutcome.Success, detail: "other sessions ended", cancellationToken: cancellationToken);
                return Outcome.Ok();
            }

            errors["currentPassword"] = L["Your current password is not right."];
        }

        return await audit.RefuseInvalidAsync(principal, action, null, errors, cancellationToken);
    }

    /// <summary>Ends every session and token of the account, this one included.</summary>
    public async Task<Outcome<Done>> SignOutEverywhereAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Outcome.NotFound(L["There is no such account."]);
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(principal, "sign out everywhere", AuditOutcome.Success, cancellationToken: cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// Emails a single-use reset link when an account uses <paramref name="email"/>. The answer is the same whether or not
    /// one does, so it never tells a stranger who has an account.
    /// </summary>
    public async Task<Outcome<Done>> RequestResetAsync(string? email, CancellationToken cancellationToken)
    {
        const string action = "request password reset";
        if (!MailAddress.TryCreate(email?.Trim(), out var parsed) || parsed.Address.Length > 256)
        {
            return Outcome.Invalid("email", L["Enter your email address, like name@example.org."]);
        }

        var user = await users.FindByEmailAsync(parsed.Address);
        var since = clock.GetUtcNow().UtcDateTime - ResetLinkLifetime;
        if (user?.Email is not { } to)
        {
            await audit.RecordAsync(null, action, AuditOutcome.NotFound, detail: "unknown email", userName: parsed.Address, cancellationToken: cancellationToken);
            return Outcome.Ok();
        }

        if (await db.OutboxMessages.CountAsync(m => m.Kind == ResetEmailKind && m.To == to && m.CreatedAt > since, cancellationToken) >= ResetEmailsPerHour)
        {
            await audit.RecordAsync(null, action, AuditOutcome.Denied, detail: "too many reset emails this hour", userName: to, cancellationToken: cancellationToken);
            return Outcome.Ok();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = address.Link($"/account/reset-password?email={Uri.EscapeDataString(to)}&token={Uri.EscapeDataString(token)}");
        using (Languages.Use(user.Language)) // the language the account chose (English until it chooses)
        {
            outbox.Enqueue(ResetEmailKind, to, L["Choose a new password for CIPN Care"], ResetEmail(user.DisplayName, link));
        }

        audit.Add(null, action, AuditOutcome.Success, detail: "reset link emailed", userName: to);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Sets a new password with the emailed token; the token then stops working (the security stamp changes).</summary>
    public async Task<Outcome<Done>> ResetAsync(string? email, string? token, string? next, string? confirm, CancellationToken cancellationToken)
    {
        const string action = "reset password";
        string expired = L["This link has expired or has already been used. Ask for a new one."];
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrWhiteSpace(token))
        {
            await audit.RecordAsync(null, action, AuditOutcome.Denied, detail: "unknown email or no token", userName: email, cancellationToken: cancellationToken);
            return Outcome.Invalid("token", expired);
        }

        if (await NewPasswordProblemAsync(user, next, confirm) is { } problem)
        {
            return Outcome.Invalid(problem.Field, problem.Message);
        }

        var reset = await users.ResetPasswordAsync(user, token, next!);
        if (!reset.Succeeded)
        {
            await audit.RecordAsync(null, action, AuditOutcome.Denied, detail: "invalid or expired token", userName: user.Email, cancellationToken: cancellationToken);
            return Outcome.Invalid("token", expired);
        }

        await audit.RecordAsync(null, action, AuditOutcome.Success, detail: "other sessions ended", userName: user.Email, cancellationToken: cancellationToken);
        return Outcome.Ok();
    }

    private async Task<(string Field, string Message)?> NewPasswordProblemAsync(AppUser user, string? next, string? confirm)
    {
        if (string.IsNullOrEmpty(next))
        {
            return ("newPassword", L["Enter a new password."]);
        }

        if (await PasswordRules.ProblemsAsync(users, user, next) is { } problems)
        {
            return ("newPassword", problems);
        }

        return next == confirm ? null : ("confirmPassword", L["The two new passwords are not the same. Type it again in both boxes."]);
    }

    /// <summary>Plain text, in the current UI language (see <see cref="Languages.Use"/>).</summary>
    private string ResetEmail(string name, string link) => string.Join("\n",
        L["Hello {0},", name],
        "",
        L["Someone (we hope you) asked to choose a new password for your CIPN Care account."],
        L["To choose one, open this link within an hour. It works once:"],
        "",
        link,
        "",
        L["If you did not ask, you can ignore this email: your password stays as it is."],
        L["If you keep getting these emails, tell your care team or your administrator."],
        "",
        "CIPN Care");
}
