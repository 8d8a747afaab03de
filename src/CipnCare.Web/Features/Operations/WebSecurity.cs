using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using IPNetwork = System.Net.IPNetwork;

namespace CipnCare.Web.Features.Operations;

/// <summary>
/// What every response and every API write must respect (issue #15): browser security headers, no caching of
/// patient data, the real client address behind a known proxy, and API writes only as JSON with a bearer token.
/// </summary>
public static class WebSecurity
{
    /// <summary>
    /// Pages use only our own script and styles (inline style attributes appear in the server-drawn SVG charts);
    /// nothing may frame them, and no address (invitation links carry tokens) leaves in a Referer header.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy for a page whose form, once answered, sends the browser on to <paramref name="origin"/> (browsers hold a
    /// form's redirects to form-action too): the SMART consent screen, to the app's registered redirect URI.
    /// </summary>
    public static string ContentSecurityPolicyWithFormsTo(string origin) =>
        ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);

    /// <summary>
    /// Behind a TLS-terminating proxy: X-Forwarded-For and -Proto are read from the proxies in
    /// <c>ForwardedHeaders:KnownProxies</c> (IP addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), and from
    /// the machine itself when neither is set, so cookies keep Secure, HSTS is sent and the audit has the client's address.
    /// </summary>
    public static WebApplicationBuilder AddCipnWebSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy; // a page may send a narrower-purpose one (the SMART consent screen)
            }
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store"; // every answer but static files may carry patient data
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// Writes to /api and /fhir: a body must be JSON (application/json or a +json type such as application/fhir+json),
    /// else 415; and the caller must send a bearer token — the sign-in cookie is for pages, whose forms carry an
    /// antiforgery token, so another site cannot make a signed-in browser write through the API (403).
    /// </summary>
    public static IApplicationBuilder UseApiWriteRules(this IApplicationBuilder app) =>
        app.UseWhen(IsApiWrite, api => api.Use(async (context, next) =>
        {
            if (context.Request.ContentType is { Length: > 0 } type && !IsJson(type))
            {
                await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as JSON (application/json; application/fhir+json on /fhir).");
                return;
            }

            var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (context.User.Identity?.IsAuthenticated == true && !bearer)
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "Writes through the API take a bearer token from POST /api/auth/login; the sign-in cookie is for the pages.");
                return;
            }

            await next(context);
        }));

    private static bool IsApiWrite(HttpContext context) =>
        (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir"))
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Value is { } value
        && (value.Equals("application/json", StringComparison.OrdinalIgnoreCase) || value.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (!context.Request.Path.StartsWithSegments("/fhir"))
        {
            await context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, options: null, contentType: "application/problem+json");
        } // /fhir: the FHIR error pages write an OperationOutcome for the bare status
    }
}
