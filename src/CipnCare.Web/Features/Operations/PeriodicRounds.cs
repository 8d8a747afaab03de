using CipnCare.Web.Data;

namespace CipnCare.Web.Features.Operations;

/// <summary>
/// Background work in rounds, one every <see cref="Interval"/> (each service reads it from its configuration; zero turns
/// the rounds off), each round in its own scope. A round with a <see cref="Lease"/> runs on one instance of many — the one that takes the lease for
/// the interval; without one, every instance runs every round (work that is harmless to repeat). A failed round is
/// logged and never stops the host; the next interval tries again.
/// </summary>
public abstract partial class PeriodicRounds(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    protected ILogger Logger { get; } = logger;

    /// <summary>The time between rounds; zero or less: none.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>The <see cref="JobLease"/> a round takes first; null: every instance runs every round.</summary>
    protected virtual string? Lease => null;

    /// <summary>True: the first round runs at start, then one every interval; false: the first after one interval.</summary>
    protected virtual bool RunAtStart => false;

    /// <summary>What the log calls a round ("Reminder round").</summary>
    protected abstract string Name { get; }

    protected abstract Task RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        // The lease is held a little less than the interval, so that the next round is free to take, here or elsewhere.
        var holdFor = interval - TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, interval.Ticks / 2));
        using var timer = new PeriodicTimer(interval);
        for (var due = RunAtStart; due || await timer.WaitForNextTickAsync(stoppingToken); due = false)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (Lease is { } lease)
                {
                    var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                    if (!await JobLease.TryTakeAsync(scope.ServiceProvider.GetRequiredService<CipnDbContext>(), lease, now, holdFor, stoppingToken))
                    {
                        continue; // another instance runs this round
                    }
                }

                await RunRoundAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(Logger, Name, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Round} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string round, string error);
}
