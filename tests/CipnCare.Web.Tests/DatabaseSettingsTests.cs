using CipnCare.Web.Data;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>PostgreSQL connections prepare the app's repeated statements unless the site's connection string says otherwise (issue #17).</summary>
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
}
