using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    /// <summary>Locks the head, chains <paramref name="added"/> after it and moves the head; inside the caller's transaction.</summary>
    public static async Task AppendAsync(DbContext db, IReadOnlyList<AuditEvent> added, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(added);
        // Locks the head row and reads it in one round trip; not composed further, so EF runs the statement as written.
        // PostgreSQL locks it with FOR UPDATE (an UPDATE would leave one more row version per append, and a transaction that
        // appends thousands — a Bundle import — walks them all); SQLite has no row locks: the UPDATE takes its one write lock.
        var head = (await db.Set<AuditChainHead>().FromSqlRaw(db.Database.IsNpgsql()
                ? """SELECT * FROM "AuditChainHead" WHERE "Id" = 1 FOR UPDATE"""
                : """UPDATE "AuditChainHead" SET "LastSeq" = "LastSeq" WHERE "Id" = 1 RETURNING *""")
            .AsNoTracking().ToListAsync(cancellationToken)).Single();
        var (seq, previous) = (head.LastSeq, head.LastHash);
        foreach (var e in added)
        {
            e.At = new DateTime(e.At.Ticks - (e.At.Ticks % 10), DateTimeKind.Utc); // microseconds: what PostgreSQL keeps
            e.Seq = ++seq;
            e.PreviousHash = previous;
            e.Hash = previous = HashOf(e, e.PreviousHash);
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditChainHead" SET "LastSeq" = {0}, "LastHash" = {1} WHERE "Id" = 1""", [seq, previous!], cancellationToken);
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

    private sealed class ChainInterceptor : SaveChangesInterceptor
    {
        /// <summary>Transactions this interceptor began for a SaveChanges that had none (committed when it succeeds).</summary>
        private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = [];

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && Added(db) is { Count: > 0 } added)
            {
                if (db.Database.CurrentTransaction is null)
                {
                    _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
                }

                await AppendAsync(db, added, cancellationToken);
            }

            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && _owned.TryGetValue(db, out var transaction))
            {
                _owned.Remove(db);
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }

            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
            SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && _owned.TryGetValue(db, out var transaction))
            {
                _owned.Remove(db);
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

        private static List<AuditEvent> Added(DbContext db) =>
            db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added && e.Entity.Seq is null).Select(e => e.Entity).ToList();
    }
}
