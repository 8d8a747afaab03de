using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CipnCare.Web.Data;

/// <summary>
/// SQLite has one write lock per database, and every transaction the app begins takes it at once (Microsoft.Data.Sqlite
/// begins <c>IMMEDIATE</c> unless told otherwise). A transaction that finds it taken waits inside SQLite's busy handler,
/// which sleeps 1, 2, 5 … up to 100 ms between tries (<see cref="SqliteBusyTimeout"/>): under 16 concurrent check-ins the
/// waiters slept while the lock lay free, and took turns in no order (issue #17). This gate queues this process's
/// transactions on one database before they begin, in order, and without holding a thread: each begins when the one
/// before it has ended. Other processes (an operations command, a backup) still meet the busy handler.
/// </summary>
/// <remarks>
/// A transaction is let through when it begins and the gate is opened when EF reports its end (committed, rolled back,
/// failed) or its connection closes (a transaction disposed unfinished rolls back inside Microsoft.Data.Sqlite without an
/// event; EF closes the connection it opened for it). Opening early is never unsafe — the next transaction then meets
/// SQLite's own lock and busy handler, as without the gate. A wait longer than the connection's command timeout fails as
/// SQLite would ("database is locked").
/// </remarks>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    /// <summary>One gate per database file (several apps in one process, as in the tests, share a file's gate).</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate each EF connection holds, by EF's connection id.</summary>
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _held = new();

    private SqliteWriteGate()
    {
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (GateOf(connection) is { } gate && !_held.ContainsKey(eventData.ConnectionId))
        {
            if (!gate.Wait(Patience(connection)))
            {
                throw Locked(connection);
            }

            _held[eventData.ConnectionId] = gate;
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (GateOf(connection) is { } gate && !_held.ContainsKey(eventData.ConnectionId))
        {
            if (!await gate.WaitAsync(Patience(connection), cancellationToken))
            {
                throw Locked(connection);
            }

            _held[eventData.ConnectionId] = gate;
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Open(eventData.ConnectionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Opened(eventData.ConnectionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Open(eventData.ConnectionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Opened(eventData.ConnectionId);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Open(eventData.ConnectionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) => Opened(eventData.ConnectionId);

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Open(eventData.ConnectionId);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Open(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    private Task Opened(Guid connectionId)
    {
        Open(connectionId);
        return Task.CompletedTask;
    }

    private void Open(Guid connectionId)
    {
        if (_held.TryRemove(connectionId, out var gate))
        {
            gate.Release();
        }
    }

    private static SemaphoreSlim? GateOf(DbConnection connection) =>
        connection is SqliteConnection { DataSource: { Length: > 0 } file }
            ? Gates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1))
            : null;

    private static TimeSpan Patience(DbConnection connection) =>
        connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? TimeSpan.FromSeconds(sqlite.DefaultTimeout) : Timeout.InfiniteTimeSpan;

    private static SqliteException Locked(DbConnection connection) =>
        new($"SQLite Error 5: 'database is locked' (this process's other writers held {connection.DataSource} for longer than the command timeout).", 5);
}
