using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Instruments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Data;

public static class DatabaseInitializer
{
    /// <summary>
    /// At start-up with <c>Database:MigrateAtStartup</c> (the default): applies pending migrations, makes sure the roles
    /// and shipped questionnaires exist, and seeds the demo when configured to. With it off (several instances), the
    /// database is prepared once by <c>dotnet CipnCare.Web.dll migrate</c>, and an instance refuses to start on a
    /// database with migrations still pending.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateAtStartup", true))
        {
            await app.PrepareDatabaseAsync(DemoSeeder.ShouldSeed(app.Environment, app.Configuration));
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<CipnDbContext>().Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException($"The database needs {pending.Count} migration(s) ({string.Join(", ", pending)}) and Database:MigrateAtStartup is off: run `dotnet CipnCare.Web.dll migrate` first.");
        }
    }

    /// <summary>Migrations, roles, shipped questionnaires, the foundation check-ins' copy, and the demo when asked.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemo)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        await AuditChain.SealUnchainedAsync(scope.ServiceProvider.GetRequiredService<CipnDbContext>(), CancellationToken.None);
        await DemoSeeder.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await scope.ServiceProvider.GetRequiredService<InstrumentLibrary>().EnsureShippedAsync(CancellationToken.None);
        if (!seedDemo)
        {
            return;
        }

        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        app.Lifetime.ApplicationStarted.Register(() => PrintDemoAccounts(app, seeded));
    }

    private static void PrintDemoAccounts(WebApplication app, bool seededNow)
    {
        var lines = new List<string>
        {
            "",
            $"CIPN Care is running at {string.Join(", ", app.Urls)}" + (seededNow ? " (demo data created)" : " (demo data already present)"),
            $"Demo accounts (password {DemoSeeder.Password}):",
        };
        lines.AddRange(DemoSeeder.Accounts.Select(a => $"  {a.Email,-32} {a.Role,-10} {a.What}"));
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
