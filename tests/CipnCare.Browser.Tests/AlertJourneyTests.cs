using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>From a worsening report to a resolved alert, in a real browser. Axe checks each state the journey reaches that a plain visit does not show (EveryPageTests checks every page as each role first sees it).</summary>
public sealed class AlertJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task AWorseningReport_ReachesTheWorklist_AndIsWorkedToAResolution()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Novak"));
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var api = await app.ClientForAsync(login!);
        await CipnApp.SubmitCheckInAsync(api, patientId, Questionnaires.Week(1), TestContext.Current.CancellationToken);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var worse = await CipnApp.SubmitCheckInAsync(api, patientId, Questionnaires.Week(2, everyday: true), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, worse.StatusCode);

        var page = await chromium.NewPageAsync(app.BaseUrl);
        await Journeys.SignInAsync(page, clinician);
        await page.GetByRole(AriaRole.Link, new() { Name = "Worklist" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Worse than the previous check-in" });
        await Assertions.Expect(row).ToContainTextAsync("sensory grade 1 → 2");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Journeys.ArriveAsync(page, $"**/patients/{patientId}**");
        var alert = page.Locator("article.alert-item").Filter(new() { HasText = "Worse than the previous check-in" });
        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge: Worse than the previous check-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alert acknowledged." })).ToBeVisibleAsync();
        alert = page.Locator("article.alert-item").Filter(new() { HasText = "Worse than the previous check-in" });
        await alert.GetByLabel("What was done").SelectOptionAsync("CalledPatient");
        await alert.GetByLabel("Note").FillAsync("Called: numbness now stops her cooking; discussed with oncologist today.");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Resolve: Worse than the previous check-in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alert resolved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.alert-item").Filter(new() { HasText = "Worse than the previous check-in" }))
            .ToContainTextAsync("Called the patient – “Called: numbness now stops her cooking; discussed with oncologist today.”");
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task DespairingWordsInTheCheckIn_ShowTheCrisisLineAtOnce_AndAnUrgentAlertWithTheWords()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Keller"));
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await Journeys.SignInAsync(page, login!);
        await page.GotoAsync($"/patients/{patientId}/check-in");
        for (var step = 1; step <= 6; step++)
        {
            await Journeys.AnswerStepAsync(page);
            await Journeys.ContinueAsync(page, step + 1);
        }

        // The words a patient wrote that the old phrase list missed (issue #12).
        await page.GetByLabel("Anything else your care team should know? (optional)").FillAsync("Basically my life is over… so tired of living in so much pain");
        await Journeys.ContinueAsync(page, 8);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to my care team" }).ClickAsync();

        var crisis = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Please talk to someone now" });
        await Assertions.Expect(crisis).ToBeVisibleAsync();
        await Assertions.Expect(crisis).ToContainTextAsync("988 (Suicide & Crisis Lifeline, call or text)");
        await Chromium.AssertAccessibleAsync(page);

        var worklist = await chromium.NewPageAsync(app.BaseUrl);
        await Journeys.SignInAsync(worklist, clinician);
        await worklist.GotoAsync("/worklist");
        var row = worklist.GetByRole(AriaRole.Row).Filter(new() { HasText = "Words about self-harm or not wanting to live" });
        await Assertions.Expect(row).ToContainTextAsync("Urgent");
        await Assertions.Expect(row).ToContainTextAsync("my life is over");
    }
}
