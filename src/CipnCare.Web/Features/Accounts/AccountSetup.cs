using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Smart;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.StaticAssets;

namespace CipnCare.Web.Features.Accounts;

public static class AccountSetup
{
    /// <summary>Picks a bearer scheme when the request carries a bearer token (ours, or a SMART app's), the cookie otherwise.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public static WebApplicationBuilder AddCipnAccounts(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                SmartRequests.HasSmartToken(ctx) ? SmartRequests.Scheme // a SMART app's token (Features/Smart)
                : IsBearer(ctx) ? IdentityConstants.BearerScheme
                : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TokenLifetime)
            .AddIdentityCookies();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "cipncare.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;

            // APIs answer 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

        builder.Services
            .AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Tokens.PasswordResetTokenProvider = ResetTokenProvider.Name;
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.Name; // an authenticator code works once
                o.Lockout.AllowedForNewUsers = true; // an administrator may lock an account; failed sign-ins are throttled, never lock (issue #15)
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<PasswordErrors>() // password rules in the reader's language
            .AddEntityFrameworkStores<CipnDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ResetTokenProvider>(ResetTokenProvider.Name)
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.Name);

        // A changed password (or anything else that renews the security stamp) ends cookie sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.Configure<SignInLimits>(builder.Configuration.GetSection(SignInLimits.Section));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddSingleton<KnownDevices>();
        builder.Services.AddScoped<TwoFactor>();
        builder.Services.AddScoped<AccountSecurity>();
        builder.Services.AddScoped<AccountStanding>();
        builder.Services.AddRateLimiter(o => SignInRateLimits.Configure(o, builder.Configuration.GetSection(SignInLimits.Section).Get<SignInLimits>() ?? new()));

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// A bearer token is believed only while its account still stands as it did when the token was issued: same
    /// security stamp (a password change renews it), not locked, and still in every role the token claims. Otherwise
    /// 401, and the caller signs in again (issue #15).
    /// </summary>
    public static IApplicationBuilder UseBearerTokenChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && IsBearer(context) && SmartClaims.ClientTeamOf(user) is null) // a backend service has no account
        {
            if (await context.RequestServices.GetRequiredService<AccountStanding>().StillValidAsync(user, context.RequestAborted) is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Sign in again",
                    Detail = "This token no longer stands: the password, the roles or the account changed since it was issued.",
                }, options: null, contentType: "application/problem+json");
                return;
            }
        }

        await next(context);
    });

    /// <summary>
    /// With <c>Security:RequireStaffMfa</c>: a clinician or admin without multi-factor authentication may only set it up
    /// (or sign out) — pages send them to /account/mfa, the API answers 403 <c>{"error": "mfa_enrollment_required"}</c>.
    /// </summary>
    public static IApplicationBuilder UseStaffMfa(this WebApplication app)
    {
        if (!TwoFactor.StaffMfaRequired(app.Configuration, app.Environment))
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.Identity?.IsAuthenticated == true && TwoFactor.IsStaff(context.User)
                && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/api/account/mfa") && !path.StartsWithSegments("/api/auth")
                && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null // the site's own CSS and scripts, by their endpoint, not their name
                && !context.User.HasClaim(ClaimTypes.AuthenticationMethod, "mfa") // signed in with a second factor: no need to look
                && await context.RequestServices.GetRequiredService<UserManager<AppUser>>().GetUserAsync(context.User) is { TwoFactorEnabled: false })
            {
                if (IsApiRequest(context))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsJsonAsync(new { error = "mfa_enrollment_required", detail = "Staff accounts set up multi-factor authentication first: POST /api/account/mfa/enroll, then /confirm." });
                }
                else
                {
                    context.Response.Redirect("/account/mfa");
                }

                return;
            }

            await next(context);
        });
    }

    private static bool IsBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir") || context.Request.Path.StartsWithSegments("/metrics");

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (IsApiRequest(context))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
