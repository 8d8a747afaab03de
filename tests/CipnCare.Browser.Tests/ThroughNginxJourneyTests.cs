using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>
/// Issue #16 item 4 in a real browser: the published app (Release) as two instances on PostgreSQL behind nginx
/// round-robin. Chromium signs in as the demo patient and completes a whole check-in while nginx sends the requests
/// to both instances — the sign-in cookie and the forms' antiforgery tokens hold across them (Data Protection keys in
/// the database). The SIGKILL burst on the same layout is the Web tests' <c>PublishedAppBehindNginxTests</c>.
/// </summary>
public sealed class ThroughNginxJourneyTests(Chromium chromium)
{
    [Fact]
    public async Task APatient_SignsInAndChecksIn_ThroughNginx_WhileItAlternatesTwoPublishedInstances()
    {
        var build = await PublishedBuild.GetAsync();
        Assert.True(build.ExitCode == 0, build.Log);
        Requirements.SkipUnlessAvailable(NginxFront.UnavailableReason);
        var cluster = await PostgresCluster.GetAsync();
        Requirements.SkipUnlessAvailable(cluster.UnavailableReason);
        using var apps = new PublishedApps(build.Folder);
        var (portA, portB, front) = (LocalProcesses.FreePort(), LocalProcesses.FreePort(), LocalProcesses.FreePort());
        var instance = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = await cluster.CreateDatabaseAsync(),
            ["App__PublicBaseUrl"] = $"http://127.0.0.1:{front}",
        };
        // The first instance migrates the empty database and seeds the demo as it starts (a seed-demo process would compile
        // the same code again: issue #14, CI time); the second starts on what it made. This is the run's published start that
        // migrates an empty PostgreSQL database and seeds the demo (the survival scenario there starts on a seeded one).
        await apps.StartAsync(portA, new Dictionary<string, string>(instance) { ["Demo__Seed"] = "true" });
        await apps.StartAsync(portB, new Dictionary<string, string>(instance) { ["Database__MigrateAtStartup"] = "false" });
        using var nginx = await NginxFront.StartAsync(apps.NewFolder("nginx"), front, portA, portB);

        var page = await chromium.NewPageAsync(nginx.BaseUrl, width: 390, height: 844);
        await Journeys.SignInAsync(page, new TestUser("", DemoSeeder.PatientEmail, DemoSeeder.Password, Roles.Patient, "Demo patient"));
        var checkIns = page.Locator("a[href^='/responses/']");
        var before = await checkIns.CountAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a check-in" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Step 1 of 7")).ToBeVisibleAsync();
        for (var step = 1; step <= 6; step++)
        {
            await Journeys.AnswerStepAsync(page);
            await Journeys.ContinueAsync(page, step + 1);
        }

        await page.GetByLabel("Anything else your care team should know? (optional)").FillAsync("Sent through the load balancer.");
        await Journeys.ContinueAsync(page, 8);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to my care team" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you – your answers were sent" })).ToBeVisibleAsync();

        // Both instances served the journey's pages, and the check-in is on the patient's page whichever answers.
        Assert.Superset(new HashSet<string> { $"127.0.0.1:{portA}", $"127.0.0.1:{portB}" }, await nginx.UpstreamsServedAsync());
        for (var i = 0; i < 2; i++)
        {
            await page.GotoAsync("/");
            Assert.Equal(before + 1, await checkIns.CountAsync());
        }
    }
}
