using CipnCare.Web.Features.Operations;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CipnCare.Web.Tests;

/// <summary>
/// The rounds background work runs in (reminders, reply targets, SMART pruning, mail dispatch): each interval, a failed
/// round not stopping the next, none when the interval is zero, the first at start when asked, and a leased round run by
/// one instance of many.
/// </summary>
public sealed class PeriodicRoundsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RoundsRunEachInterval_AndAFailedRoundDoesNotStopTheNext()
    {
        using var rounds = new CountingRounds(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeSpan.FromMilliseconds(50), lease: null, failing: 2);
        await rounds.StartAsync(Ct);
        await WaitForAsync(() => rounds.Runs >= 5);
        await rounds.StopAsync(Ct);

        Assert.True(rounds.Runs >= 5, $"{rounds.Runs} rounds");
    }

    [Fact]
    public async Task AZeroInterval_RunsNoRound()
    {
        using var rounds = new CountingRounds(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeSpan.Zero, lease: null, failing: 0);
        await rounds.StartAsync(Ct);
        await Task.Delay(200, Ct);

        Assert.True(rounds.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(0, rounds.Runs);
    }

    [Fact]
    public async Task RoundsAskedToRunAtStart_RunTheFirstAtOnce_AndTheNextAfterTheInterval()
    {
        using var rounds = new CountingRounds(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeSpan.FromHours(1), lease: null, failing: 0, runAtStart: true);
        await rounds.StartAsync(Ct);
        await WaitForAsync(() => rounds.Runs >= 1);
        await Task.Delay(300, Ct);
        await rounds.StopAsync(Ct);

        Assert.Equal(1, rounds.Runs);
    }

    /// <summary>
    /// Two instances tick every 100 ms on one database while the app's clock stands still: the first to take the lease
    /// runs the round and neither runs another until the clock passes the lease's end.
    /// </summary>
    [Fact]
    public async Task ALeasedRound_RunsOnOneInstance_UntilItsLeaseRunsOut()
    {
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        using var first = new CountingRounds(scopes, TimeSpan.FromMilliseconds(100), JobLease.MessageTargets, failing: 0);
        using var second = new CountingRounds(scopes, TimeSpan.FromMilliseconds(100), JobLease.MessageTargets, failing: 0);
        await Task.WhenAll(first.StartAsync(Ct), second.StartAsync(Ct));
        await WaitForAsync(() => first.Runs + second.Runs >= 1);
        await Task.Delay(1000, Ct); // about ten more ticks each

        Assert.Equal(1, first.Runs + second.Runs);

        app.Clock.Advance(TimeSpan.FromSeconds(1)); // past the lease (held for half the interval)
        await WaitForAsync(() => first.Runs + second.Runs >= 2);
        await Task.Delay(500, Ct);
        await Task.WhenAll(first.StopAsync(Ct), second.StopAsync(Ct));

        Assert.Equal(2, first.Runs + second.Runs);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 30_000, "the rounds did not run");
            await Task.Delay(20, Ct);
        }
    }

    private sealed class CountingRounds(IServiceScopeFactory scopes, TimeSpan interval, string? lease, int failing, bool runAtStart = false)
        : PeriodicRounds(scopes, NullLogger.Instance)
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        protected override TimeSpan Interval => interval;

        protected override string? Lease => lease;

        protected override bool RunAtStart => runAtStart;

        protected override string Name => "Test round";

        protected override Task RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _runs) <= failing ? throw new InvalidOperationException("a bad round") : Task.CompletedTask;
    }
}
