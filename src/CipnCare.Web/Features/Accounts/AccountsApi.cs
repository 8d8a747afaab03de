using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Accounts;

public static class AccountsApi
{
    /// <summary><paramref name="Code"/>: the second factor for accounts that use one (an authenticator code or a recovery code).</summary>
    public sealed record LoginRequest([property: Required, EmailAddress, MaxLength(256)] string Email, [property: Required, MaxLength(200)] string Password, [property: MaxLength(20)] string? Code = null);

    public sealed record MfaCode(string? Code);

    /// <summary>401 when the password was right and a second factor is needed: send the login again with "code".</summary>
    public sealed record MfaRequired(string Error, string Detail);

    public sealed record ChangePasswordRequest([property: Required, MaxLength(200)] string CurrentPassword, [property: Required, MaxLength(200)] string NewPassword);

    public sealed record ResetRequest([property: Required, MaxLength(256)] string Email);

    /// <summary>202 to a reset request, whether or not the address has an account (no account is revealed).</summary>
    public sealed record ResetRequested(string Detail);

    public sealed record ResetConfirmRequest([property: Required, MaxLength(256)] string Email, [property: Required, MaxLength(2000)] string Token, [property: Required, MaxLength(200)] string NewPassword);

    public sealed record RefreshRequest([property: Required, MaxLength(4000)] string RefreshToken);

    public sealed record MeResponse(string UserId, string? Email, string DisplayName, IReadOnlyList<string> Roles);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Accounts");
        api.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Exchange email and password for an Identity bearer token (accessToken, tokenType, expiresIn, refreshToken).");
        api.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Exchange a refresh token for new tokens while the account stands as it did (same password and roles, not locked); 401 otherwise.");
        var mfa = app.MapGroup("/api/account/mfa").WithTags("Accounts").RequireAuthorization();
        mfa.MapPost("/enroll", (ClaimsPrincipal user, TwoFactor twoFactor, CancellationToken ct) => twoFactor.EnrollAsync(user, ct).ToHttpResultAsync(TypedResults.Ok))
            .WithSummary("Start multi-factor authentication: a new authenticator secret and its otpauth:// URI (scan or type it), not yet on.");
        mfa.MapPost("/confirm", (MfaCode body, ClaimsPrincipal user, TwoFactor twoFactor, CancellationToken ct) => twoFactor.ConfirmAsync(user, body.Code, ct).ToHttpResultAsync(TypedResults.Ok))
            .WithSummary("Turn multi-factor authentication on with a code from the app; answers ten one-time recovery codes. Other sessions sign in again.");
        mfa.MapPost("/recovery-codes", (MfaCode body, ClaimsPrincipal user, TwoFactor twoFactor, CancellationToken ct) => twoFactor.RenewRecoveryCodesAsync(user, body.Code, ct).ToHttpResultAsync(TypedResults.Ok))
            .WithSummary("Ten new recovery codes for a current code (authenticator or recovery); the old ones stop working.");
        mfa.MapPost("/disable", (MfaCode body, ClaimsPrincipal user, TwoFactor twoFactor, CancellationToken ct) =>
                twoFactor.TurnOffAsync(user, body.Code, ct).ToHttpResultAsync(_ => TypedResults.NoContent()))
            .WithSummary("Turn multi-factor authentication off with a current code; 403 for staff while Security:RequireStaffMfa is on. Other sessions sign in again.");

        var account = app.MapGroup("/api/account").WithTags("Accounts").RequireAuthorization();
        account.MapPost("/password", (ChangePasswordRequest body, ClaimsPrincipal user, AccountSecurity security, CancellationToken ct) =>
                security.ChangePasswordAsync(user, body.CurrentPassword, body.NewPassword, body.NewPassword, ct).ToHttpResultAsync(_ => TypedResults.NoContent()))
            .WithSummary("Change the password (204). Every session and token of the account ends, this token included: sign in again.");
        account.MapPost("/sign-out-everywhere", (ClaimsPrincipal user, AccountSecurity security, CancellationToken ct) =>
                security.SignOutEverywhereAsync(user, ct).ToHttpResultAsync(_ => TypedResults.NoContent()))
            .WithSummary("End every session and token of the account (204), this one included.");
        api.MapPost("/password-reset", (ResetRequest body, AccountSecurity security, CancellationToken ct) =>
                security.RequestResetAsync(body.Email, ct).ToHttpResultAsync(_ => TypedResults.Accepted((string?)null, new ResetRequested(AccountSecurity.ResetRequestedMessage))))
            .AllowAnonymous()
            .WithSummary("Email a single-use link, valid for an hour, to choose a new password. 202 whether or not the address has an account.");
        api.MapPost("/password-reset/confirm", (ResetConfirmRequest body, AccountSecurity security, CancellationToken ct) =>
                security.ResetAsync(body.Email, body.Token, body.NewPassword, body.NewPassword, ct).ToHttpResultAsync(_ => TypedResults.NoContent()))
            .AllowAnonymous()
            .WithSummary("Set a new password with the emailed token (204); 400 when the token has expired or was used.");
        api.MapGet("/me", MeAsync).RequireAuthorization().WithSummary("Who the token or cookie belongs to.");

        // The sign-out button on every page posts here (cookie sessions; antiforgery-checked form).
        app.MapPost("/account/logout", LogoutAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Writes the bearer token response itself when the sign-in succeeds (the BearerToken handler does).</summary>
    public static async Task<Results<EmptyHttpResult, JsonHttpResult<MfaRequired>, ProblemHttpResult>> LoginAsync(
        LoginRequest login, PasswordSignIn signIn, HttpResponse response, CancellationToken cancellationToken)
    {
        var attempt = await signIn.SignInAsync(IdentityConstants.BearerScheme, login.Email, login.Password, login.Code, "sign in (API)", cancellationToken);
        if (attempt.Succeeded)
        {
            return TypedResults.Empty;
        }

        if (attempt.MfaRequired)
        {
            return TypedResults.Json(new MfaRequired("mfa_required", SignInAttempt.MfaMessage), statusCode: StatusCodes.Status401Unauthorized);
        }

        if (attempt.RetryAfter is { } wait)
        {
            SignInRateLimits.SetRetryAfter(response, wait);
            return TypedResults.Problem(attempt.ThrottledMessage, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        }

        return TypedResults.Problem(SignInAttempt.FailureMessage, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    /// <summary>New tokens for a refresh token that has not expired, while its account still stands (issue #15).</summary>
    public static async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<AppUser> signIn, AccountStanding standing, Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> tokens, TimeProvider clock)
    {
        var ticket = tokens.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await standing.StillValidAsync(ticket.Principal) is not { } account)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(account), authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal user, UserManager<AppUser> users)
    {
        var account = await users.GetUserAsync(user);
        return TypedResults.Ok(new MeResponse(
            user.RequiredUserId(),
            account?.Email,
            account?.DisplayName ?? "",
            Roles.All.Where(user.IsInRole).ToList()));
    }

    public static async Task<RedirectHttpResult> LogoutAsync(SignInManager<AppUser> signInManager, [FromForm] string? returnUrl)
    {
        await signInManager.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login?signedOut=true");
    }
}
