using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CipnCare.Web.Data;

/// <summary>
/// SQLite's own wait for a locked database (<c>PRAGMA busy_timeout</c>) on every connection the app opens (issue #17).
/// Without it, a statement that finds the one write lock taken fails at once, and Microsoft.Data.Sqlite tries it again
/// after sleeping 150 ms on the request's thread (<c>SqliteDataReader.NextResult</c>): under 16 concurrent check-ins that
/// made a p99 of 0.8 s. With it SQLite waits inside the call, trying again after 1, 2, 5 … and at most every 100 ms
/// (https://www.sqlite.org/c3ref/busy_timeout.html), so a waiting writer goes on soon after the lock is released. The
/// bound is the connection's command timeout, as before. The app's own transactions no longer meet it among themselves
/// (<see cref="SqliteWriteGate"/> queues them); it remains for other processes and for single statements.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection); // in-process: no I/O to wait for
        return Task.CompletedTask;
    }

    /// <summary>
    /// Through SQLite's C API (what <c>PRAGMA busy_timeout</c> calls): a connection is opened several times per request,
    /// and the PRAGMA was a statement to prepare and run each time (issue #17).
    /// </summary>
    private static void Set(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        var rc = SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        SqliteException.ThrowExceptionForRC(rc, handle);
    }
}
