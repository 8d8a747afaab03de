using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography.X509Certificates;
using CipnCare.Web.Features.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CipnCare.Web.Data;

/// <summary>
/// Picks the database provider from configuration (<c>Database:Provider</c> = Sqlite | Postgres) and the
/// connection string from <c>ConnectionStrings:Default</c>. SQLite is the zero-set-up default: a file under
/// <c>data/</c> beside the app's content root, created on first run.
/// </summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/cipncare.db";

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be 'Sqlite' or 'Postgres', not '{value}'.");
    }

    public static WebApplicationBuilder AddCipnDatabase(this WebApplicationBuilder builder)
    {
        var provider = ReadProvider(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        // Pooled (issue #17): a request's context is reset and reused, not built again (EF's services for it, about 3 % of
        // the app's CPU per check-in), and its options are built once per app (the connection string parsed for
        // auto-prepare, the compiled model looked up: about 2 % more when built per request). What the app sets on a
        // context for one unit of work is reset or cleared with it: ContextPoolingTests.
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection, builder.Environment.ContentRootPath);
                builder.Services.AddDbContextPool<CipnDbContext>(o => UseSqlite(o, sqlite, LoadMigrationsAssembly(provider)).AddInterceptors(AuditChain.Interceptor));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
                }

                builder.Services.AddDbContextPool<CipnDbContext>(o => UsePostgres(o, connectionString, LoadMigrationsAssembly(provider)).AddInterceptors(AuditChain.Interceptor));
                break;
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<CipnDbContext>("database", tags: ["ready"]);
        builder.AddReadReplica(provider);

        // Keys in the database, not on one machine's disk: they survive a container and every instance shares them.
        // With DataProtection:CertificatePath (a .pfx; DataProtection:CertificatePassword) they are encrypted at rest.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("CipnCare").PersistKeysToDbContext<CipnDbContext>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, builder.Configuration["DataProtection:CertificatePassword"]));
        }

        return builder;
    }

    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString, Assembly migrations) =>
        WithCompiledModel(options.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)), migrations)
            .AddInterceptors(SqliteBusyTimeout.Instance, SqliteWriteGate.Instance);

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString, Assembly migrations) =>
        WithCompiledModel(options.UseNpgsql(WithAutoPrepare(connectionString), o => o.MigrationsAssembly(migrations)), migrations);

    /// <summary>
    /// The provider's compiled model, generated into its migrations project's <c>CompiledModel</c> folder by
    /// <c>dotnet ef dbcontext optimize</c> (docs/development.md): a start uses it instead of building the model from
    /// <c>OnModelCreating</c>, about a seventh of a start's CPU (docs/benchmarks.md). <c>TheCompiledModel_IsTheOneTheModelGenerates</c>
    /// fails when it is not what the model generates now. Without the folder (deleted to regenerate it after a model change:
    /// the old one may no longer compile) the model is built as before. Migrations still compare against a model built from
    /// <c>OnModelCreating</c> (EF Core's design-time model).
    /// </summary>
    public static DbContextOptionsBuilder WithCompiledModel(DbContextOptionsBuilder options, Assembly migrations)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CompiledModels.GetOrAdd(migrations, FindCompiledModel) is { } model ? options.UseModel(model) : options;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Assembly, IModel?> CompiledModels = new();

    /// <summary>The generated <c>CipnDbContextModel</c> in the migrations assembly's <c>CompiledModel</c> namespace, if there is one.</summary>
    private static IModel? FindCompiledModel(Assembly migrations) =>
        migrations.GetType($"{migrations.GetName().Name}.CompiledModel.CipnDbContextModel")?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IModel;

    /// <summary>
    /// Npgsql prepares the statements a connection runs again and again (<c>Max Auto Prepare</c>, https://www.npgsql.org/doc/prepare.html),
    /// so PostgreSQL parses and plans each of the app's queries once per connection instead of on every run: a FHIR Bundle
    /// import went from 526 to 1,105 resources/s with it, warm (docs/benchmarks.md). A connection string that sets it keeps
    /// its value (0 turns it off, e.g. behind a pooler that cannot keep prepared statements).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder knows every keyword (ContainsKey is true for all of them): ask the plain parser what was given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    public static string MigrationsAssemblyName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "CipnCare.Migrations.Sqlite",
        DatabaseProvider.Postgres => "CipnCare.Migrations.Postgres",
    };

    /// <summary>
    /// The migrations projects reference this one, so they are found by name when a host references them
    /// (tests, tools) and otherwise by path beside this assembly (copied there by the build).
    /// </summary>
    public static Assembly LoadMigrationsAssembly(DatabaseProvider provider) =>
        MigrationsAssemblies.GetOrAdd(provider, FindMigrationsAssembly); // once per process: every host and tool that builds options asks

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DatabaseProvider, Assembly> MigrationsAssemblies = new();

    private static Assembly FindMigrationsAssembly(DatabaseProvider provider)
    {
        var name = MigrationsAssemblyName(provider);
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The {provider} migrations ({name}.dll) were not found beside the app. Build the solution (dotnet build) and try again.");
            }

            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    /// <summary>A relative SQLite file path is taken from the content root, and its folder is created.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }

        return csb.ToString();
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CipnDbContext>();
        // EF Core's migrate first compares the migrations' latest snapshot with the model (it builds the snapshot as a model
        // and diffs the two, a twentieth of a start's CPU) and refuses to go on when they differ. That check guards applying
        // migrations; a start on an up-to-date database, the usual one, asks which are pending (one query) and, with none,
        // does not call migrate at all (issue #14). The tests make the same comparison once per build
        // (TheMigrations_AreUpToDateWithTheModel).
        if (!await db.Database.CanConnectAsync(cancellationToken) || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken); // creates the database too when there is none
        }

        if (db.Database.IsSqlite())
        {
            await UseWriteAheadLogAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// A SQLite database is kept in write-ahead-log mode (https://www.sqlite.org/wal.html; the setting stays with the file,
    /// beside which SQLite keeps <c>-wal</c> and <c>-shm</c> files while it is open). Readers and the writer no longer
    /// exclude each other: with the default rollback journal a commit needed every reader gone first, and waited for them
    /// in SQLite's busy handler (sleeping up to 100 ms at a time) while the other writers waited for it
    /// (<see cref="SqliteWriteGate"/>, issue #17). SQLite copies the log back into the file (a checkpoint) as it grows,
    /// when no reader is in the way. Synchronous stays FULL: a commit is on disk when it returns. The file must be on a
    /// local disk (the processes that open it share memory through the <c>-shm</c> file).
    /// </summary>
    public static async Task UseWriteAheadLogAsync(CipnDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await UseWriteAheadLogAsync((SqliteConnection)db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <inheritdoc cref="UseWriteAheadLogAsync(CipnDbContext, CancellationToken)"/>
    public static async Task UseWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (mode is not ("wal" or "memory")) // an in-memory database keeps no journal file
        {
            throw new InvalidOperationException($"SQLite could not put {connection.DataSource} in write-ahead-log mode (it answered '{mode}').");
        }
    }
}
