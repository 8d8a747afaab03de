using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>The care plan and the printed visit summary in a real browser: a patient rates what they are trying; the summary prints on at most two A4 pages.</summary>
public sealed partial class CarePlanJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Patient_RatesAnIntervention_AndTheVisitSummaryPrintsOnTwoA4PagesAtMost()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        // A full care plan: four goals, five interventions, three referrals — the summary must still fit.
        for (var i = 1; i <= 4; i++)
        {
            Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/goals", new { text = $"Goal number {i}: walk to the shop and back without resting", expectedOutcome = "Walks 400 m with no rest, steady on the way" }, Ct)).IsSuccessStatusCode);
        }

        foreach (var (type, name) in new[] { ("Medication", "Duloxetine"), ("PhysicalTherapy", "Balance class"), ("Device", "Cane"), ("Integrative", "Acupuncture"), ("FootAndSkinCare", "Daily foot checks") })
        {
            Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/interventions", new { type, name, startedOn = today.AddDays(-20) }, Ct)).IsSuccessStatusCode);
        }

        foreach (var service in new[] { "PhysicalTherapy", "OccupationalTherapy", "Podiatry" })
        {
            Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/referrals", new { service, reason = "Balance, fine motor and foot care after chemotherapy" }, Ct)).IsSuccessStatusCode);
        }

        var page = await chromium.NewPageAsync(app.BaseUrl);
        await Journeys.SignInAsync(page, login!);
        await page.GotoAsync($"/patients/{patientId}/care-plan");
        await page.GetByLabel("Which one").SelectOptionAsync(new SelectOptionValue { Label = "Balance class" });
        await page.GetByLabel("How much does it help? 0 = not at all, 10 = completely").SelectOptionAsync("6");
        await page.GetByLabel("Side effects").SelectOptionAsync(new SelectOptionValue { Label = "none" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rating" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Thank you – your rating is saved.")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Region, new() { Name = "Interventions" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Balance class" });
        await Assertions.Expect(row).ToContainTextAsync("relief 6 of 10 lately (average 6 over 1 rating), no side effects");
        await Assertions.Expect(page.GetByText("ASCO:")).ToHaveCountAsync(0); // evidence labels are for the care team

        await page.GotoAsync($"/patients/{patientId}/visit-summary");
        await Assertions.Expect(page.GetByText("Balance class: relief 6 of 10 lately")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        var pages = PageObject().Count(Encoding.Latin1.GetString(pdf));
        Assert.InRange(pages, 1, 2);
    }

    [Fact]
    public async Task Patient_RatesWhatTheyTryAfterACheckIn_ThenSeesProgressChartsWithTables_OnAPhone_AxeClean()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var self = await app.ClientForAsync(login!);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/body-measurements", new { measuredAt = now.AddDays(-60), heightCm = 170, weightKg = 70 }, Ct)).IsSuccessStatusCode);
        Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/administrations", new { agentCode = "oxaliplatin", administeredAt = now.AddDays(-30), amount = 85, unit = "MgPerM2", route = "IV" }, Ct)).IsSuccessStatusCode);
        Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/responses", new { questionnaire = Questionnaires.CheckIn, answers = Questionnaires.Week(1), authored = now.AddDays(-14) }, Ct)).IsSuccessStatusCode);
        Assert.True((await self.PostAsJsonAsync($"/api/patients/{patientId}/goals", new { text = "Open jars myself", expectedOutcome = "Opens a new jar without help" }, Ct)).IsSuccessStatusCode);
        Assert.True((await clinician.PostAsJsonAsync($"/api/patients/{patientId}/interventions", new { type = "OccupationalTherapy", name = "Hand exercises", startedOn = today.AddDays(-10) }, Ct)).IsSuccessStatusCode);
        var sent = await CipnApp.SubmitCheckInAsync(self, patientId, Questionnaires.Week(2, falls: 1), Ct);
        var responseId = (await sent.Content.ReadFromJsonAsync<CipnCare.Web.Features.Instruments.ResponseView>(CipnApp.Json, Ct))!.Id;

        var page = await chromium.NewPageAsync(app.BaseUrl, 360, 800);
        await Journeys.SignInAsync(page, login!);
        // Right after the check-in: rate what they are trying, on a phone.
        await page.GotoAsync($"/responses/{responseId}?saved=true");
        await Chromium.AssertAccessibleAsync(page);
        var rating = page.GetByRole(AriaRole.Group, new() { Name = "Hand exercises" });
        await rating.GetByLabel("How much does it help? 0 = not at all, 10 = completely").SelectOptionAsync("4");
        await rating.GetByLabel("Side effects").SelectOptionAsync(new SelectOptionValue { Label = "none" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save ratings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Thank you – 1 rating is saved.")).ToBeVisibleAsync();

        await page.GotoAsync($"/patients/{patientId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your progress over time" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your progress", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure svg.chart")).ToHaveCountAsync(5);
        await page.GetByText("Falls (table)").ClickAsync();
        var falls = page.GetByRole(AriaRole.Region, new() { Name = "Falls table" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(falls.Last).ToContainTextAsync("1");
        await page.GetByText("What you are trying (table)").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Interventions table" })).ToContainTextAsync("relief 4 of 10 lately");
        // The page reflows to a phone's width: nothing but the tables' own scroll regions is wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the progress page scrolls sideways on a phone");
        await Chromium.AssertAccessibleAsync(page);
    }

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageObject();
}
