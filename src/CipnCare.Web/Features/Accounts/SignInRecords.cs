using CipnCare.Web.Features.Audit;

namespace CipnCare.Web.Features.Accounts;

/// <summary>What a sign-in attempt leaves behind, the same for the sign-in page and the API: its audit event and the words the person reads.</summary>
public static class SignInRecords
{
    public static string FailureMessage(Microsoft.AspNetCore.Identity.SignInResult result) => result switch
    {
        { IsLockedOut: true } => $"This account is locked after {AccountSetup.MaxFailedSignIns} failed sign-ins. Try again in {AccountSetup.LockoutDuration.TotalMinutes:0} minutes, or ask your administrator.",
        { IsNotAllowed: true } => "This account is not allowed to sign in yet. Ask your administrator.",
        _ => "The email or password is not correct.",
    };

    public static Task RecordAsync(AuditLog audit, string email, Microsoft.AspNetCore.Identity.SignInResult result, string action, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            user: null,
            action,
            result.Succeeded ? AuditOutcome.Success : AuditOutcome.Denied,
            detail: result.Succeeded ? null : result.IsLockedOut ? "locked out" : "wrong email or password",
            cancellationToken: cancellationToken,
            userName: email);
}
