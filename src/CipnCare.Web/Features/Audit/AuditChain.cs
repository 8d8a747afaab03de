using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CipnCare.Web.Features.Audit;

/// <summary>The answer of a verification: whether every event is unchanged and in place, how many were checked, and the first that is not.</summary>
public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenId, string? Problem);

/// <summary>
/// A tamper-evident audit trail (ONC §170.315(d)(2), (d)(3); issue #15): each event stores the SHA-256 of its content
/// and of the event before it, written in the same transaction as the event. Appending first locks the one
/// <see cref="AuditChainHead"/> row, so concurrent writers — other requests, other instances — chain one after the
/// other, never fork. Editing or deleting any event, or adding one beside the chain, is found by <see cref="VerifyAsync"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>Chains the audit events a SaveChanges adds; added to the DbContext at start-up.</summary>
    public static readonly IInterceptor Interceptor = new ChainInterceptor();

    public static string HashOf(AuditEvent e, string? previousHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        var content = string.Join('\u001f',
            e.Seq?.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture), e.UserId, e.UserName, e.Role,
            e.PatientId?.ToString(), e.Action, e.Outcome.ToString(), e.IpAddress, e.Endpoint, e.Detail, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>
    /// Locks the head, chains <paramref name="added"/> after it and marks the head moved, inside the caller's transaction;
    /// the caller's next SaveChanges writes the events and the head in one batch.
    /// </summary>
    public static async Task AppendAsync(DbContext db, IReadOnlyList<AuditEvent> added, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(added);
        Chain(db, (await LockHead(db).ToListAsync(cancellationToken)).Single(), added);
    }

    /// <summary>
    /// Locks the head row and reads it in one round trip; not composed further, so EF runs the statement as written.
    /// PostgreSQL locks it with FOR UPDATE (an UPDATE would leave one more row version per append, and a transaction that
    /// appends thousands — a Bundle import — walks them all); SQLite has no row locks: the UPDATE takes its one write lock.
    /// </summary>
    private static IQueryable<AuditChainHead> LockHead(DbContext db) =>
        db.Set<AuditChainHead>().FromSqlRaw(db.Database.IsNpgsql()
                ? """SELECT * FROM "AuditChainHead" WHERE "Id" = 1 FOR UPDATE"""
                : """UPDATE "AuditChainHead" SET "LastSeq" = "LastSeq" WHERE "Id" = 1 RETURNING *""")
            .AsNoTracking();

    /// <summary>Numbers and hashes <paramref name="added"/> after the head as <paramref name="read"/>, and tracks the head moved past them.</summary>
    private static void Chain(DbContext db, AuditChainHead read, IReadOnlyList<AuditEvent> added)
    {
        var (seq, previous) = Number(read.LastSeq, read.LastHash, added);

        // The head as read, tracked unchanged, then moved: SaveChanges sends its UPDATE in the same batch as the events.
        var head = db.ChangeTracker.Entries<AuditChainHead>().SingleOrDefault() ?? db.Attach(read);
        head.CurrentValues.SetValues(read);
        head.State = EntityState.Unchanged;
        head.Property(h => h.LastSeq).CurrentValue = seq;
        head.Property(h => h.LastHash).CurrentValue = previous;
    }

    /// <summary>Numbers and hashes <paramref name="added"/> after the event <paramref name="seq"/> whose hash is <paramref name="hash"/>; the new end.</summary>
    private static (long Seq, string? Hash) Number(long seq, string? hash, IReadOnlyList<AuditEvent> added)
    {
        foreach (var e in added)
        {
            e.At = UtcDateTimeConverter.Stored(e.At);
            e.Seq = ++seq;
            e.PreviousHash = hash;
            e.Hash = hash = HashOf(e, e.PreviousHash);
        }

        return (seq, hash);
    }

    /// <summary>Takes <paramref name="events"/> out of the chain again (their append did not commit), for a retry to number them anew.</summary>
    private static void Unchain(List<AuditEvent> events) => events.ForEach(e => (e.Seq, e.PreviousHash, e.Hash) = (null, null, null));

    /// <summary>
    /// PostgreSQL, when this process knows where the chain ends (its own last append, issue #17): one statement moves the
    /// head — only if it is still there, which also locks it — and writes the events after it. False, with nothing
    /// written, when the head had moved (another instance, an import in a caller's transaction): append the usual way.
    /// </summary>
    private static bool TryAppendAfter(DbContext db, (long Seq, string? Hash) end, List<AuditEvent> added)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList(); // all but the database's Id
        var (seq, hash) = Number(end.Seq, end.Hash, added);
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        string Parameter(object? value, string type)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{command.Parameters.Count}";
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
            return $"CAST(@{parameter.ParameterName} AS {type})";
        }

        var head = $"""UPDATE "AuditChainHead" SET "LastSeq" = {Parameter(seq, "bigint")}, "LastHash" = {Parameter(hash, "text")} WHERE "Id" = 1 AND "LastSeq" = {Parameter(end.Seq, "bigint")} AND "LastHash" IS NOT DISTINCT FROM {Parameter(end.Hash, "text")} RETURNING 1""";
        static object? Stored(IProperty property, object? value) => // as EF would store it (the outcome's name, a UTC time)
            value is not null && property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        var rows = added.Select(e => "SELECT " + string.Join(", ", columns.Select(p => Parameter(Stored(p, p.PropertyInfo!.GetValue(e)), p.GetColumnType()))) + " FROM moved");
        command.CommandText = $"""WITH moved AS ({head}) INSERT INTO "{table.Name}" ({string.Join(", ", columns.Select(p => $"\"{p.GetColumnName(table)}\""))}) {string.Join(" UNION ALL ", rows)} RETURNING "Id", "Seq" """;
        var ids = new Dictionary<long, long>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids[reader.GetInt64(1)] = reader.GetInt64(0);
            }
        }

        if (ids.Count == 0)
        {
            Unchain(added);
            return false;
        }

        foreach (var e in added)
        {
            e.Id = ids[e.Seq!.Value];
        }

        db.AttachRange(added); // as a SaveChanges would leave them: stored, with their ids
        return true;
    }

    /// <summary>
    /// Chains events stored before the chain existed (oldest first); run at start-up after migrating. Only once: when the
    /// chain has begun, an unchained event was written around the app, and stays outside for <see cref="VerifyAsync"/> to report.
    /// </summary>
    public static async Task<int> SealUnchainedAsync(CipnDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<AuditChainHead>().AsNoTracking().AnyAsync(h => h.Id == AuditChainHead.TheOne && h.LastSeq > 0, cancellationToken)
            || !await db.AuditEvents.AnyAsync(e => e.Seq == null, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var unchained = await db.AuditEvents.Where(e => e.Seq == null).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        await AppendAsync(db, unchained, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return unchained.Count;
    }

    /// <summary>Walks the chain in order: each event's hash, its link to the one before, no gaps, and the head at the end.</summary>
    /// <remarks>Safe while the app writes: it checks the chain as far as the head reached when the walk began.</remarks>
    public static async Task<AuditVerification> VerifyAsync(CipnDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.TheOne, cancellationToken);
        if (await db.AuditEvents.AsNoTracking().Where(e => e.Seq == null).Select(e => (long?)e.Id).OrderBy(id => id).FirstOrDefaultAsync(cancellationToken) is { } outside)
        {
            return new(false, 0, outside, "an event was added outside the chain");
        }

        // Only the events the head had counted when it was read: appends move the head in the event's transaction, so events
        // written while the walk runs come after it and are checked next time (a live app never reads as broken).
        long expected = 0;
        string? previous = null;
        var counted = head.LastSeq;
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Seq <= counted).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            expected++;
            var problem = e.Seq != expected ? $"event {expected} is missing"
                : e.PreviousHash != previous ? "the link to the event before does not match"
                : e.Hash != HashOf(e, e.PreviousHash) ? "the event was changed"
                : null;
            if (problem is not null)
            {
                return new(false, expected - 1, e.Id, problem);
            }

            previous = e.Hash;
        }

        if (expected != head.LastSeq || previous != head.LastHash)
        {
            return new(false, expected, null, $"the chain ends at event {expected}, but {head.LastSeq} were written: the last ones were deleted");
        }

        // An event numbered past the head was not written by the app: its appends move the head in the same transaction,
        // so every event committed before the head is read again below is counted by it (the highest number is read first).
        var highest = await db.AuditEvents.AsNoTracking().MaxAsync(e => e.Seq, cancellationToken);
        var headNow = await db.Set<AuditChainHead>().AsNoTracking().Where(h => h.Id == AuditChainHead.TheOne).Select(h => h.LastSeq).SingleAsync(cancellationToken);
        if (highest > headNow)
        {
            var beyond = await db.AuditEvents.AsNoTracking().Where(e => e.Seq > headNow).OrderBy(e => e.Seq).Select(e => e.Id).FirstAsync(cancellationToken);
            return new(false, expected, beyond, "an event was added after the end of the chain");
        }

        return new(true, expected, null, null);
    }

    /// <summary>
    /// Chains every audit event a SaveChanges adds. Every writer waits for the head's lock, held until its transaction
    /// commits, so it is held as briefly as possible (issue #17). A save outside any transaction — most of them — begins
    /// one, writes its other rows (a response and its scores, a dose…) unlocked, then appends in turn with the other
    /// appenders of this process (PostgreSQL): one statement moves the head from where this process last left it (which
    /// also locks it) and writes the events, then the commit; when the head is not where it was left, the head is locked
    /// and read, the events and the head written in one batch, then the commit. On SQLite, whose one write lock a
    /// transaction holds from its BEGIN (IMMEDIATE) to its commit, the events are chained before the save's batch. The turn runs
    /// synchronously, so the lock is never held while a continuation waits in the thread pool's queue behind other
    /// requests' work; one thread at a time runs it and one more waits for it (woken by the operating system); the rest
    /// wait without a thread. A save inside a caller's transaction (an import, a multi-step command) locks the head before
    /// its batch and holds it until the caller commits.
    /// </summary>
    private sealed class ChainInterceptor : SaveChangesInterceptor
    {
        /// <summary>
        /// A save's audit events, and the transaction begun here because the save had none (null in a caller's). On
        /// PostgreSQL a transaction begun here holds its events back from the save's batch, to be chained and written after
        /// it. A transaction begun here is all or nothing, so its saves make no savepoints (each costs two round trips; the
        /// setting the context had is put back).
        /// </summary>
        private sealed record Pending(List<AuditEvent> Events, IDbContextTransaction? Transaction, bool HeldBack, bool Savepoints);

        private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

        /// <summary>Contexts writing their held-back events (the inner SaveChanges passes through).</summary>
        private readonly ConditionalWeakTable<DbContext, Pending> _appending = [];

        /// <summary>Where this process last left each database's chain (by connection string); read and written under <see cref="Turn"/>.</summary>
        private static readonly Dictionary<string, (long Seq, string? Hash)> Ends = [];

        /// <summary>At most two appenders of this process past here: the one appending, and the next, blocked on <see cref="Turn"/>.</summary>
        private static readonly SemaphoreSlim Queue = new(2, 2);

        private static readonly Lock Turn = new();

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db || _appending.TryGetValue(db, out _))
            {
                return result;
            }

            var added = db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added && e.Entity.Seq is null).ToList();
            if (added.Count == 0)
            {
                return result;
            }

            var events = added.ConvertAll(e => e.Entity);
            var savepoints = db.Database.AutoSavepointsEnabled;
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            // SQLite's one write lock is taken when a transaction begins (IMMEDIATE, after its turn at SqliteWriteGate) and
            // held to its commit: there the events are chained before the save's batch (holding them back would wait for
            // the turn while holding that lock).
            var holdBack = owned is not null && db.Database.IsNpgsql();
            _pending.AddOrUpdate(db, new(events, owned, holdBack, savepoints));
            if (owned is not null)
            {
                db.Database.AutoSavepointsEnabled = false;
            }

            if (holdBack)
            {
                added.ForEach(e => e.State = EntityState.Detached);
            }
            else
            {
                await AppendAsync(db, events, cancellationToken);
            }

            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db || _appending.TryGetValue(db, out _) || !_pending.TryGetValue(db, out var pending))
            {
                return result;
            }

            _pending.Remove(db);
            if (pending.Transaction is null)
            {
                return result;
            }

            if (!pending.HeldBack)
            {
                db.Database.AutoSavepointsEnabled = pending.Savepoints;
                await pending.Transaction.CommitAsync(cancellationToken);
                await pending.Transaction.DisposeAsync();
                return result;
            }

            await Queue.WaitAsync(CancellationToken.None); // the rows are written: append and commit, or roll back
            try
            {
                lock (Turn)
                {
                    _appending.Add(db, pending);
                    var database = db.Database.GetConnectionString() ?? "";
                    if (Ends.Remove(database, out var end) && TryAppendAfter(db, end, pending.Events))
                    {
                        result += pending.Events.Count;
                    }
                    else
                    {
                        db.AddRange(pending.Events);
                        Chain(db, LockHead(db).ToList().Single(), pending.Events);
                        result += db.SaveChanges();
                    }

                    pending.Transaction.Commit();
                    Ends[database] = (pending.Events[^1].Seq!.Value, pending.Events[^1].Hash);
                }
            }
            catch
            {
                Unchain(pending.Events); // disposing the transaction rolls it back

                throw;
            }
            finally
            {
                _appending.Remove(db);
                Queue.Release();
                db.Database.AutoSavepointsEnabled = pending.Savepoints;
                await pending.Transaction.DisposeAsync();
            }

            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
            SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db || _appending.TryGetValue(db, out _) || !_pending.TryGetValue(db, out var pending))
            {
                return;
            }

            // The events are tracked as they were before the save, unchained, for a retry to write.
            _pending.Remove(db);
            if (pending.HeldBack)
            {
                db.AddRange(pending.Events);
            }
            else
            {
                Unchain(pending.Events);
            }

            if (pending.Transaction is { } transaction)
            {
                db.Database.AutoSavepointsEnabled = pending.Savepoints;
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();
    }
}
