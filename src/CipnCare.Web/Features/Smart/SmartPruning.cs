using CipnCare.Web.Features.Operations;
using OpenIddict.Abstractions;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// Deletes the SMART tokens and authorizations that can never be used again — expired, revoked or redeemed — once they
/// are older than <c>Smart:PruneAfterDays</c> (14 by default), every <c>Smart:PruneIntervalMinutes</c> (60; 0 turns it
/// off). Deleting what is already dead is harmless to repeat, so every instance prunes without taking turns.
/// </summary>
public sealed partial class SmartPruning(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<SmartPruning> logger) : PeriodicRounds(scopes, logger)
{
    /// <summary>Prunes what is dead and created before <paramref name="olderThan"/>: the numbers of tokens and authorizations deleted.</summary>
    public static async Task<(long Tokens, long Authorizations)> PruneAsync(IServiceProvider services, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tokens = await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(olderThan, cancellationToken);
        var authorizations = await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(olderThan, cancellationToken);
        return (tokens, authorizations);
    }

    protected override TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue("Smart:PruneIntervalMinutes", 60));

    protected override string Name => "SMART pruning";

    protected override async Task RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (tokens, authorizations) = await PruneAsync(services, clock.GetUtcNow().AddDays(-configuration.GetValue("Smart:PruneAfterDays", 14)), cancellationToken);
        LogPruned(Logger, tokens, authorizations);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMART pruning: {Tokens} tokens and {Authorizations} authorizations deleted")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations);
}
