using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CipnCare.Migrations.Postgres;

/// <summary>Used by dotnet-ef only: dotnet ef migrations add Name --project src/CipnCare.Migrations.Postgres (no server needed).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CipnDbContext>
{
    public CipnDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CipnDbContext>();
        DatabaseSetup.UsePostgres(options, "Host=localhost;Database=cipncare_design", typeof(DesignTimeFactory).Assembly);
        return new CipnDbContext(options.Options);
    }
}
