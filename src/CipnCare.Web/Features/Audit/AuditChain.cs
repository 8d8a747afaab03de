using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            e.Seq?.ToString(CultureInfo.InvariantCulture) + Content(e) + previousHash)));
    }

    /// <summary>
    /// What an event's hash covers besides its number and the hash before it, with the separators on both sides: the
    /// number goes before it and the previous hash after it (<see cref="HashOf"/>; on PostgreSQL also the database's
    /// own append, which knows the number and the previous hash only under the head's lock).
    /// </summary>
    private static string Content(AuditEvent e) => string.Join(Separator, "",
        e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture), e.UserId, e.UserName, e.Role,
        e.PatientId?.ToString(), e.Action, e.Outcome.ToString(), e.IpAddress, e.Endpoint, e.Detail, "");

    private const char Separator = '\u001f';

    /// <summary>
    /// Holds back the audit events of the context's saves in the caller's current transaction until
    /// <see cref="HeldEvents.WriteAsync"/> chains them all in one save, still in that transaction, so they commit with the
    /// rows they describe or not at all. For a transaction of many saves (a Bundle import): the head is then locked by the
    /// last save only, not from the first to the commit, so other writers are not kept waiting for the whole import, and
    /// each save skips the head's read (issue #17). Disposing without writing drops them: for a transaction rolled back.
    /// Only for an all-or-nothing transaction (savepoints off): a save that fails takes its events with it, so the caller
    /// must roll back then, and must call <see cref="HeldEvents.WriteAsync"/> before it commits. Begin the transaction
    /// with <see cref="BeginTransactionAsync"/>.
    /// </summary>
    public static HeldEvents HoldEvents(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.AutoSavepointsEnabled)
        {
            throw new InvalidOperationException("Audit events are held back only in an all-or-nothing transaction: turn AutoSavepointsEnabled off first.");
        }

        var held = new HeldEvents(db, db.Database.CurrentTransaction ?? throw new InvalidOperationException("Audit events are held back only inside a transaction: begin one first."));
        Held.AddOrUpdate(db, held);
        return held;
    }

    private static readonly ConditionalWeakTable<DbContext, HeldEvents> Held = [];

    /// <summary>
    /// A transaction whose audit append sees the head as the last commit left it: READ COMMITTED on PostgreSQL whatever the
    /// server's default (each statement of the append's batch then sees the head as its lock left it,
    /// <see cref="AppendAndCommitAsync"/>; a transaction that holds its events back locks the head only in its last save,
    /// which a stricter level would refuse after another writer moved it). SQLite's transactions are serializable anyway.
    /// </summary>
    public static Task<IDbContextTransaction> BeginTransactionAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return OnPostgres(db)
            ? db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken)
            : db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the context is on PostgreSQL, from its connection's type: EF's <c>IsNpgsql()</c> compares the provider's
    /// name, which it reads from the provider assembly's name each time (about 0.3 % of a check-in's CPU, three times a save).
    /// </summary>
    private static bool OnPostgres(DbContext db) => db.Database.GetDbConnection() is Npgsql.NpgsqlConnection;

    /// <summary>The audit events held back from a transaction's saves; see <see cref="HoldEvents"/>.</summary>
    public sealed class HeldEvents : IDisposable
    {
        private readonly DbContext _db;
        private readonly IDbContextTransaction _transaction;
        private readonly List<AuditEvent> _events = [];

        internal HeldEvents(DbContext db, IDbContextTransaction transaction) => (_db, _transaction) = (db, transaction);

        /// <summary>Takes a save's events, as long as the save is in the transaction these are held for.</summary>
        internal bool Take(List<EntityEntry<AuditEvent>> added)
        {
            if (!ReferenceEquals(_db.Database.CurrentTransaction, _transaction))
            {
                Dispose(); // that transaction is over: a save after it is chained as usual, never dropped
                return false;
            }

            _events.AddRange(added.Select(e => e.Entity));
            added.ForEach(e => e.State = EntityState.Detached);
            return true;
        }

        /// <summary>Chains and writes the held events in one save, in the transaction (the caller commits it).</summary>
        public async Task WriteAsync(CancellationToken cancellationToken)
        {
            Dispose();
            _db.AddRange(_events);
            await _db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Stops holding back; events not yet written are dropped (the transaction is being rolled back).</summary>
        public void Dispose()
        {
            if (Held.TryGetValue(_db, out var current) && ReferenceEquals(current, this))
            {
                Held.Remove(_db);
            }
        }
    }

    /// <summary>
    /// Locks the head, chains <paramref name="added"/> after it and marks the head moved, inside the caller's transaction;
    /// the caller's next SaveChanges writes the events and the head in one batch.
    /// </summary>
    public static async Task AppendAsync(DbContext db, IReadOnlyList<AuditEvent> added, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(added);
        Chain(db, await LockHeadAsync(db, cancellationToken) ?? throw HeadMissing(null), added);
    }

    /// <summary>
    /// Locks the head row and reads it in one round trip, in the caller's transaction. PostgreSQL locks it with FOR UPDATE
    /// (an UPDATE would leave one more row version per append, and a transaction that appends thousands — a Bundle import —
    /// walks them all); SQLite has no row locks: the UPDATE takes its one write lock. The statement goes to the connection
    /// as written, not through EF's query pipeline: on SQLite the write lock is held from here to the commit, and EF's
    /// query and materialiser were a tenth of a check-in's save (issue #17, <c>bench/CipnCare.Bench save</c>).
    /// </summary>
    private static async Task<AuditChainHead?> LockHeadAsync(DbContext db, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        command.CommandText = OnPostgres(db)
            ? """SELECT "LastSeq", "LastHash" FROM "AuditChainHead" WHERE "Id" = 1 FOR UPDATE"""
            : """UPDATE "AuditChainHead" SET "LastSeq" = "LastSeq" WHERE "Id" = 1 RETURNING "LastSeq", "LastHash" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditChainHead { Id = AuditChainHead.TheOne, LastSeq = reader.GetInt64(0), LastHash = reader.IsDBNull(1) ? null : reader.GetString(1) }
            : null;
    }

    /// <summary>A write with audit events is refused, nothing written, while the head row is gone (docs/operations.md says how to put it back).</summary>
    private static InvalidOperationException HeadMissing(Exception? inner) =>
        new("The audit chain's head row (AuditChainHead, Id 1) is missing, so nothing was written: put it back as docs/operations.md says.", inner);

    /// <summary>Numbers and hashes <paramref name="added"/> after the head as <paramref name="read"/>, and tracks the head moved past them.</summary>
    private static void Chain(DbContext db, AuditChainHead read, IReadOnlyList<AuditEvent> added)
    {
        var (seq, previous) = Number(read.LastSeq, read.LastHash, added);

        // The head as read, tracked unchanged, then moved: SaveChanges sends its UPDATE in the same batch as the events.
        var head = Tracked<AuditChainHead>(db).SingleOrDefault() ?? db.Attach(read);
        head.CurrentValues.SetValues(read);
        head.State = EntityState.Unchanged;
        head.Property(h => h.LastSeq).CurrentValue = seq;
        head.Property(h => h.LastHash).CurrentValue = previous;
    }

    /// <summary>
    /// The context's tracked <typeparamref name="T"/> rows, found without first comparing every tracked entity with its
    /// snapshot (<c>ChangeTracker.Entries</c> does that each time; SaveChanges does it anyway, after its interceptors). Audit
    /// events and the head are added or attached, never reached through a navigation, so none is missed; it spares a save
    /// two scans of everything its context tracks, on SQLite with the write lock held (issue #17).
    /// </summary>
    private static List<EntityEntry<T>> Tracked<T>(DbContext db)
        where T : class
    {
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries<T>().ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
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
    /// PostgreSQL, a save's own transaction with its rows written (issue #17): one batch — one round trip — locks the head,
    /// appends each event after it, the number and hash computed by the database from the head it holds, and commits. The
    /// app does nothing while the lock is held, so the lock lasts the statements and the commit's WAL flush, not a round
    /// trip more and the wait for a thread. Each append reads the head afresh: under READ COMMITTED each statement of the
    /// batch sees what was committed before it began, and the lock taken first keeps it so until the commit.
    /// </summary>
    private static async Task AppendAndCommitAsync(DbContext db, List<AuditEvent> added)
    {
        var (insert, columns) = AppendStatements.GetValue(db.Model, AppendStatementOf);
        static object? Stored(IProperty property, object? value) => // as EF would store it (the outcome's name, a UTC time)
            value is not null && property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

        await using var batch = db.Database.GetDbConnection().CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        void Add(string sql, params IEnumerable<object?> values) // the values are @p0, @p1 … in the statement
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var value in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{command.Parameters.Count}";
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        // The lock; without the head row, a division by zero, so that the batch stops before its COMMIT and nothing is written.
        Add("""SELECT 1 / count(*) FROM (SELECT 1 FROM "AuditChainHead" WHERE "Id" = 1 FOR UPDATE) AS head""");
        foreach (var e in added)
        {
            e.At = UtcDateTimeConverter.Stored(e.At);
            Add(insert, [Content(e), .. columns.Select(p => Stored(p, p.PropertyInfo!.GetValue(e)))]);
        }

        Add("COMMIT");
        DbDataReader reader;
        try
        {
            reader = await batch.ExecuteReaderAsync(CancellationToken.None); // the rows are written: append and commit, or roll back
        }
        catch (DbException e) when (e.SqlState == "22012")
        {
            throw HeadMissing(e);
        }

        await using (reader)
        {
            await reader.NextResultAsync(CancellationToken.None); // past the lock
            foreach (var e in added)
            {
                if (!await reader.ReadAsync(CancellationToken.None))
                {
                    throw new InvalidOperationException("The audit event was not written."); // the head row is there: the lock found it
                }

                (e.Id, e.Seq, e.PreviousHash, e.Hash) = (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
                await reader.NextResultAsync(CancellationToken.None);
            }
        }

        db.AttachRange(added); // as a SaveChanges would leave them: stored, with their ids
    }

    /// <summary>One event's append as <see cref="AppendAndCommitAsync"/> sends it, and the event's columns in the order of its parameters after @p0.</summary>
    private sealed record AppendStatement(string Sql, IReadOnlyList<IProperty> Columns);

    /// <summary>Made once per model, not on every audited write.</summary>
    private static readonly ConditionalWeakTable<IModel, AppendStatement> AppendStatements = [];

    private static AppendStatement AppendStatementOf(IModel model)
    {
        var entity = model.FindEntityType(typeof(AuditEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string[] chained = [nameof(AuditEvent.Seq), nameof(AuditEvent.PreviousHash), nameof(AuditEvent.Hash)];
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never && !chained.Contains(p.Name)).ToList(); // all but the database's Id and the chain's
        var chainedColumns = string.Join(", ", chained.Select(c => $"\"{entity.FindProperty(c)!.GetColumnName(table)}\""));
        // A text's type without its length: CAST to varchar(n) would cut a longer value silently (and the event would then
        // verify as changed); the column refuses it instead, as EF's own INSERT would have.
        static string Uncut(IProperty property) => property.GetProviderClrType() == typeof(string) ? "text" : property.GetColumnType();
        return new($$"""
            WITH head AS (SELECT "LastSeq" + 1 AS seq, "LastHash" AS previous FROM "AuditChainHead" WHERE "Id" = 1),
            chained AS (SELECT seq, previous, encode(sha256(convert_to(seq::text || CAST(@p0 AS text) || coalesce(previous, ''), 'UTF8')), 'hex') AS hash FROM head),
            moved AS (UPDATE "AuditChainHead" SET "LastSeq" = chained.seq, "LastHash" = chained.hash FROM chained WHERE "Id" = 1 RETURNING chained.*)
            INSERT INTO "{{table.Name}}" ({{string.Join(", ", columns.Select(p => $"\"{p.GetColumnName(table)}\""))}}, {{chainedColumns}})
            SELECT {{string.Join(", ", columns.Select((p, i) => $"CAST(@p{i + 1} AS {Uncut(p)})"))}}, seq, previous, hash FROM moved
            RETURNING "Id", {{chainedColumns}}
            """, columns);
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
    /// one and writes its other rows (a response and its scores, a dose…) unlocked; then, on PostgreSQL, one batch locks
    /// the head, appends the events and commits (<see cref="AppendAndCommitAsync"/>: the app does nothing while the lock is
    /// held). On SQLite, whose one write lock a transaction holds from its BEGIN (IMMEDIATE, after its turn at
    /// SqliteWriteGate) to its commit, the events are chained before the save's batch. A save inside a caller's transaction
    /// (a multi-step command) locks the head before its batch and holds it until the caller commits, unless the caller holds
    /// its events back to write them last (<see cref="HoldEvents"/>: an import).
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

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db)
            {
                return result;
            }

            _pending.Remove(db); // nothing is left from an earlier save: each one ends below, however it ends
            var added = Tracked<AuditEvent>(db).Where(e => e.State == EntityState.Added && e.Entity.Seq is null).ToList();
            if (added.Count == 0)
            {
                return result;
            }

            if (db.Database.CurrentTransaction is not null && Held.TryGetValue(db, out var held) && held.Take(added))
            {
                return result;
            }

            var events = added.ConvertAll(e => e.Entity);
            var savepoints = db.Database.AutoSavepointsEnabled;
            var owned = db.Database.CurrentTransaction is not null ? null : await BeginTransactionAsync(db, cancellationToken);
            // SQLite's one write lock is taken when a transaction begins and held to its commit: there the events are chained
            // before the save's batch.
            var holdBack = owned is not null && OnPostgres(db);
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
                try
                {
                    await AppendAsync(db, events, cancellationToken);
                }
                catch when (owned is not null) // before EF's save began, so no SaveChangesFailed: the transaction begun here ends here
                {
                    _pending.Remove(db);
                    db.Database.AutoSavepointsEnabled = savepoints;
                    await owned.DisposeAsync(); // rolls back

                    throw;
                }
            }

            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending))
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
                await using (pending.Transaction) // rolled back if the commit fails
                {
                    await pending.Transaction.CommitAsync(cancellationToken);
                }

                return result;
            }

            try
            {
                await AppendAndCommitAsync(db, pending.Events);
                result += pending.Events.Count;
            }
            catch
            {
                Unchain(pending.Events); // disposing the transaction rolls it back

                throw;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = pending.Savepoints;
                await pending.Transaction.DisposeAsync(); // committed by the batch: nothing left to roll back
            }

            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
            SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) => UndoAsync(eventData);

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => UndoAsync(eventData).GetAwaiter().GetResult();

        /// <summary>A cancelled save is not a failed one to EF (it reports it apart), but is undone the same way.</summary>
        public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) => UndoAsync(eventData);

        public override void SaveChangesCanceled(DbContextEventData eventData) => UndoAsync(eventData).GetAwaiter().GetResult();

        /// <summary>
        /// After a save that failed or was cancelled: its events tracked again, unchained, and the transaction begun for it
        /// rolled back (whatever the caller's token says: it may be the one that was cancelled).
        /// </summary>
        private async Task UndoAsync(DbContextEventData eventData)
        {
            if (eventData.Context is not { } db || !_pending.TryGetValue(db, out var pending))
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
                try
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }
                catch (DbException)
                {
                    // The connection broke with the save, so the server has ended the transaction: the save's own error is
                    // the one EF reports, not this one.
                }
                finally
                {
                    await transaction.DisposeAsync();
                }
            }
        }
    }
}
