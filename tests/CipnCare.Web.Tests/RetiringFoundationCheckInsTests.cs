using CipnCare.Web.Data;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>
/// Issue #14 item 7: the foundation's fixed-form check-ins were copied into responses to the retired check-in 0.1.0 at
/// every start (2026.12 releases). The migration <c>RetireFoundationCheckIns</c> drops their table once every row has been
/// copied, and otherwise stops the upgrade, saying what to run first — a check-in is never lost on the way.
/// </summary>
public abstract class RetiringFoundationCheckInsTests
{
    private const string Before = "EmergencyAccess"; // the migration before, by name (its id differs per provider)

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A new empty database: its connection string.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Runs SQL with foreign keys not enforced (the check-in's patient is not there).</summary>
    protected abstract Task ExecuteAsync(string connectionString, string sql);

    [Fact]
    public async Task AnUncopiedFoundationCheckIn_StopsTheUpgrade_AndWithNoneLeftTheTableGoes()
    {
        var connectionString = await NewDatabaseAsync();
        var migrations = DatabaseSetup.LoadMigrationsAssembly(Provider);
        var options = new DbContextOptionsBuilder<CipnDbContext>();
        _ = Provider == DatabaseProvider.Sqlite ? DatabaseSetup.UseSqlite(options, connectionString, migrations) : DatabaseSetup.UsePostgres(options, connectionString, migrations);
        await using var db = new CipnDbContext(options.Options);
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

public sealed class RetiringFoundationCheckInsOnSqlite : RetiringFoundationCheckInsTests, IDisposable
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

public sealed class RetiringFoundationCheckInsOnPostgres : RetiringFoundationCheckInsTests
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
