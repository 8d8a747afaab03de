using OpenIddict.Abstractions;

namespace CipnCare.Web.Features.Smart;

/// <summary>
/// Deletes the SMART tokens and authorizations that can never be used again — expired, revoked or redeemed — once they
/// are older than <c>Smart:PruneAfterDays</c> (14 by default), every <c>Smart:PruneIntervalMinutes</c> (60; 0 turns it
/// off). Deleting what is already dead is harmless to repeat, so every instance prunes without taking turns.
/// </summary>
public sealed partial class SmartPruning(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<SmartPruning> logger) : BackgroundService
{
    /// <summary>Prunes what is dead and created before <paramref name="olderThan"/>: the numbers of tokens and authorizations deleted.</summary>
    public static async Task<(long Tokens, long Authorizations)> PruneAsync(IServiceProvider services, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tokens = await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(olderThan, cancellationToken);
        var authorizations = await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(olderThan, cancellationToken);
        return (tokens, authorizations);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Smart:PruneIntervalMinutes", 60);
        var keepDays = configuration.GetValue("Smart:PruneAfterDays", 14);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (tokens, authorizations) = await PruneAsync(scope.ServiceProvider, clock.GetUtcNow().AddDays(-keepDays), stoppingToken);
                LogPruned(logger, tokens, authorizations);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name); // a failed round never stops the host; the next one tries again
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMART pruning: {Tokens} tokens and {Authorizations} authorizations deleted")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMART pruning failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
