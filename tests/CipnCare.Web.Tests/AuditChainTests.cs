using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>The audit trail is one hash chain, written with each event, that concurrent writers extend in turn (issue #15).</summary>
public abstract class AuditChainTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentWriters_ChainInTurn_AndTheTrailVerifiesIntact()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinicians = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team))));
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var (reporting, reporter) = await app.CreatePatientAsync(team);
        var patientClient = await app.ClientForAsync(reporter!);

        // Reads (an audit event each) and check-ins (rows, then an audit event) at once: neither waits on the other for good.
        var submissions = Enumerable.Range(0, 8).Select(_ => patientClient.PostAsJsonAsync($"/api/patients/{reporting}/responses", Questionnaires.Body(Questionnaires.CheckIn, Questionnaires.ModerateWeek()), Ct)).ToList();
        var reads = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => clinicians[i % 4].GetAsync($"/api/patients/{patient}", Ct)));
        Assert.All(await Task.WhenAll(submissions), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var verification = await admin.GetFromJsonAsync<AuditVerification>("/api/audit/verify", CipnApp.Json, Ct);

        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(verification!.Intact, verification.Problem);
        var events = await app.WithDbAsync(db => db.AuditEvents.CountAsync(Ct));
        Assert.True(verification.Checked >= events - 1, $"{verification.Checked} of {events} checked"); // the verification's own event comes after
        var seqs = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.PatientId == patient).Select(e => e.Seq!.Value).ToListAsync(Ct));
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
    }

    /// <summary>
    /// A save that writes other rows holds its audit events back until those are written; when the save fails they are
    /// tracked again, unchained, and the retry writes each once in its place in the chain (issue #17).
    /// </summary>
    [Fact]
    public async Task TheAuditEventOfAFailedSave_IsWrittenOnceByTheRetry_InTheChain()
    {
        var team = await app.CreateTeamAsync();
        var marker = $"retried save {Guid.NewGuid()}";

        var (stateAfterFailure, seqAfterFailure) = await app.WithDbAsync(async db =>
        {
            var audit = db.AuditEvents.Add(TestEvent("test retried save", marker)).Entity;
            var clash = db.CareTeams.Add(new CareTeam { Id = team, Name = "A second team with the first one's id" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            var after = (db.Entry(audit).State, audit.Seq);
            clash.State = EntityState.Detached;
            db.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = "The retried team" });
            await db.SaveChangesAsync(Ct);
            return after;
        });

        Assert.Equal((EntityState.Added, (long?)null), (stateAfterFailure, seqAfterFailure));
        var stored = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Detail == marker).ToListAsync(Ct));
        Assert.NotNull(Assert.Single(stored).Seq);
        Assert.True(await app.WithDbAsync(db => db.CareTeams.AnyAsync(t => t.Name == "The retried team", Ct)));
        await AssertIntactAsync();
    }

    /// <summary>
    /// A save cancelled midway (EF reports it apart from a failure) is undone as a failed one: its audit event tracked
    /// again, unchained, no transaction left open on the context, and the retry writes the event once in the chain.
    /// Before, a cancelled save kept its transaction and, on PostgreSQL, dropped its held-back events.
    /// </summary>
    [Fact]
    public async Task TheAuditEventOfACancelledSave_IsWrittenOnceByTheRetry_InTheChain()
    {
        var marker = $"cancelled save {Guid.NewGuid()}";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var options = app.Services.GetRequiredService<DbContextOptions<CipnDbContext>>();
        await using var db = new CipnDbContext(new DbContextOptionsBuilder<CipnDbContext>(options).AddInterceptors(new CancelOnInsert("CareTeams", cancel)).Options);

        var audit = db.AuditEvents.Add(TestEvent("test cancelled save", marker)).Entity;
        db.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = marker });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.SaveChangesAsync(cancel.Token));

        Assert.Equal((EntityState.Added, (long?)null, false), (db.Entry(audit).State, audit.Seq, db.Database.CurrentTransaction is not null));
        Assert.False(await app.WithDbAsync(other => other.CareTeams.AnyAsync(t => t.Name == marker, Ct)));
        await db.SaveChangesAsync(Ct);
        var stored = await app.WithDbAsync(other => other.AuditEvents.Where(e => e.Detail == marker).ToListAsync(Ct));
        Assert.NotNull(Assert.Single(stored).Seq);
        Assert.True(await app.WithDbAsync(other => other.CareTeams.AnyAsync(t => t.Name == marker, Ct)));
        await AssertIntactAsync();
    }

    /// <summary>Cancels <paramref name="cancel"/> as a command inserting into <paramref name="table"/> is about to run.</summary>
    private sealed class CancelOnInsert(string table, CancellationTokenSource cancel) : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await CancelIfInsertingAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await CancelIfInsertingAsync(command);
            return result;
        }

        private Task CancelIfInsertingAsync(DbCommand command) =>
            command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal) ? cancel.CancelAsync() : Task.CompletedTask;
    }

    /// <summary>
    /// The two ways of appending take turns on one chain: a request's own transaction appends in the database (on
    /// PostgreSQL the number and hash computed there, issue #17), an import in a caller's transaction, imitated here,
    /// chains in the app; each follows the other instead of forking the chain, and the hashes of both verify.
    /// </summary>
    [Fact]
    public async Task AnAppendInACallersTransaction_IsFollowed_NotForked()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var marker = $"appended elsewhere {Guid.NewGuid()}";

        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/patients/{patient}", Ct)).StatusCode);
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.AuditEvents.Add(TestEvent("test append elsewhere", marker));
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            return 0;
        });
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/patients/{patient}", Ct)).StatusCode);

        var elsewhere = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Detail == marker).Select(e => e.Seq).SingleAsync(Ct));
        var reads = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.PatientId == patient && e.Action == "read patient").OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync(Ct));
        Assert.Equal(2, reads.Count);
        Assert.True(reads[0] < elsewhere && elsewhere < reads[1], $"reads at {reads[0]} and {reads[1]}, the other append at {elsewhere}");
        await AssertIntactAsync();
    }

    /// <summary>
    /// A transaction of many saves (a Bundle import) holds its audit events back and chains them in its last save: they
    /// commit with its rows, after what others appended meanwhile — on PostgreSQL another request appends while the
    /// transaction is still open, not waiting for it (issue #17).
    /// </summary>
    [Fact]
    public async Task HeldEvents_AreChainedByTheTransactionsLastSave_AfterWhatOthersAppendedMeanwhile()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var marker = $"held {Guid.NewGuid()}";

        var (written, stored) = await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Database.AutoSavepointsEnabled = false; // all or nothing, as a hold requires
            using var held = AuditChain.HoldEvents(db);
            for (var i = 0; i < 3; i++)
            {
                db.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = $"{marker} {i}" });
                db.AuditEvents.Add(TestEvent("test held", marker));
                await db.SaveChangesAsync(Ct);
            }

            if (app.Provider == DatabaseProvider.Postgres) // SQLite's one write lock is the transaction's until it commits
            {
                Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/patients/{patient}", Ct)).StatusCode);
            }

            var before = await db.AuditEvents.CountAsync(e => e.Detail == marker, Ct);
            await held.WriteAsync(Ct);
            await transaction.CommitAsync(Ct);
            return (before, await db.CareTeams.CountAsync(t => t.Name.StartsWith(marker), Ct));
        });

        Assert.Equal((0, 3), (written, stored)); // none written before the last save; the rows with them
        var seqs = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Detail == marker).OrderBy(e => e.Seq).Select(e => e.Seq!.Value).ToListAsync(Ct));
        Assert.Equal([seqs[0], seqs[0] + 1, seqs[0] + 2], seqs);
        if (app.Provider == DatabaseProvider.Postgres)
        {
            var read = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.PatientId == patient && e.Action == "read patient").Select(e => e.Seq!.Value).SingleAsync(Ct));
            Assert.True(read < seqs[0], $"the read at {read}, the held events from {seqs[0]}");
        }

        await AssertIntactAsync();
    }

    /// <summary>
    /// Held events of a transaction rolled back are dropped with it; a hold outlives its transaction harmlessly: the
    /// context's next transaction (a pooled context's next lease) chains its events as usual.
    /// </summary>
    [Fact]
    public async Task HeldEvents_GoWithARolledBackTransaction_AndAStaleHoldDropsNothingLater()
    {
        var marker = $"held then rolled back {Guid.NewGuid()}";
        await app.WithDbAsync(async db =>
        {
            Assert.Throws<InvalidOperationException>(() => AuditChain.HoldEvents(db)); // outside a transaction
            await using (var rolledBack = await db.Database.BeginTransactionAsync(Ct))
            {
                Assert.Throws<InvalidOperationException>(() => AuditChain.HoldEvents(db)); // with savepoints: a failed save would take its events
                db.Database.AutoSavepointsEnabled = false;
                AuditChain.HoldEvents(db); // not disposed, on purpose
                db.AuditEvents.Add(TestEvent("test held", $"{marker} dropped"));
                await db.SaveChangesAsync(Ct);
                await rolledBack.RollbackAsync(Ct);
            }

            db.ChangeTracker.Clear();
            await using var next = await db.Database.BeginTransactionAsync(Ct);
            db.AuditEvents.Add(TestEvent("test held", $"{marker} kept"));
            await db.SaveChangesAsync(Ct);
            await next.CommitAsync(Ct);
            db.AuditEvents.Add(TestEvent("test held", $"{marker} kept")); // and outside any transaction
            return await db.SaveChangesAsync(Ct);
        });

        var details = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Detail!.StartsWith(marker)).Select(e => e.Detail).ToListAsync(Ct));
        Assert.Equal([$"{marker} kept", $"{marker} kept"], details);
        await AssertIntactAsync();
    }

    /// <summary>
    /// Several events in one save are appended one after another in the same commit (on PostgreSQL each of the batch's
    /// statements reads the head its predecessor moved), with text the database hashes as the app does: accents, a
    /// separator-like character, nulls.
    /// </summary>
    [Fact]
    public async Task EventsOfOneSave_AreConsecutive_AndEachHashVerifies()
    {
        var marker = $"one save {Guid.NewGuid()}";
        await app.WithDbAsync(db =>
        {
            db.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = marker });
            var accented = TestEvent("test one save", marker);
            accented.UserName = "José Müller — 診療";
            var denied = TestEvent("test one save", marker);
            (denied.Outcome, denied.UserName) = (AuditOutcome.Denied, "a\u001fb"); // and no role
            db.AuditEvents.AddRange(accented, denied);
            return db.SaveChangesAsync(Ct);
        });

        var stored = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Detail == marker).OrderBy(e => e.Seq).ToListAsync(Ct));
        Assert.Equal(2, stored.Count);
        Assert.Equal((stored[0].Seq + 1, stored[0].Hash), (stored[1].Seq, stored[1].PreviousHash));
        Assert.All(stored, e => Assert.Equal(AuditChain.HashOf(e, e.PreviousHash), e.Hash));
        Assert.Equal("José Müller — 診療", stored[0].UserName);
        await AssertIntactAsync();
    }

    /// <summary>
    /// The chaining finds a save's events without scanning the tracked rows for changes (issue #17): a change made to a
    /// tracked row without telling EF is still found by the save itself and written with the events, in one transaction.
    /// </summary>
    [Fact]
    public async Task AChangeEfWasNotToldOf_IsSavedWithTheChainedEvents()
    {
        var marker = $"untold {Guid.NewGuid()}";
        var teamId = await app.CreateTeamAsync();
        await app.WithDbAsync(async db =>
        {
            var team = await db.CareTeams.SingleAsync(t => t.Id == teamId, Ct);
            team.Name = marker; // a plain property set: EF knows of it only by comparing with its snapshot
            db.AuditEvents.Add(TestEvent("test untold change", marker));
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal(marker, await app.WithDbAsync(db => db.CareTeams.Where(t => t.Id == teamId).Select(t => t.Name).SingleAsync(Ct)));
        var stored = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Detail == marker).ToListAsync(Ct)));
        Assert.NotNull(stored.Seq);
        Assert.Equal(AuditChain.HashOf(stored, stored.PreviousHash), stored.Hash);
        await AssertIntactAsync();
    }

    /// <summary>An event written straight to the database, as a caller's own save would (not through a request).</summary>
    internal static AuditEvent TestEvent(string action, string detail) =>
        new() { At = TimeProvider.System.GetUtcNow().UtcDateTime, Action = action, Outcome = AuditOutcome.Success, Detail = detail };

    private async Task AssertIntactAsync()
    {
        var verification = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, Ct));
        Assert.True(verification.Intact, verification.Problem);
    }

    /// <summary>Verifying while the app writes: the walk checks the chain as far as its head reached when the walk began.</summary>
    [Fact]
    public async Task VerificationsDuringConcurrentWrites_AllReadIntact()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinicians = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team))));
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var written = 0;
        var writers = clinicians.Select(async client =>
        {
            while (!writing.IsCancellationRequested)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{patient}", CancellationToken.None)).StatusCode);
                Interlocked.Increment(ref written);
            }
        }).ToList();
        var verifications = new List<AuditVerification>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // Until both counts are reached (a second or two); the bound is for a saturated machine, where SQLite's one writer
        // let only 18 writes through in 30 s.
        while ((verifications.Count < 15 || Volatile.Read(ref written) < 30) && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            verifications.Add((await admin.GetFromJsonAsync<AuditVerification>("/api/audit/verify", CipnApp.Json, Ct))!);
        }

        await writing.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(written >= 30, $"only {written} events were written during {verifications.Count} verifications");
        Assert.All(verifications, v => Assert.True(v.Intact, $"{v.Problem} (checked {v.Checked})"));
    }
}

public sealed class AuditChainOnSqlite(SqliteApp app) : AuditChainTests(app), IClassFixture<SqliteApp>;

public sealed class AuditChainOnPostgres(PostgresApp app) : AuditChainTests(app), IClassFixture<PostgresApp>;

/// <summary>Editing or deleting any event is found (each class has its database to break).</summary>
public abstract class TamperedAuditTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditedEvent_ADeletedLastEvent_AndADeletedMiddleEvent_AreEachFound()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        for (var i = 0; i < 5; i++)
        {
            await clinician.GetAsync($"/api/patients/{patient}", Ct);
        }

        Task<AuditVerification> VerifyAsync() => admin.GetFromJsonAsync<AuditVerification>("/api/audit/verify", CipnApp.Json, Ct)!;
        Assert.True((await VerifyAsync())!.Intact);
        var read = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.PatientId == patient).OrderBy(e => e.Seq).Skip(2).FirstAsync(Ct));

        // 1. An edited event (the "who" changed), then put back.
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == read.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.UserName, "someone-else@example.org"), Ct));
        var edited = await VerifyAsync();
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == read.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.UserName, read.UserName), Ct));
        var putBack = await VerifyAsync();

        // 2. The newest event deleted.
        await app.WithDbAsync(async db => await db.AuditEvents.Where(e => e.Seq == db.AuditEvents.Max(x => x.Seq)).ExecuteDeleteAsync(Ct));
        var tail = await VerifyAsync();

        // 3. An event in the middle deleted.
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == read.Id).ExecuteDeleteAsync(Ct));
        var middle = await VerifyAsync();

        Assert.Equal((false, read.Id, "the event was changed"), (edited.Intact, edited.FirstBrokenId, edited.Problem));
        Assert.True(putBack.Intact, putBack.Problem);
        Assert.False(tail.Intact);
        Assert.Contains("deleted", tail.Problem, StringComparison.Ordinal);
        var next = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Seq > read.Seq).OrderBy(e => e.Seq).Select(e => e.Id).FirstAsync(Ct));
        Assert.Equal((false, next), (middle.Intact, middle.FirstBrokenId));

        // 4. An event written around the app (no place in the chain) stays outside it when the app starts again.
        const string columns = "\"At\", \"UserId\", \"UserName\", \"Role\", \"PatientId\", \"Action\", \"Outcome\", \"IpAddress\", \"Endpoint\", \"Detail\"";
#pragma warning disable EF1002 // constant column names; the id is a number read from the database
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"INSERT INTO \"AuditEvents\" ({columns}) SELECT {columns} FROM \"AuditEvents\" WHERE \"Id\" = {next}", Ct));
#pragma warning restore EF1002
        var forged = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Seq == null).Select(e => e.Id).SingleAsync(Ct));
        var sealedAtStart = await app.WithDbAsync(db => AuditChain.SealUnchainedAsync(db, Ct));
        var outside = await VerifyAsync();
        Assert.Equal((0, false, forged, "an event was added outside the chain"), (sealedAtStart, outside.Intact, outside.FirstBrokenId, outside.Problem));

    }
}

public sealed class TamperedAuditOnSqlite(SqliteApp app) : TamperedAuditTests(app), IClassFixture<SqliteApp>;

public sealed class TamperedAuditOnPostgres(PostgresApp app) : TamperedAuditTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// An event numbered past the end of the chain is reported (it was not written by the app, whose appends move the head);
/// a missing head stops audited writes until it is put back.
/// </summary>
public abstract class AuditPastTheChainTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEventNumberedPastTheHead_IsReported()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        await (await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team))).GetAsync($"/api/patients/{patient}", Ct);
        var intact = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, Ct));

        const string columns = "\"At\", \"UserId\", \"UserName\", \"Role\", \"PatientId\", \"Action\", \"Outcome\", \"IpAddress\", \"Endpoint\", \"Detail\", \"PreviousHash\", \"Hash\"";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"AuditEvents\" ({columns}, \"Seq\") SELECT {columns}, \"Seq\" + 1 FROM \"AuditEvents\" WHERE \"Seq\" = (SELECT \"LastSeq\" FROM \"AuditChainHead\")", Ct));
        var added = await app.WithDbAsync(db => db.AuditEvents.OrderByDescending(e => e.Seq).Select(e => e.Id).FirstAsync(Ct));
        var verified = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, Ct)); // as `audit verify` does: the API's own audit entry would collide with it

        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal((false, added, "an event was added after the end of the chain"), (verified.Intact, verified.FirstBrokenId, verified.Problem));
    }

    /// <summary>
    /// Without the head row every audited write is refused with nothing written (on PostgreSQL the append's batch stops
    /// before its COMMIT), and the SQL docs/operations.md gives puts it back so that the chain goes on from its last event.
    /// </summary>
    [Fact]
    public async Task WithTheHeadRowGone_AnAuditedWriteIsRefused_NothingWritten_AndTheDocumentedInsertPutsItBack()
    {
        var marker = $"headless {Guid.NewGuid()}";
        Task<int> WriteAuditedAsync() => app.WithDbAsync(db =>
        {
            db.CareTeams.Add(new CareTeam { Id = Guid.NewGuid(), Name = marker });
            db.AuditEvents.Add(AuditChainTests.TestEvent("test headless", marker));
            return db.SaveChangesAsync(Ct);
        });
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditChainHead\"", Ct));

        var refused = await Assert.ThrowsAnyAsync<Exception>(WriteAuditedAsync);
        Assert.Contains("AuditChainHead", refused.Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.CareTeams.AnyAsync(t => t.Name == marker, Ct)));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Detail == marker, Ct)));

        var operations = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "operations.md"));
        var from = operations.IndexOf("INSERT INTO \"AuditChainHead\"", StringComparison.Ordinal);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(operations[from..operations.IndexOf("```", from, StringComparison.Ordinal)], Ct));
        var last = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => e.Seq, Ct));
        await WriteAuditedAsync();
        var appended = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Detail == marker, Ct));
        var head = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(((last ?? 0) + 1, appended.Hash), (appended.Seq, head.LastHash)); // after the last event, or the first of an empty trail
        Assert.Equal(appended.Hash, AuditChain.HashOf(appended, appended.PreviousHash));
    }
}

public sealed class AuditPastTheChainOnSqlite(SqliteApp app) : AuditPastTheChainTests(app), IClassFixture<SqliteApp>;

public sealed class AuditPastTheChainOnPostgres(PostgresApp app) : AuditPastTheChainTests(app), IClassFixture<PostgresApp>;
