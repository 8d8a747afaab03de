using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The app's contexts are pooled (issue #17): a context handed back is reset and handed to the next request. What the app
/// sets on a context for one unit of work must not reach the next one: the savepoint setting, a transaction left open,
/// the audit chain's pending events, SQLite's write turn. Here a pool of one makes the next lease the same instance.
/// </summary>
public abstract class ContextPoolingTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PooledDbContextFactory<CipnDbContext> PoolOfOne() => new(app.Services.GetRequiredService<DbContextOptions<CipnDbContext>>(), poolSize: 1);

    /// <summary>A request's context, handed back, serves a later request (the pool holds at most 1,024, queued).</summary>
    [Fact]
    public void TheAppsContexts_ArePooled()
    {
        CipnDbContext first;
        using (var scope = app.Services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<CipnDbContext>();
        }

        var again = false;
        for (var i = 0; i < 2000 && !again; i++)
        {
            using var scope = app.Services.CreateScope();
            again = ReferenceEquals(first, scope.ServiceProvider.GetRequiredService<CipnDbContext>());
        }

        Assert.True(again);
    }

    [Fact]
    public async Task AContextHandedBack_ComesBackWithSavepointsOn_NothingTracked_AndNoTransaction()
    {
        var pool = PoolOfOne();
        var first = await pool.CreateDbContextAsync(Ct);
        first.Database.AutoSavepointsEnabled = false;
        first.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = CipnApp.Unique("never saved") });
        await first.Database.BeginTransactionAsync(Ct);
        await first.DisposeAsync();

        await using var next = await pool.CreateDbContextAsync(Ct);
        Assert.Same(first, next);
        Assert.Equal((true, 0, false), (next.Database.AutoSavepointsEnabled, next.ChangeTracker.Entries().Count(), next.Database.CurrentTransaction is not null));
    }

    /// <summary>
    /// A context handed back with its transaction open, after a save in it appended an audit event (the chain's head
    /// locked, on SQLite the write turn held), never committed: that save is undone, the next lease saves an audit event
    /// of its own, and a context of another request then writes too; the chain verifies.
    /// </summary>
    [Fact]
    public async Task AContextHandedBackInAnUncommittedTransaction_LeavesNothingForTheNextLease()
    {
        var pool = PoolOfOne();
        var marker = CipnApp.Unique("pooled");
        var first = await pool.CreateDbContextAsync(Ct);
        first.AuditEvents.Add(AuditChainTests.TestEvent("test pooled", marker + " abandoned"));
        await first.Database.BeginTransactionAsync(Ct);
        first.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = marker });
        await first.SaveChangesAsync(Ct); // inside the caller's transaction, never committed
        await first.DisposeAsync();

        await using (var next = await pool.CreateDbContextAsync(Ct))
        {
            next.AuditEvents.Add(AuditChainTests.TestEvent("test pooled", marker));
            await next.SaveChangesAsync(Ct);
        }

        var written = await app.WithDbAsync(async db =>
        {
            db.AuditEvents.Add(AuditChainTests.TestEvent("test pooled", marker + " elsewhere"));
            await db.SaveChangesAsync(Ct);
            return await db.AuditEvents.Where(e => e.Detail!.StartsWith(marker)).Select(e => e.Detail).OrderBy(d => d).ToListAsync(Ct);
        });
        Assert.Equal([marker, marker + " elsewhere"], written);
        Assert.False(await app.WithDbAsync(db => db.CareTeams.AnyAsync(t => t.Name == marker, Ct)));
        var verification = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, Ct));
        Assert.True(verification.Intact, verification.Problem);
    }
}

public sealed class ContextPoolingOnSqlite(SqliteApp app) : ContextPoolingTests(app), IClassFixture<SqliteApp>;

public sealed class ContextPoolingOnPostgres(PostgresApp app) : ContextPoolingTests(app), IClassFixture<PostgresApp>;
