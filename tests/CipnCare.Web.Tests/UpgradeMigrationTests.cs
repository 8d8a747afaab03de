using CipnCare.Web.Data;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>
/// Migrations that move data on an upgrade, run from the migration before them on each database with rows of that time.
/// Issue #14 item 7: the foundation's fixed-form check-ins were copied into responses to the retired check-in 0.1.0 at
/// every start (2026.12 releases). The migration <c>RetireFoundationCheckIns</c> drops their table once every row has been
/// copied, and otherwise stops the upgrade, saying what to run first — a check-in is never lost on the way.
/// <c>ThreadLanguage</c> gives each conversation started before it the language of its first message; <c>ResponseGrades</c>
/// gives each response stored before it the grades of its grade scores (issue #17). And each
/// provider's migrations are up to date with the model (<see cref="TheMigrations_AreUpToDateWithTheModel"/>), and so is its
/// compiled model (<see cref="TheCompiledModel_IsTheOneTheModelGenerates"/>).
/// </summary>
public abstract partial class UpgradeMigrationTests
{
    private const string Before = "EmergencyAccess"; // the migration before RetireFoundationCheckIns, by name (its id differs per provider)

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A new empty database: its connection string.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Runs SQL with foreign keys not enforced (the check-in's patient is not there).</summary>
    protected abstract Task ExecuteAsync(string connectionString, string sql);

    /// <summary>A new database's context (its migrations not applied) and its connection string.</summary>
    private async Task<(CipnDbContext Db, string ConnectionString)> NewContextAsync()
    {
        var connectionString = await NewDatabaseAsync();
        return (NewContext(connectionString), connectionString);
    }

    /// <summary>A context on <paramref name="connectionString"/> with the provider's migrations, as the app makes it.</summary>
    private CipnDbContext NewContext(string connectionString)
    {
        var migrations = DatabaseSetup.LoadMigrationsAssembly(Provider);
        var options = new DbContextOptionsBuilder<CipnDbContext>();
        _ = Provider == DatabaseProvider.Sqlite ? DatabaseSetup.UseSqlite(options, connectionString, migrations) : DatabaseSetup.UsePostgres(options, connectionString, migrations);
        return new CipnDbContext(options.Options);
    }

    /// <summary>
    /// What `dotnet ef migrations has-pending-model-changes` checks, in this process (CI ran the tool twice after the
    /// tests, about 14 core-seconds: issue #14): the provider's latest snapshot describes the model the app builds. No
    /// database is opened. A start on an up-to-date database leaves this comparison to this test
    /// (DatabaseSetup.MigrateAsync); a migrate that applies migrations still makes it.
    /// </summary>
    [Fact]
    public void TheMigrations_AreUpToDateWithTheModel()
    {
        using var db = NewContext(Provider == DatabaseProvider.Sqlite ? "Data Source=never-opened.db" : "Host=never-opened;Database=never-opened");
        Assert.False(db.Database.HasPendingModelChanges(), $"The {Provider} migrations are behind the model: add a migration to both providers (docs/development.md).");
    }

    /// <summary>
    /// The compiled model the app starts with (<see cref="DatabaseSetup.WithCompiledModel"/>) is, file for file, what EF
    /// Core's generator makes from the model now: the generator <c>dotnet ef dbcontext optimize</c> runs, with the design-time
    /// services it builds. Only the model's id, new at every generation, is set aside. A model changed without regenerating
    /// it fails here, saying how.
    /// </summary>
    [Fact]
    public void TheCompiledModel_IsTheOneTheModelGenerates()
    {
        using var db = NewContext(Provider == DatabaseProvider.Sqlite ? "Data Source=never-opened.db" : "Host=never-opened;Database=never-opened");
        var migrations = DatabaseSetup.LoadMigrationsAssembly(Provider);
        var project = migrations.GetName().Name!;
        var regenerate = $"The {Provider} compiled model is not what the model generates: delete src/{project}/CompiledModel, then run "
            + $"dotnet ef dbcontext optimize --project src/{project} --startup-project src/{project} --output-dir CompiledModel --namespace {project}.CompiledModel (docs/development.md).";
        Assert.True(db.Model.GetType().FullName == $"{project}.CompiledModel.CipnDbContextModel", regenerate); // what the app runs on

#pragma warning disable EF1001 // EF Core's internal design-time API: the services exactly as dotnet-ef builds them for this context
        var services = new DesignTimeServicesBuilder(typeof(CipnDbContext).Assembly, migrations, new OperationReporter(handler: null), []).Build(db);
#pragma warning restore EF1001
        var generated = Directory.CreateTempSubdirectory("cipn-compiled-model-");
        try
        {
            services.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(db.GetService<IDesignTimeModel>().Model, generated.FullName, new CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(CipnDbContext),
                ModelNamespace = $"{project}.CompiledModel",
                Language = "C#",
            });
            var committed = Path.Combine(Repository.Root(), "src", project, "CompiledModel");
            Assert.True(Names(generated.FullName).SequenceEqual(Names(committed)), regenerate);
            foreach (var name in Names(committed))
            {
                Assert.True(WithoutModelId(File.ReadAllText(Path.Combine(committed, name))) == WithoutModelId(File.ReadAllText(Path.Combine(generated.FullName, name))), $"{name}: {regenerate}");
            }
        }
        finally
        {
            generated.Delete(recursive: true);
        }

        static IEnumerable<string> Names(string folder) => Directory.EnumerateFiles(folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
        static string WithoutModelId(string code) => ModelId().Replace(code, "modelId: new Guid(\"\")");
    }

    [System.Text.RegularExpressions.GeneratedRegex("modelId: new Guid\\(\"[0-9a-f-]{36}\"\\)")]
    private static partial System.Text.RegularExpressions.Regex ModelId();

    [Fact]
    public async Task ThreadsStartedBefore_TakeTheirFirstMessagesLanguage()
    {
        var (db, connectionString) = await NewContextAsync();
        await using var disposeDb = db;
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ConditionIdentifiers", Ct); // the migration before ThreadLanguage
        const string spanish = "11111111-1111-4111-8111-111111111111", english = "22222222-2222-4222-8222-222222222222", empty = "33333333-3333-4333-8333-333333333333";
        foreach (var (thread, first, then) in new[] { (spanish, "es", "en"), (english, "en", "es") })
        {
            await ExecuteAsync(connectionString, $"""
                INSERT INTO "MessageThreads" ("Id", "PatientId", "CareTeamId", "Subject", "StartedAt", "LastMessageAt")
                VALUES ('{thread}', '7c9e6679-7425-40de-944b-e07fc1f90ae7', '7c9e6679-7425-40de-944b-e07fc1f90ae8', 'S', '2026-11-01 10:00:00', '2026-11-02 10:00:00');
                INSERT INTO "Messages" ("Id", "ThreadId", "PatientId", "AuthorUserId", "AuthorName", "AuthorRole", "Body", "SentAt", "Language", "NextStep")
                VALUES ('{Guid.NewGuid()}', '{thread}', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'u', 'A', 'Patient', 'B', '2026-11-02 10:00:00', '{then}', 'Routine'),
                       ('{Guid.NewGuid()}', '{thread}', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'u', 'A', 'Patient', 'B', '2026-11-01 10:00:00', '{first}', 'Routine');
                """);
        }

        await ExecuteAsync(connectionString, $"""
            INSERT INTO "MessageThreads" ("Id", "PatientId", "CareTeamId", "Subject", "StartedAt", "LastMessageAt")
            VALUES ('{empty}', '7c9e6679-7425-40de-944b-e07fc1f90ae7', '7c9e6679-7425-40de-944b-e07fc1f90ae8', 'S', '2026-11-01 10:00:00', '2026-11-01 10:00:00')
            """);

        await migrator.MigrateAsync(cancellationToken: Ct);

        var languages = await db.MessageThreads.AsNoTracking().ToDictionaryAsync(t => t.Id.ToString(), t => t.Language, Ct);
        Assert.Equal(("es", "en", "en"), (languages[spanish], languages[english], languages[empty])); // the first message's, not the last's
    }

    [Fact]
    public async Task ResponsesStoredBefore_TakeTheirGradesFromTheirScores()
    {
        var (db, connectionString) = await NewContextAsync();
        await using var disposeDb = db;
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ThreadLanguage", Ct); // the migration before ResponseGrades
        const string graded = "44444444-4444-4444-8444-444444444444", ungraded = "55555555-5555-4555-8555-555555555555", halfGraded = "66666666-6666-4666-8666-666666666666", noAnswers = "{}";
        foreach (var response in new[] { graded, ungraded, halfGraded })
        {
            await ExecuteAsync(connectionString, $"""
                INSERT INTO "InstrumentResponses" ("Id", "PatientId", "InstrumentId", "AuthoredAt", "RecordedAt", "EnteredByUserId", "EnteredByName",
                  "EnteredByRole", "AnswersJson", "Language", "RulesVersion", "NextStep")
                VALUES ('{response}', '7c9e6679-7425-40de-944b-e07fc1f90ae7', '7c9e6679-7425-40de-944b-e07fc1f90ae9', '2026-11-01 10:00:00',
                  '2026-11-01 10:00:00', 'u', 'A', 'Patient', '{noAnswers}', 'en', '2026.1', 'Routine')
                """);
        }

        foreach (var (response, code, value) in new[]
        {
            (graded, "pro-sensory-grade", "2.7"), (graded, "pro-motor-grade", "1"), (graded, "pro-symptom-score", "17"), // 2.7 is grade 2, as the app reads it
            (halfGraded, "pro-sensory-grade", "NULL"), (halfGraded, "pro-motor-grade", "0"),
        })
        {
            await ExecuteAsync(connectionString, $"""
                INSERT INTO "ResponseScores" ("Id", "ResponseId", "PatientId", "Code", "Name", "Position", "Value", "Reasons", "EffectiveAt", "RecordedAt")
                VALUES ('{Guid.NewGuid()}', '{response}', '7c9e6679-7425-40de-944b-e07fc1f90ae7', '{code}', 'N', 0, {value}, '', '2026-11-01 10:00:00', '2026-11-01 10:00:00')
                """);
        }

        await migrator.MigrateAsync(cancellationToken: Ct);

        var grades = await db.InstrumentResponses.AsNoTracking().ToDictionaryAsync(r => r.Id.ToString(), r => (r.SensoryGrade, r.MotorGrade), Ct);
        Assert.Equal(((int?)2, (int?)1), grades[graded]);
        Assert.Equal(((int?)null, (int?)null), grades[ungraded]); // an instrument that scores no grades
        Assert.Equal(((int?)null, (int?)0), grades[halfGraded]); // a grade score without a value
    }

    [Fact]
    public async Task AnUncopiedFoundationCheckIn_StopsTheUpgrade_AndWithNoneLeftTheTableGoes()
    {
        var (db, connectionString) = await NewContextAsync();
        await using var disposeDb = db;
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before, Ct);
        await ExecuteAsync(connectionString, """
            INSERT INTO "CheckIns" ("Id", "PatientId", "SubmittedAt", "EnteredByUserId", "EnteredByName", "EnteredByRole",
              "NumbnessHands", "NumbnessFeet", "TinglingHands", "TinglingFeet", "PainHands", "PainFeet", "Weakness", "Balance", "Falls",
              "DizzinessOnStanding", "LimitsEverydayTasks", "LimitsSelfCare", "SensoryScore", "MotorScore", "AutonomicScore", "TotalScore",
              "SensoryGrade", "MotorGrade", "CtcaeVersion", "RulesVersion")
            VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', '7c9e6679-7425-40de-944b-e07fc1f90ae7', '2025-01-02 10:00:00', 'u', 'Test', 'Patient',
              1, 1, 0, 0, 0, 0, 0, 0, 0, 0, false, false, 2, 0, 0, 2, 1, 0, '5.0', '0.1.0')
            """);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => migrator.MigrateAsync(cancellationToken: Ct));
        Assert.Contains("foundation check-ins were never copied", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("_" + Before, (await db.Database.GetAppliedMigrationsAsync(Ct)).Last()); // nothing after it was applied

        await ExecuteAsync(connectionString, """DELETE FROM "CheckIns" """);
        await migrator.MigrateAsync(cancellationToken: Ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        var gone = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(connectionString, """SELECT COUNT(*) FROM "CheckIns" """));
        Assert.Contains("CheckIns", gone.Message, StringComparison.Ordinal);
    }
}

public sealed class UpgradeMigrationsOnSqlite : UpgradeMigrationTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cipn-retire-{Guid.NewGuid():N}.db");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync() => Task.FromResult($"Data Source={_file}");

    protected override async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = OFF; " + sql.Replace("false", "0", StringComparison.Ordinal);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

public sealed class UpgradeMigrationsOnPostgres : UpgradeMigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> NewDatabaseAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        Requirements.SkipUnlessAvailable(cluster.UnavailableReason);
        return await cluster.CreateDatabaseAsync();
    }

    protected override async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET session_replication_role = replica; " + sql, connection); // no FK triggers
        await command.ExecuteNonQueryAsync();
    }
}
