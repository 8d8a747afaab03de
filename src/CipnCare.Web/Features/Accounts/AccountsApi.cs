using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CipnCare.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Accounts;

public static class AccountsApi
{
    public sealed record LoginRequest([property: Required, EmailAddress, MaxLength(256)] string Email, [property: Required, MaxLength(200)] string Password);

    public sealed record MeResponse(string UserId, string? Email, string DisplayName, IReadOnlyList<string> Roles);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Accounts");
        api.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Exchange email and password for an Identity bearer token (accessToken, tokenType, expiresIn, refreshToken).");
        api.MapGet("/me", MeAsync).RequireAuthorization().WithSummary("Who the token or cookie belongs to.");

        // The sign-out button on every page posts here (cookie sessions; antiforgery-checked form).
        app.MapPost("/account/logout", LogoutAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Writes the bearer token response itself when the sign-in succeeds (the BearerToken handler does).</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest login, SignInManager<AppUser> signInManager, AuditLog audit, CancellationToken cancellationToken)
    {
        signInManager.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signInManager.PasswordSignInAsync(login.Email, login.Password, isPersistent: false, lockoutOnFailure: true);
        await SignInRecords.RecordAsync(audit, login.Email, result, "sign in (API)", cancellationToken);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        return TypedResults.Problem(SignInRecords.FailureMessage(result), statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
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
