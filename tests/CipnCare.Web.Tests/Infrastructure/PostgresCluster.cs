using Npgsql;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster started from the machine's binaries (initdb/pg_ctl) in a temp folder, one per
/// test run, on a free loopback port. As root it runs the server as the 'postgres' user (initdb refuses root).
/// Each test host gets its own database in it.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string binDir, string dataDir, int port, bool asPostgresUser, string? unavailableReason)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        _asPostgresUser = asPostgresUser;
        Port = port;
        UnavailableReason = unavailableReason;
    }

    public int Port { get; }

    /// <summary>Why there is no cluster, or null when it runs.</summary>
    public string? UnavailableReason { get; }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    public string ConnectionString(string database) => ConnectionString(Port, database);

    private static string ConnectionString(int port, string database) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Include Error Detail=true";

    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "cipn_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// A streaming read replica of this cluster (pg_basebackup -R: a hot standby that follows the primary's WAL) on a port
    /// of its own. Databases created on the primary later appear on it too. Stop it with <see cref="Standby.StopAsync"/>.
    /// </summary>
    public async Task<Standby> StartStandbyAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "cipn-pg-standby-" + Guid.NewGuid().ToString("N")[..8]);
        var backup = await RunAsync(Path.Combine(_binDir, "pg_basebackup"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-D", dataDir, "-R", "-X", "stream", "-c", "fast"]);
        if (backup.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_basebackup failed: {backup.Output}");
        }

        var standby = new Standby(this, dataDir, LocalProcesses.FreePort());
        await standby.StartAsync();
        return standby;
    }

    /// <summary>A hot standby of the cluster: read-only, replaying the primary's WAL.</summary>
    public sealed class Standby(PostgresCluster primary, string dataDir, int port)
    {
        public int Port { get; } = port;

        public string ConnectionString(string database) => PostgresCluster.ConnectionString(Port, database);

        public async Task StartAsync()
        {
            // A standby needs max_connections at least the primary's.
            var options = $"-p {Port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c hot_standby=on";
            var start = await primary.RunAsync(Path.Combine(primary._binDir, "pg_ctl"), ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
            if (start.ExitCode != 0)
            {
                throw new InvalidOperationException($"The standby did not start: {start.Output}");
            }
        }

        public async Task StopAsync(bool removeData = false)
        {
            await primary.RunAsync(Path.Combine(primary._binDir, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]);
            if (removeData)
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    /// <summary>Stops the shared cluster if it was started (called once when the test run ends).</summary>
    public static async Task StopSharedAsync()
    {
        if (!Shared.IsValueCreated)
        {
            return;
        }

        var cluster = await Shared.Value;
        if (cluster.UnavailableReason is null)
        {
            await cluster.RunAsync(Path.Combine(cluster._binDir, "pg_ctl"), ["-D", cluster._dataDir, "-m", "immediate", "-w", "stop"]);
            try
            {
                Directory.Delete(cluster._dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var binDir = FindBinDir();
        if (binDir is null)
        {
            return Unavailable("PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin; install the 'postgresql' package.");
        }

        var asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            return Unavailable("Running as root needs 'runuser' to start PostgreSQL as the postgres user.");
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "cipn-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var port = LocalProcesses.FreePort();
        var cluster = new PostgresCluster(binDir, dataDir, port, asPostgresUser, null);
        if (asPostgresUser)
        {
            var chown = await LocalProcesses.RunAsync("chown", ["postgres:postgres", dataDir]);
            if (chown.ExitCode != 0)
            {
                return Unavailable($"Could not hand {dataDir} to the postgres user: {chown.Output}");
            }
        }

        var init = await cluster.RunAsync(Path.Combine(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"]);
        if (init.ExitCode != 0)
        {
            return Unavailable($"initdb failed: {init.Output}");
        }

        var options = $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        var start = await cluster.RunAsync(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        return start.ExitCode == 0 ? cluster : Unavailable($"pg_ctl start failed: {start.Output}");

        static PostgresCluster Unavailable(string reason) => new("", "", 0, false, reason);
    }

    private static string? FindBinDir()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // Where the binaries really are (PATH may hold links to initdb and pg_ctl only; pg_basebackup is beside them).
                return Path.GetDirectoryName(new FileInfo(Path.Combine(dir, "initdb")).ResolveLinkTarget(returnFinalTarget: true)?.FullName) ?? dir;
            }
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> args) =>
        _asPostgresUser ? LocalProcesses.RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : LocalProcesses.RunAsync(program, args);

}
