using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Sign-in and password-reset attempts per client address (the pages' forms and <c>POST /api/auth/login</c>, <c>/api/auth/password-reset</c>): beyond the limit, 429 with
/// Retry-After. Limits live in each instance's memory: behind a load balancer each instance counts its own.
/// </summary>
public static class SignInRateLimits
{
    public static void Configure(RateLimiterOptions options, SignInLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PerAddress,
                Window = TimeSpan.FromMinutes(limits.WindowMinutes),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("not a sign-in"));
        options.OnRejected = async (context, cancellationToken) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(limits.WindowMinutes);
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            SetRetryAfter(http.Response, wait);
            var detail = "Too many sign-in attempts from this address. " + TryAgainIn(wait);
            if (AccountSetup.IsApiRequest(http))
            {
                await http.Response.WriteAsJsonAsync(new ProblemDetails { Status = 429, Title = "Too many requests", Detail = detail }, options: null, contentType: "application/problem+json", cancellationToken);
            }
            else
            {
                // The sign-in page's words, in the reader's language (request localization runs before the limiter).
                IStringLocalizer<LoginPage> L = http.RequestServices.GetRequiredService<IStringLocalizer<LoginPage>>();
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(L["Too many sign-in attempts from this address. Try again in {0} minutes.", WholeMinutes(wait)], cancellationToken);
            }
        };
    }

    /// <summary>"Try again in N minutes." — the wait every throttled attempt names (whole minutes, rounded up, at least one).</summary>
    public static string TryAgainIn(TimeSpan wait) => $"Try again in {WholeMinutes(wait)} minutes.";

    /// <summary>The minutes <see cref="TryAgainIn"/> names, for pages that say it in the reader's language.</summary>
    public static int WholeMinutes(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalMinutes));

    /// <summary>The Retry-After header for a throttled sign-in, in whole seconds (rounded up); the page and the API share it.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Anonymous account doors: sign-in, and asking for or using a password reset link.</summary>
    private static readonly string[] Doors = ["/api/auth/login", "/account/login", "/api/auth/password-reset", "/api/auth/password-reset/confirm", "/account/forgot-password", "/account/reset-password"];

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && Doors.Any(door => context.Request.Path.Equals(door, StringComparison.OrdinalIgnoreCase));
}
