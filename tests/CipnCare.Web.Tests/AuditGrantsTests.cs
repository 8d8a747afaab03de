using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>
/// On PostgreSQL the app's role (docs/sql/postgres-app-role.sql, run as written) adds and reads audit events but
/// cannot change or delete them, while the rest of the app's work — the chain head included — goes on (issue #15).
/// </summary>
public sealed class AuditGrantsOnPostgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAppsRole_AddsAuditEvents_ButCannotUpdateOrDeleteThem()
    {
        var owner = new NpgsqlConnectionStringBuilder(await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        var script = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "sql", "postgres-app-role.sql"), Ct);
        script = script.Replace(":app_password", "'app-secret'", StringComparison.Ordinal).Replace(":\"DBNAME\"", $"\"{owner.Database}\"", StringComparison.Ordinal); // what psql -v does
        await using (var asOwner = new NpgsqlConnection(owner.ConnectionString))
        {
            await asOwner.OpenAsync(Ct);
            await using var grant = new NpgsqlCommand(script, asOwner);
            await grant.ExecuteNonQueryAsync(Ct);
        }

        var appRole = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = "cipncare_app", Password = "app-secret", Pooling = false };
        await using var connection = new NpgsqlConnection(appRole.ConnectionString);
        await connection.OpenAsync(Ct);
        async Task<string?> TryAsync(string sql)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(Ct);
                return null;
            }
            catch (PostgresException e)
            {
                return e.SqlState;
            }
        }

        var insert = await TryAsync("""INSERT INTO "AuditEvents" ("At", "Action", "Outcome") VALUES (now(), 'grant test', 'Success')""");
        var head = await TryAsync("""UPDATE "AuditChainHead" SET "LastSeq" = "LastSeq" WHERE "Id" = 1""");
        var otherTable = await TryAsync("""UPDATE "CareTeams" SET "Name" = "Name" WHERE false""");
        var update = await TryAsync("""UPDATE "AuditEvents" SET "Detail" = 'rewritten'""");
        var delete = await TryAsync("""DELETE FROM "AuditEvents" """);
        var truncate = await TryAsync("""TRUNCATE "AuditEvents" """);

        Assert.Equal((null, null, null), (insert, head, otherTable));
        Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InsufficientPrivilege), (update, delete, truncate));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "grant test", Ct)));
    }
}
