using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Instruments;
using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations, makes sure the roles exist, and seeds the demo when configured to.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        await DemoSeeder.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        await scope.ServiceProvider.GetRequiredService<InstrumentLibrary>().EnsureShippedAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<LegacyCheckIns>().ConvertAsync(CancellationToken.None);
        if (!DemoSeeder.ShouldSeed(app.Environment, app.Configuration))
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
