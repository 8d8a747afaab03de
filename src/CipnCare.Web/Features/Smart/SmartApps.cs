using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CipnCare.Web.Features.Smart;

/// <summary>How an app authenticates: a browser or phone app (public, PKCE), a server app with a secret, or a backend service with its keys.</summary>
public enum SmartAppKind
{
    Public,
    Confidential,
    Backend,
}

/// <summary>
/// An app an administrator registers. A backend service gives its public keys (<see cref="Jwks"/>, a JSON Web Key Set)
/// and the care team whose patients it may read (<see cref="CareTeamId"/>).
/// </summary>
public sealed record SmartAppRegistration(string? ClientId, string? Name, SmartAppKind Kind, IReadOnlyList<string>? RedirectUris, string? LaunchUri, string? Jwks)
{
    public Guid? CareTeamId { get; init; }
}

/// <summary>A registered app as listed; a confidential app's secret is shown once, when it is registered.</summary>
public sealed record SmartAppView(string ClientId, string Name, SmartAppKind Kind, IReadOnlyList<string> RedirectUris, string? LaunchUri)
{
    /// <summary>A backend service's care team: the patients it may read.</summary>
    public Guid? CareTeamId { get; init; }

    public string? ClientSecret { get; init; }
}

/// <summary>Registers, lists and removes SMART apps (OpenIddict applications). Admins only; every change is audited.</summary>
public sealed class SmartApps(IOpenIddictApplicationManager applications, CipnDbContext db, AuditLog audit)
{
    private const string LaunchUriProperty = "launch_uri";
    private const string CareTeamProperty = "care_team";

    public async Task<Outcome<SmartAppView>> RegisterAsync(ClaimsPrincipal admin, SmartAppRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var errors = new Dictionary<string, string>();
        var name = registration.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["name"] = "Give the app's name as people will see it on the consent screen (up to 100 characters).";
        }

        var clientId = string.IsNullOrWhiteSpace(registration.ClientId) ? $"app-{Guid.NewGuid():N}"[..16] : registration.ClientId.Trim();
        if (clientId.Length > 100 || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors["clientId"] = "Use letters, digits, '-', '_' or '.' (up to 100).";
        }
        else if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not null)
        {
            errors["clientId"] = "An app with this client id is already registered.";
        }

        var redirects = (registration.RedirectUris ?? []).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (registration.Kind != SmartAppKind.Backend && (redirects.Count == 0 || !redirects.All(IsSafeRedirect)))
        {
            errors["redirectUris"] = "Give at least one redirect URI: https, or http only on this computer (localhost), without a #fragment.";
        }

        if (registration.LaunchUri is { Length: > 0 } launch && !IsSafeRedirect(launch))
        {
            errors["launchUri"] = "The launch URL must be https (or http on localhost).";
        }

        JsonWebKeySet? keys = null;
        if (registration.Kind == SmartAppKind.Backend && !TryReadKeys(registration.Jwks, out keys))
        {
            errors["jwks"] = "Give the service's public keys as a JSON Web Key Set with at least one RSA or EC key (RS384 or ES384).";
        }

        if (registration.Kind == SmartAppKind.Backend
            && (registration.CareTeamId is not { } team || !await db.CareTeams.AnyAsync(t => t.Id == team, cancellationToken)))
        {
            errors["careTeamId"] = "Choose the care team whose patients the service may read.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(admin, "register SMART app", null, errors, cancellationToken);
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = name,
            ConsentType = ConsentTypes.Explicit,
            ClientType = registration.Kind == SmartAppKind.Public ? ClientTypes.Public : ClientTypes.Confidential,
            JsonWebKeySet = keys,
        };
        string? secret = null;
        if (registration.Kind == SmartAppKind.Confidential)
        {
            secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            descriptor.ClientSecret = secret;
        }

        if (registration.Kind == SmartAppKind.Backend)
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials]);
        }
        else
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(redirects.Select(u => new Uri(u)));
        }

        if (registration.LaunchUri is { Length: > 0 } launchUri)
        {
            descriptor.Properties[LaunchUriProperty] = JsonSerializer.SerializeToElement(launchUri);
        }

        if (registration.Kind == SmartAppKind.Backend)
        {
            descriptor.Properties[CareTeamProperty] = JsonSerializer.SerializeToElement(registration.CareTeamId);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
        await audit.RecordAsync(admin, "register SMART app", AuditOutcome.Success, detail: $"{clientId} ({registration.Kind}): {name}", cancellationToken: cancellationToken);
        return Outcome.Ok(new SmartAppView(clientId, name!, registration.Kind, registration.Kind == SmartAppKind.Backend ? [] : redirects, registration.LaunchUri) { ClientSecret = secret, CareTeamId = registration.Kind == SmartAppKind.Backend ? registration.CareTeamId : null });
    }

    /// <summary>
    /// Removes an app (a lost device's app, a service whose key leaked, one no longer used): it can no longer sign anyone
    /// in or get a token, and every consent and token it holds ends at once — OpenIddict deletes the application's
    /// authorizations and tokens with it, and access tokens are checked against their stored entries on every request
    /// (<see cref="SmartSetup"/>); its bulk exports are deleted with their files. To let it back, register it again.
    /// </summary>
    public async Task<Outcome<SmartAppView>> RemoveAsync(ClaimsPrincipal admin, string clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(clientId) || await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return Outcome.NotFound($"No SMART app is registered as '{clientId}'.");
        }

        var removed = await ViewAsync(app, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken); // the removal and its audit entry, or neither
        await applications.DeleteAsync(app, cancellationToken);

        // Its bulk exports go too, queued, running or ready (their files with them): none is read for it again, and an app
        // registered later under the same client id finds none.
        var backend = $"client:{clientId}";
        var throughIt = $"|client:{clientId}";
        var exports = await db.BulkExportJobs.Where(j => j.Owner == backend || j.Owner.EndsWith(throughIt)).ExecuteDeleteAsync(cancellationToken);
        audit.Add(admin, "remove SMART app", AuditOutcome.Success, detail: $"{removed.ClientId} ({removed.Kind}): {removed.Name}; {exports} bulk export(s) ended");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(removed);
    }

    public async Task<List<SmartAppView>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<SmartAppView>();
        await foreach (var app in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            found.Add(await ViewAsync(app, cancellationToken));
        }

        return found.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The apps a clinician can open from a patient's page (those with a launch URL).</summary>
    public async Task<List<SmartAppView>> LaunchableAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(a => a.LaunchUri is not null && a.Kind != SmartAppKind.Backend).ToList();

    public async Task<SmartAppView?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } app ? await ViewAsync(app, cancellationToken) : null;

    private async Task<SmartAppView> ViewAsync(object app, CancellationToken cancellationToken)
    {
        var permissions = await applications.GetPermissionsAsync(app, cancellationToken);
        var kind = permissions.Contains(Permissions.GrantTypes.ClientCredentials) ? SmartAppKind.Backend
            : await applications.HasClientTypeAsync(app, ClientTypes.Public, cancellationToken) ? SmartAppKind.Public
            : SmartAppKind.Confidential;
        var properties = await applications.GetPropertiesAsync(app, cancellationToken);
        var launch = properties.TryGetValue(LaunchUriProperty, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var team = properties.TryGetValue(CareTeamProperty, out var teamValue) && teamValue.ValueKind == JsonValueKind.String && teamValue.TryGetGuid(out var teamId) ? teamId : (Guid?)null;
        return new SmartAppView(
            await applications.GetClientIdAsync(app, cancellationToken) ?? "",
            await applications.GetDisplayNameAsync(app, cancellationToken) ?? "",
            kind,
            (await applications.GetRedirectUrisAsync(app, cancellationToken)).ToList(),
            launch)
        {
            CareTeamId = team,
        };
    }

    /// <summary>https anywhere; http only to this computer (a developer's app, a native app's loopback redirect).</summary>
    public static bool IsSafeRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && string.IsNullOrEmpty(parsed.Fragment)
        && (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback));

    private static bool TryReadKeys(string? jwks, out JsonWebKeySet? keys)
    {
        keys = null;
        if (string.IsNullOrWhiteSpace(jwks))
        {
            return false;
        }

        try
        {
            keys = new JsonWebKeySet(jwks);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return keys.Keys.Count > 0 && keys.Keys.All(k => k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve && !k.HasPrivateKey);
    }
}
