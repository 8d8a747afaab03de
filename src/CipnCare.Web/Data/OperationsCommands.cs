using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CipnCare.Web.Data;

/// <summary>
/// Operations from the same binary the server runs (issue #16): <c>migrate</c> (apply migrations and exit),
/// <c>seed-demo</c>, <c>backup --to FILE</c> (while the app runs: SQLite's online backup API, or <c>pg_dump</c>), and
/// <c>restore --from FILE</c> (into a stopped app's database: SQLite's backup API the other way, or <c>pg_restore</c>),
/// <c>audit verify</c> (walks the tamper-evident audit chain; exits 1 when it is broken), and <c>triage-vectors --to
/// FILE</c> (computes the shipped triage examples' vectors, for developers who change the examples).
/// Each prints what it did and exits 0, or prints why not and exits 1.
/// </summary>
public static class OperationsCommands
{
    public static readonly string[] Names = ["migrate", "seed-demo", "backup", "restore", "audit", "triage-vectors"];

    public static bool IsCommand(string[] args) => args is [var first, ..] && Names.Contains(first, StringComparer.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await app.PrepareDatabaseAsync(seedDemo: false);
                    Console.WriteLine("Database migrated.");
                    return 0;
                case "seed-demo":
                    await app.PrepareDatabaseAsync(seedDemo: true);
                    Console.WriteLine("Database migrated; demo data present.");
                    return 0;
                case "backup":
                    var to = Option(args, "--to");
                    await BackupAsync(app, to);
                    Console.WriteLine($"Backed up to {to}.");
                    return 0;
                case "audit" when args is [_, "verify", ..]:
                    await using (var scope = app.Services.CreateAsyncScope())
                    {
                        var result = await Features.Audit.AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<CipnDbContext>(), CancellationToken.None);
                        Console.WriteLine(result.Intact
                            ? $"Audit trail intact: {result.Checked} events checked."
                            : $"Audit trail BROKEN after {result.Checked} intact events: {result.Problem} (event id {result.FirstBrokenId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}).");
                        return result.Intact ? 0 : 1;
                    }

                case "triage-vectors":
                    var vectors = Option(args, "--to");
                    var triage = app.Services.GetRequiredService<Features.Alerts.Triage.SemanticTriage>();
                    var model = app.Services.GetRequiredService<Features.Alerts.Triage.ISentenceEmbedder>().ModelId ?? throw new InvalidOperationException("This embedder's vectors are not stored.");
                    Features.Alerts.Triage.ExampleVectors.Write(vectors, model, triage.ExamplesFile, triage.Embed(Features.Alerts.Triage.SemanticTriage.ReadExemplars(triage.ExamplesFile)));
                    Console.WriteLine($"Example vectors for {triage.ExamplesFile} written to {vectors}.");
                    return 0;
                case "restore":
                    var from = Option(args, "--from");
                    await RestoreAsync(app, from);
                    Console.WriteLine($"Restored from {from}.");
                    return 0;
                default:
                    throw new ArgumentException($"Unknown command {args[0]}.");
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or SqliteException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {e.Message}");
            return 1;
        }
    }

    private static string Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && args[at + 1].Length > 0 ? Path.GetFullPath(args[at + 1]) : throw new ArgumentException($"Say where: {args[0]} {name} FILE.");
    }

    private static async Task BackupAsync(WebApplication app, string file)
    {
        if (File.Exists(file))
        {
            throw new IOException($"{file} already exists; a backup never overwrites one.");
        }

        var (provider, connectionString) = Database(app);
        if (provider == DatabaseProvider.Sqlite)
        {
            // The online backup API copies a consistent snapshot while the app keeps writing.
            await using var source = new SqliteConnection(connectionString);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            return;
        }

        await RunPostgresToolAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", $"--file={file}"]);
    }

    private static async Task RestoreAsync(WebApplication app, string file)
    {
        if (!File.Exists(file))
        {
            throw new IOException($"There is no backup at {file}.");
        }

        var (provider, connectionString) = Database(app);
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var target = new SqliteConnection(connectionString);
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            await DatabaseSetup.UseWriteAheadLogAsync(target, CancellationToken.None); // as the app keeps it, whatever the backup's was
            SqliteConnection.ClearAllPools();
            return;
        }

        await RunPostgresToolAsync("pg_restore", connectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", file]);
    }

    private static (DatabaseProvider Provider, string ConnectionString) Database(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CipnDbContext>();
        return (db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, db.Database.GetConnectionString()!);
    }

    /// <summary>pg_dump / pg_restore from PATH (Database:PostgresBin to point elsewhere), the connection given as libpq environment variables.</summary>
    private static async Task RunPostgresToolAsync(string tool, string connectionString, string[] args)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool, [.. args, tool == "pg_restore" ? $"--dbname={connection.Database}" : connection.Database!])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {(await error).Trim()}");
        }
    }
}
