using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>
/// PostgreSQL connections prepare the app's repeated statements unless the site's connection string says otherwise; SQLite
/// connections wait inside SQLite for a locked database (issue #17).
/// </summary>
public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData("Host=db;Database=cipn", 64)]
    [InlineData("Host=db;Database=cipn;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=cipn;Max Auto Prepare=10", 10)]
    public void PostgresConnections_PrepareRepeatedStatements_UnlessTheSiteSaysOtherwise(string configured, int expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare(configured));

        Assert.Equal(expected, tuned.MaxAutoPrepare);
        Assert.Equal(("db", "cipn"), (tuned.Host, tuned.Database)); // the rest as configured
    }

    [Fact]
    public async Task SqliteConnections_WaitForTheWriteLockInsideSqlite_AsLongAsTheCommandTimeout()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cipncare-busy-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<CipnDbContext>();
            DatabaseSetup.UseSqlite(options, $"Data Source={file};Pooling=False;Default Timeout=12", DatabaseSetup.LoadMigrationsAssembly(DatabaseProvider.Sqlite));
            await using var db = new CipnDbContext(options.Options);
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";

            Assert.Equal(12_000L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
