using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;

namespace CipnCare.Web.Features.Operations;

public static class OperationsSetup
{
    /// <summary>The largest request body accepted anywhere but messages (a check-in is a few kilobytes).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Messages carry a photo of up to 5 MB (as base64 in JSON, a third more): the largest body taken there.</summary>
    public const long MaxMessageBodyBytes = 10 * 1024 * 1024;

    /// <summary>The body limit for a request's path: <see cref="MaxMessageBodyBytes"/> where messages are written.</summary>
    public static long BodyLimitFor(PathString path) =>
        path.StartsWithSegments("/api/messages") || path.StartsWithSegments("/messages")
        || (path.Value?.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) == true && path.StartsWithSegments("/api/patients", StringComparison.OrdinalIgnoreCase, out _))
        || (path.Value?.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) == true && path.StartsWithSegments("/patients", StringComparison.OrdinalIgnoreCase, out _))
            ? MaxMessageBodyBytes
            : MaxRequestBodyBytes;

    public static WebApplicationBuilder AddCipnOperations(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxMessageBodyBytes); // each request's own limit is set below
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<CipnMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            // Only this host's meters (made by its IMeterFactory). A meter name is process-wide, so without this a
            // process hosting several apps (the tests) counts every host's requests here, and past the SDK's limit
            // of metric streams this host's own are the ones dropped.
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, provider) =>
            {
                var ours = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
                provider.AddView(instrument => ReferenceEquals(instrument.Meter.Scope, ours) ? null : MetricStreamConfiguration.Drop);
            });
            metrics
            .AddAspNetCoreInstrumentation() // request rate and latency: http.server.request.duration
            .AddMeter(CipnMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0); // scrapes are few and restricted: always fresh
        });

        // Structured JSON logs outside Development. Log only ids, never names or answers.
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        return builder;
    }

    /// <summary>Refuses a body larger than the limit with 413 whatever the server (Kestrel or the test host).</summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var max = BodyLimitFor(context.Request.Path);
        if (context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (!context.Request.Path.StartsWithSegments("/fhir"))
            {
                await context.Response.WriteAsJsonAsync(new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request too large",
                    Detail = $"The request body may be at most {max / 1024} KB.",
                });
            }

            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        await next(context);
    });

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: and the database is reachable.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        app.MapPrometheusScrapingEndpoint("/metrics")
            .RequireAuthorization(p => p.RequireAssertion(c => CipnMetrics.MayRead(c.Resource as HttpContext, configuration)));
        return app;
    }
}
