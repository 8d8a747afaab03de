using CipnCare.Web.Data;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CipnCare.Web.Features.Smart;

public static class SmartSetup
{
    /// <summary>How long a refresh token (offline_access) lasts unused; using it gives a new one.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(30);

    public static WebApplicationBuilder AddCipnSmart(this WebApplicationBuilder builder)
    {
        // OpenIddict refuses plain http; Development (and a site behind a TLS proxy that says so) may allow it.
        var allowHttp = builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Smart:AllowHttp");
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<CipnDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(SmartApi.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(SmartApi.TokenPath.TrimStart('/'))
                    .SetRevocationEndpointUris(SmartApi.RevokePath.TrimStart('/'));
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowClientCredentialsFlow();

                // SMART scopes are a grammar (patient/Observation.rs), not a list: SmartScopes decides what is granted.
                o.DisableScopeValidation().IgnoreScopePermissions();
                o.SetAccessTokenLifetime(Accounts.AccountSetup.TokenLifetime).SetRefreshTokenLifetime(RefreshTokenLifetime);
                o.AddEventHandler(RevokeWholeAuthorization.Descriptor);
                var aspNet = o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
                if (allowHttp)
                {
                    aspNet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                o.EnableAuthorizationEntryValidation(); // a revoked authorization ends its access tokens at once
                o.EnableTokenEntryValidation(); // so does a removed app: a backend service's tokens have no authorization
            });
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeys>();
        builder.Services.AddSingleton<SmartTickets>();
        builder.Services.AddScoped<SmartAuthorization>();
        builder.Services.AddScoped<SmartApps>();
        builder.Services.AddHostedService<SmartPruning>();
        builder.Services.AddMemoryCache();
        builder.Services.AddCors();
        builder.Services.AddSingleton<ICorsPolicyProvider, SmartCors>();
        return builder;
    }

    /// <summary>Reads (or makes) the server's keys once at start-up, so a key that cannot be read stops the app there.</summary>
    public static void LoadSmartKeys(this WebApplication app) =>
        _ = app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

    /// <summary>
    /// Revoking a refresh token (RFC 7009) ends the whole authorization: every access and refresh token the app holds from
    /// that consent stops working, not only the one sent.
    /// </summary>
    private sealed class RevokeWholeAuthorization(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<HandleRevocationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<RevokeWholeAuthorization>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
            .Build();

        public async ValueTask HandleAsync(HandleRevocationRequestContext context)
        {
            if (context.IsRejected || context.GenericTokenPrincipal?.GetAuthorizationId() is not { Length: > 0 } id
                || await authorizations.FindByIdAsync(id, context.CancellationToken) is not { } authorization)
            {
                return;
            }

            await authorizations.TryRevokeAsync(authorization, context.CancellationToken);
            await tokens.RevokeByAuthorizationIdAsync(id, context.CancellationToken);
        }
    }

    /// <summary>
    /// Browser apps call the token endpoint and the FHIR API from their own origin: CORS allows exactly the origins of the
    /// registered apps' redirect URIs (read once a minute), on those paths only, and never with cookies.
    /// </summary>
    private sealed class SmartCors(IServiceScopeFactory scopes, IMemoryCache cache) : ICorsPolicyProvider
    {
        public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            var path = context.Request.Path;
            if (!(path.StartsWithSegments("/fhir") || path.StartsWithSegments(SmartApi.TokenPath) || path.StartsWithSegments(SmartApi.RevokePath)
                || path.StartsWithSegments("/.well-known")))
            {
                return null;
            }

            var origins = await cache.GetOrCreateAsync("smart-cors-origins", async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
                using var scope = scopes.CreateScope();
                var apps = await scope.ServiceProvider.GetRequiredService<SmartApps>().ListAsync(context.RequestAborted);
                return apps.SelectMany(a => a.RedirectUris).Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            }) ?? [];
            return new CorsPolicyBuilder()
                .WithOrigins([.. origins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put)
                .WithHeaders("Authorization", "Content-Type", "Accept", "If-Match", "Prefer")
                .WithExposedHeaders("Location", "ETag", "Last-Modified", "Content-Location")
                .Build();
        }
    }
}
