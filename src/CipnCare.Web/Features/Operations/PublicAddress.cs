using Microsoft.AspNetCore.HostFiltering;

namespace CipnCare.Web.Features.Operations;

/// <summary>
/// The address people reach CIPN Care at (<c>App:PublicBaseUrl</c>), for links that leave the app in emails. Never
/// the request's Host header, which any caller chooses: otherwise anyone could make the mail relay send an invitation
/// link to their own domain (issue #15). Only in Development and in tests, when it is not set, links use the address
/// the request came in on. Outside Development the app does not start without it, and, unless <c>AllowedHosts</c> is
/// set, answers only requests for that host and the machine itself (health checks).
/// </summary>
public sealed class PublicAddress
{
    public const string Setting = "App:PublicBaseUrl";

    private readonly string? _configured;
    private readonly IHttpContextAccessor _http;

    /// <param name="configuration">Where <c>App:PublicBaseUrl</c> is read.</param>
    /// <param name="environment">Development and tests may go without it.</param>
    /// <param name="http">The request to take the address from when it is not set.</param>
    /// <param name="required">False for the operations commands (migrate, backup…), which send no links.</param>
    public PublicAddress(IConfiguration configuration, IHostEnvironment environment, IHttpContextAccessor http, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        _http = http;
        var text = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Query))
            {
                throw new InvalidOperationException($"{Setting} must be the absolute http(s) address people open, such as https://cipn.example.org (it is \"{text}\").");
            }

            _configured = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            Host = uri.Host;
        }
        else if (required && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException($"Set {Setting} (environment variable App__PublicBaseUrl) to the address people open, such as https://cipn.example.org: emailed links are built from it.");
        }
    }

    /// <summary>The configured host name, if any.</summary>
    public string? Host { get; }

    /// <summary>An absolute link to <paramref name="path"/> (starting with "/").</summary>
    public string Link(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (_configured is not null)
        {
            return _configured + path;
        }

        var request = _http.HttpContext?.Request ?? throw new InvalidOperationException($"{Setting} is not set and there is no request to take the address from.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }

    /// <summary>Outside Development, with <c>AllowedHosts</c> left at "*": only the public host and the machine itself.</summary>
    public void RestrictHosts(HostFilteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Host is not null && (options.AllowedHosts.Count == 0 || options.AllowedHosts.Contains("*")))
        {
            options.AllowedHosts = [Host, "localhost", "127.0.0.1", "[::1]"];
        }
    }
}
