using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
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
        await Chromium.AssertAccessibleAsync(page);
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
        await Chromium.AssertAccessibleAsync(page);
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        var pages = PageObject().Count(Encoding.Latin1.GetString(pdf));
        Assert.InRange(pages, 1, 2);
    }

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageObject();
}
