using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CipnCare.Web.Data;

/// <summary>
/// SQLite has one write lock per database, and every transaction the app begins takes it at once (Microsoft.Data.Sqlite
/// begins <c>IMMEDIATE</c>). A transaction that finds it taken waits inside SQLite's busy handler, which sleeps 1, 2, 5 …
/// up to 100 ms between tries (<see cref="SqliteBusyTimeout"/>): under 16 concurrent check-ins the waiters slept while the
/// lock lay free, and took it in no order (issue #17). Here this process's transactions on one database file take turns
/// before they begin, in order, each beginning as soon as the one before has ended; an async caller waits without a
/// thread. Other processes (an operations command, the sqlite3 shell) still meet SQLite's lock and busy handler.
/// </summary>
/// <remarks>
/// <para>The gate begins the transaction itself once the turn is granted (the same <c>BeginTransaction</c> EF would call,
/// not cancelled halfway), and gives the turn back if that fails. A commit gives the turn back the moment SQLite releases
/// its write lock (<see cref="CommitHook"/>), before the COMMIT returns; otherwise the turn is given back when EF reports
/// the transaction's end (committed, rolled back, failed) or its connection closes or is disposed.</para>
/// <para>A transaction can end with none of those: disposed unfinished on a connection the app opened itself (SQLite rolls
/// back inside, with no EF event), or left behind by a refused nested begin. So while a transaction waits it looks at the
/// holder every <see cref="Slice"/>, and gives its turn back for it when the holder's connection is closed or no longer in
/// a transaction. Letting a transaction through early is never unsafe: it then meets SQLite's own lock, as without the gate.</para>
/// <para>A wait longer than the connection's command timeout fails with SQLITE_BUSY, as SQLite would.</para>
/// </remarks>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    /// <summary>How often a waiter checks whether the holder has ended without saying so (the turn itself passes at once).</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    /// <summary>One gate per database file (several apps in one process, as in the tests, share a file's gate).</summary>
    private static readonly ConcurrentDictionary<string, Turns> Files = new(StringComparer.Ordinal);

    /// <summary>The gate each EF connection holds the turn of, by EF's connection id.</summary>
    private readonly ConcurrentDictionary<Guid, Turns> _held = new();

    /// <summary>The EF connection id of each holder, by SQLite's own connection (what the commit hook is given).</summary>
    private readonly ConcurrentDictionary<nint, Guid> _byNative = new();

    private SqliteWriteGate()
    {
    }

    /// <summary>One database file's turns: the semaphore, and who holds it.</summary>
    private sealed class Turns
    {
        public SemaphoreSlim Free { get; } = new(1, 1);

        public Lock Sync { get; } = new();

        /// <summary>Guarded by <see cref="Sync"/>.</summary>
        public Holder? Holder { get; set; }
    }

    /// <summary>A connection holding the turn; <see cref="Begun"/> once its BEGIN succeeded.</summary>
    private sealed class Holder(Guid id, SqliteConnection connection)
    {
        public Guid Id { get; } = id;

        public SqliteConnection Connection { get; } = connection;

        /// <summary>SQLite's own connection (<c>sqlite3*</c>), which its commit hook names.</summary>
        public nint Native { get; } = connection.Handle?.DangerousGetHandle() ?? 0;

        public volatile bool Begun;

        /// <summary>Its transaction has ended without an event: the connection is closed, or back in autocommit mode.</summary>
        public bool Abandoned() =>
            Connection.State != ConnectionState.Open || Connection.Handle is not { } handle
            || (Begun && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0);
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (connection is not SqliteConnection sqlite || FileOf(sqlite) is not { } turns || _held.ContainsKey(eventData.ConnectionId))
        {
            return result;
        }

        var waited = Stopwatch.StartNew();
        while (!turns.Free.Wait(Slice))
        {
            ReleaseIfAbandoned(turns);
            ThrowIfPatienceRunOut(sqlite, waited.Elapsed);
        }

        Grant(turns, eventData.ConnectionId, sqlite);
        return Begin(sqlite, eventData);
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (connection is not SqliteConnection sqlite || FileOf(sqlite) is not { } turns || _held.ContainsKey(eventData.ConnectionId))
        {
            return result;
        }

        // One wait in the semaphore's queue (first come, first served), looking at the holder every slice meanwhile.
        var turn = turns.Free.WaitAsync(Patience(sqlite), cancellationToken); // cancelled while waiting: nothing is held
        while (!turn.IsCompleted)
        {
            await Task.WhenAny(turn, Task.Delay(Slice, CancellationToken.None));
            ReleaseIfAbandoned(turns);
        }

        if (!await turn)
        {
            throw Locked(sqlite);
        }

        Grant(turns, eventData.ConnectionId, sqlite);
        return Begin(sqlite, eventData); // from here not cancelled: a granted turn is either begun or given back
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(eventData.ConnectionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => GivenBack(eventData.ConnectionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(eventData.ConnectionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => GivenBack(eventData.ConnectionId);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => GiveBack(eventData.ConnectionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) => GivenBack(eventData.ConnectionId);

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => CommitHook.Install(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CommitHook.Install(connection);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        GiveBack(eventData.ConnectionId);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        GiveBack(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        GiveBack(eventData.ConnectionId); // a context disposed with its connection open closes it without a closing event
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        GiveBack(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    private void Grant(Turns turns, Guid connectionId, SqliteConnection connection)
    {
        var holder = new Holder(connectionId, connection);
        lock (turns.Sync)
        {
            turns.Holder = holder;
        }

        _held[connectionId] = turns;
        if (holder.Native != 0)
        {
            _byNative[holder.Native] = connectionId;
        }
    }

    /// <summary>Gives back the turn of a holder whose transaction has ended without an event, for the next in the queue.</summary>
    private void ReleaseIfAbandoned(Turns turns)
    {
        Holder? holder;
        lock (turns.Sync)
        {
            holder = turns.Holder;
        }

        // Asked outside the lock: SQLite may be inside the holder's COMMIT, in the commit hook that takes the lock.
        if (holder is null || !holder.Abandoned())
        {
            return;
        }

        lock (turns.Sync)
        {
            if (!ReferenceEquals(turns.Holder, holder))
            {
                return; // given back meanwhile
            }

            _held.TryRemove(holder.Id, out _);
            _byNative.TryRemove(new KeyValuePair<nint, Guid>(holder.Native, holder.Id));
            turns.Holder = null;
        }

        turns.Free.Release();
    }

    /// <summary>Begins the transaction as EF would, and marks the turn's holder begun; a BEGIN that fails gives the turn back.</summary>
    private InterceptionResult<DbTransaction> Begin(SqliteConnection connection, TransactionStartingEventData eventData)
    {
        try
        {
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            if (_held.TryGetValue(eventData.ConnectionId, out var turns))
            {
                lock (turns.Sync)
                {
                    if (turns.Holder is { } holder && holder.Id == eventData.ConnectionId)
                    {
                        holder.Begun = true;
                    }
                }
            }

            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            GiveBack(eventData.ConnectionId);
            throw;
        }
    }

    private Task GivenBack(Guid connectionId)
    {
        GiveBack(connectionId);
        return Task.CompletedTask;
    }

    private void GiveBack(Guid connectionId)
    {
        if (!_held.TryRemove(connectionId, out var turns))
        {
            return;
        }

        lock (turns.Sync)
        {
            if (turns.Holder is not { } holder || holder.Id != connectionId)
            {
                return; // taken over meanwhile: the turn is the new holder's
            }

            _byNative.TryRemove(new KeyValuePair<nint, Guid>(holder.Native, connectionId));
            turns.Holder = null;
        }

        turns.Free.Release();
    }

    /// <summary>SQLite has released the write lock of <paramref name="native"/>'s commit: the turn passes now.</summary>
    private void Committed(nint native)
    {
        if (_byNative.TryGetValue(native, out var connectionId))
        {
            GiveBack(connectionId);
        }
    }

    /// <summary>
    /// SQLite calls the <c>sqlite3_wal_hook</c> callback after each commit, once the write lock is released
    /// (https://www.sqlite.org/c3ref/wal_hook.html), and the turn passes there rather than when the COMMIT returns to EF.
    /// The commit that brings the write-ahead log to 1,000 pages also runs SQLite's automatic checkpoint in that call:
    /// it copies the pages back into the database file and syncs it, and every other writer used to wait for that
    /// (issue #17). The automatic checkpoint is itself such a hook (<c>wal_autocheckpoint</c>), which this one replaces,
    /// so it checkpoints as that one does: passively, at 1,000 pages, on the committing connection.
    /// </summary>
    /// <remarks>
    /// SQLitePCLRaw has no binding for <c>sqlite3_wal_hook</c>, so it is called in the library Microsoft.Data.Sqlite
    /// already loaded (<c>e_sqlite3</c>). Where that library is not there (another SQLite bundle), or the call fails, no
    /// hook is installed: SQLite keeps its own automatic checkpoint and the turn passes when EF reports the commit.
    /// </remarks>
    private static class CommitHook
    {
        /// <summary>SQLite's default <c>wal_autocheckpoint</c> (https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint).</summary>
        private const int CheckpointPages = 1000;

        private static readonly WalHook Callback = OnCommit; // kept alive for as long as SQLite may call it

        private static readonly nint CallbackPointer = Marshal.GetFunctionPointerForDelegate(Callback);

        private static volatile bool _unavailable;

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int WalHook(nint argument, nint db, nint database, int pages);

        public static void Install(DbConnection connection)
        {
            if (_unavailable || connection is not SqliteConnection { Handle: { } handle })
            {
                return;
            }

            try
            {
                sqlite3_wal_hook(handle.DangerousGetHandle(), CallbackPointer, 0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
            }
        }

        private static int OnCommit(nint argument, nint db, nint database, int pages)
        {
            try
            {
                Instance.Committed(db);
                if (pages >= CheckpointPages)
                {
                    _ = sqlite3_wal_checkpoint(db, database); // busy (another checkpoint running) is fine, as in SQLite's own hook
                }
            }
            catch (Exception)
            {
                // Nothing may escape into SQLite; a turn not passed here passes when EF reports the commit.
            }

            return 0; // SQLITE_OK
        }

        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        private static extern nint sqlite3_wal_hook(nint db, nint callback, nint argument);

        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        private static extern int sqlite3_wal_checkpoint(nint db, nint database);
    }

    private static Turns? FileOf(SqliteConnection connection) =>
        connection.DataSource is { Length: > 0 } file ? Files.GetOrAdd(Path.GetFullPath(file), _ => new Turns()) : null;

    /// <summary>The connection's command timeout (<c>Default Timeout</c>; 30 s when it is 0, which would otherwise never end).</summary>
    private static TimeSpan Patience(SqliteConnection connection) => TimeSpan.FromSeconds(connection.DefaultTimeout > 0 ? connection.DefaultTimeout : 30);

    private static void ThrowIfPatienceRunOut(SqliteConnection connection, TimeSpan waited)
    {
        if (waited >= Patience(connection))
        {
            throw Locked(connection);
        }
    }

    private static SqliteException Locked(SqliteConnection connection) =>
        new($"SQLite Error 5: 'database is locked' (this process's other writers held {connection.DataSource} for longer than the command timeout).", 5);
}
