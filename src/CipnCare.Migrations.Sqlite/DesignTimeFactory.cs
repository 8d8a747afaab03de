using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CipnCare.Migrations.Sqlite;

/// <summary>Used by dotnet-ef only: dotnet ef migrations add Name --project src/CipnCare.Migrations.Sqlite</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CipnDbContext>
{
    public CipnDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CipnDbContext>();
        DatabaseSetup.UseSqlite(options, "Data Source=design-time.db", typeof(DesignTimeFactory).Assembly);
        return new CipnDbContext(options.Options);
    }
}
