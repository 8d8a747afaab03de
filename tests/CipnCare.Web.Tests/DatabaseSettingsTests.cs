using CipnCare.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>
/// PostgreSQL connections prepare the app's repeated statements unless the site's connection string says otherwise; SQLite
/// connections wait inside SQLite for a locked database, a SQLite database is kept in write-ahead-log mode, and the app's
/// own SQLite transactions take turns at <see cref="SqliteWriteGate"/>, whose commit hook still checkpoints the log (issue #17).
/// </summary>
public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData("Host=db;Database=cipn", 64)]
    [InlineData("Host=db;Database=cipn;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=cipn;Max Auto Prepare=10", 10)]
    public void PostgresConnections_PrepareRepeatedStatements_UnlessTheSiteSaysOtherwise(string configured, int expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare(configured));

        Assert.Equal(expected, tuned.MaxAutoPrepare);
        Assert.Equal(("db", "cipn"), (tuned.Host, tuned.Database)); // the rest as configured
    }

    [Fact]
    public async Task SqliteConnections_WaitForTheWriteLockInsideSqlite_AsLongAsTheCommandTimeout()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cipncare-busy-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<CipnDbContext>();
            DatabaseSetup.UseSqlite(options, $"Data Source={file};Pooling=False;Default Timeout=12", DatabaseSetup.LoadMigrationsAssembly(DatabaseProvider.Sqlite));
            await using var db = new CipnDbContext(options.Options);
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";

            Assert.Equal(12_000L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SqliteTransactions_OfOneProcess_WaitTheirTurnWithoutHoldingAThread_AndBeginWhenTheOneBeforeEnds()
    {
        await using var file = await SqliteFile.CreateAsync();
        await using var first = file.Context();
        await using var second = file.Context();
        await using var third = file.Context();
        var holding = await first.Database.BeginTransactionAsync(Ct);

        // Without the gate the second BEGIN IMMEDIATE waits inside SQLite's busy handler, on this thread, and the call
        // returns only when the lock is free or the command timeout (3 s) has passed.
        var waiting = second.Database.BeginTransactionAsync(Ct);
        var after = third.Database.BeginTransactionAsync(Ct);
        await Task.Delay(300, Ct);
        Assert.False(waiting.IsCompleted, "the second transaction began while the first held the write lock");
        Assert.False(after.IsCompleted);

        await first.Database.ExecuteSqlRawAsync("INSERT INTO \"Turns\" (\"Id\", \"Value\") VALUES (99, 0)", Ct);
        await holding.CommitAsync(Ct);
        await using var secondTransaction = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.False(after.IsCompleted, "the third began before the second ended");
        await second.Database.ExecuteSqlRawAsync("UPDATE \"Turns\" SET \"Value\" = 1 WHERE \"Id\" = 99", Ct);
        await secondTransaction.CommitAsync(Ct);
        await using var thirdTransaction = await after.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        await thirdTransaction.RollbackAsync(Ct);

        Assert.Equal(1L, await third.Database.SqlQueryRaw<long>("SELECT \"Value\" FROM \"Turns\" WHERE \"Id\" = 99").SingleAsync(Ct));
    }

    [Theory]
    [InlineData("rolled back")]
    [InlineData("disposed")] // Microsoft.Data.Sqlite rolls back inside, with no EF transaction event
    [InlineData("context disposed")]
    [InlineData("disposed, on a connection the app opened")] // the connection stays open: no event at all
    [InlineData("context disposed, on a connection the app opened")]
    [InlineData("disposed after a refused nested begin")] // EF's count of opens stays raised: the dispose does not close
    [InlineData("disposed synchronously, on a connection the app opened")]
    public async Task ASqliteTransaction_EndedAnyWay_LetsTheNextBegin(string how)
    {
        await using var file = await SqliteFile.CreateAsync(timeoutSeconds: 10);
        await using var next = file.Context();
        var first = file.Context();
        if (how.Contains("the app opened", StringComparison.Ordinal))
        {
            first.Database.OpenConnection();
        }

        var transaction = how.Contains("synchronously", StringComparison.Ordinal) ? first.Database.BeginTransaction() : await first.Database.BeginTransactionAsync(Ct);
        await first.Database.ExecuteSqlRawAsync("INSERT INTO \"Turns\" (\"Id\", \"Value\") VALUES (98, 0)", Ct);
        switch (how)
        {
            case "rolled back":
                await transaction.RollbackAsync(Ct);
                break;
            case "context disposed" or "context disposed, on a connection the app opened":
                await first.DisposeAsync();
                break;
            case "disposed after a refused nested begin":
                await Assert.ThrowsAsync<InvalidOperationException>(() => first.Database.BeginTransactionAsync(Ct)); // as OpenIddict's store tries and ignores
                await transaction.DisposeAsync();
                break;
            case "disposed synchronously, on a connection the app opened":
                transaction.Dispose();
                break;
            default:
                await transaction.DisposeAsync();
                break;
        }

        // A turn left held would make this wait the 10 s timeout and fail with the gate's SQLITE_BUSY.
        await using var begun = await next.Database.BeginTransactionAsync(Ct);
        Assert.Equal(0, await next.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"Turns\" WHERE \"Id\" = 98").SingleAsync(Ct));
        await first.DisposeAsync();
    }

    [Fact]
    public async Task ABeginRefusedBySqlite_BecauseAnotherProcessWrites_GivesTheTurnBack()
    {
        await using var file = await SqliteFile.CreateAsync(timeoutSeconds: 1);
        await using var db = file.Context();
        await using (var otherProcess = new SqliteConnection($"Data Source={file.Path};Pooling=False")) // the sqlite3 shell, a `migrate`
        {
            await otherProcess.OpenAsync(Ct);
            await using var begin = otherProcess.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(Ct);

            var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.BeginTransactionAsync(Ct)); // SQLite's busy handler gave up
            Assert.Equal(5, refused.SqliteErrorCode);
        }

        await file.BeginOnANewContextAsync();
    }

    [Fact]
    public async Task AWaiterCancelledAsItsTurnComes_LeavesNoTurnHeld()
    {
        await using var file = await SqliteFile.CreateAsync(timeoutSeconds: 10);
        await using var first = file.Context();
        var holding = await first.Database.BeginTransactionAsync(Ct);
        using var leaving = new CancellationTokenSource(); // a phone that drops the request
        await using (var second = file.Context())
        {
            var waiting = second.Database.BeginTransactionAsync(leaving.Token);
            await holding.CommitAsync(Ct);
            await leaving.CancelAsync();
            try
            {
                await using var began = await waiting; // the turn came first: begun, then disposed unused
            }
            catch (OperationCanceledException)
            {
                // the cancellation came first: nothing was held
            }
        }

        await file.BeginOnANewContextAsync();
    }

    [Fact]
    public async Task ASqliteTransaction_WaitingLongerThanTheCommandTimeout_FailsWithSqliteBusy()
    {
        await using var file = await SqliteFile.CreateAsync(timeoutSeconds: 1);
        await using var first = file.Context();
        await using var second = file.Context();
        await using var holding = await first.Database.BeginTransactionAsync(Ct);

        var locked = await Assert.ThrowsAsync<SqliteException>(() => second.Database.BeginTransactionAsync(Ct));

        Assert.Equal(5, locked.SqliteErrorCode); // SQLITE_BUSY, which the app already handles for a locked database
        Assert.Contains("this process's other writers", locked.Message, StringComparison.Ordinal); // the gate's wait, not SQLite's
    }

    [Fact]
    public async Task TheWriteAheadLog_IsStillCheckpointed_AtAThousandPages()
    {
        await using var file = await SqliteFile.CreateAsync();
        await using var db = file.Context();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Pages\" (\"Id\" INTEGER PRIMARY KEY, \"Body\" BLOB NOT NULL)", Ct);
        for (var i = 0; i < 30; i++)
        {
            // About a hundred pages each (one 3,000-byte row fills most of a 4,096-byte page): 3,000 pages in all.
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Pages\" (\"Body\") WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT zeroblob(3000) FROM n", Ct);
            await transaction.CommitAsync(Ct);
        }

        await using var shell = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        await shell.OpenAsync(Ct);
        await using var command = shell.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)"; // busy, pages in the log, pages checkpointed
        await using var result = await command.ExecuteReaderAsync(Ct);
        Assert.True(await result.ReadAsync(Ct));
        var pages = result.GetInt64(1);

        // Checkpointed at 1,000 pages and restarted: the log holds at most that and one transaction. Unchecked, all 3,000.
        Assert.InRange(pages, 1, 1_200);
        Assert.Equal(3_000L, await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"Pages\"").SingleAsync(Ct));
    }

    [Fact]
    public async Task ASqliteDatabase_IsInWriteAheadLogMode_OncePrepared()
    {
        await using var file = await SqliteFile.CreateAsync();
        await using var db = file.Context();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A SQLite file of this test's own with one table (Turns), prepared and opened as the app prepares and opens its database.</summary>
    private sealed class SqliteFile(string path, DbContextOptions<CipnDbContext> options) : IAsyncDisposable
    {
        public string Path => path;

        public static async Task<SqliteFile> CreateAsync(int timeoutSeconds = 3)
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cipncare-writers-{Guid.NewGuid():N}.db");
            var options = new DbContextOptionsBuilder<CipnDbContext>();
            DatabaseSetup.UseSqlite(options, $"Data Source={path};Default Timeout={timeoutSeconds}", DatabaseSetup.LoadMigrationsAssembly(DatabaseProvider.Sqlite));
            var file = new SqliteFile(path, options.Options);
            await using var db = file.Context();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Turns\" (\"Id\" INTEGER PRIMARY KEY, \"Value\" INTEGER NOT NULL)", Ct);
            await DatabaseSetup.UseWriteAheadLogAsync(db, Ct);
            return file;
        }

        public CipnDbContext Context() => new(options);

        /// <summary>
        /// Begins (and ends) a transaction on a new context: with a turn left held at the write gate, this waits the file's
        /// timeout and fails with the gate's SQLITE_BUSY.
        /// </summary>
        public async Task BeginOnANewContextAsync()
        {
            await using var next = Context();
            await using var begun = await next.Database.BeginTransactionAsync(Ct);
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return ValueTask.CompletedTask;
        }
    }
}
