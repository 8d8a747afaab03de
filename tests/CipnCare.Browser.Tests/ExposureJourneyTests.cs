using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>Recording treatment in a real browser: regimen, doses, a dose-safety finding, a correction, the chart. Axe checks each state the journey reaches that a plain visit does not show (EveryPageTests checks every page as each role first sees it).</summary>
public sealed class ExposureJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    private static Task SignInAsync(IPage page, CipnCare.Web.Tests.Infrastructure.TestUser user) => Journeys.SignInAsync(page, user);

    [Fact]
    public async Task Clinician_SeesExposureAndAcknowledgedFinding_OnThePatientPage()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var api = await app.ClientForAsync(clinician);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/patients/{patientId}/body-measurements", new { measuredAt = now.AddDays(-30), heightCm = 180, weightKg = 80 }, TestContext.Current.CancellationToken);
        var dose = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/patients/{patientId}/administrations",
            new { agentCode = "vincristine", administeredAt = now.AddDays(-2), amount = 1.4, unit = "MgPerM2", route = "IV", acknowledge = true, acknowledgementReason = "Pharmacy capped the bag at 2 mg; entry corrected on paper." }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, dose.StatusCode);
        var page = await chromium.NewPageAsync(app.BaseUrl);

        await SignInAsync(page, clinician);
        await page.GotoAsync($"/patients/{patientId}");

        var table = page.GetByRole(AriaRole.Region, new() { Name = "Exposure table" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Vincristine" })).ToContainTextAsync("1.4 mg/m²");
        await Assertions.Expect(page.GetByText("Vincristine 2.8 mg is above the 2 mg single-dose maximum.")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Clinician_RecordsRegimen_AndAcknowledgesATripledDose()
    {
        var team = await app.CreateTeamAsync();
        await app.WithDbAsync(db => db.CareTeams.Where(t => t.Id == team).ExecuteUpdateAsync(t => t.SetProperty(x => x.TimeZone, "Asia/Tokyo")));
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var page = await chromium.NewPageAsync(app.BaseUrl);
        await SignInAsync(page, clinician);
        await page.GotoAsync($"/patients/{patientId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record treatment (doses, regimen, height and weight)" }).ClickAsync();

        await page.GetByLabel("Measured on").FillAsync("2026-11-01");
        await page.GetByLabel("Height (cm)").FillAsync("180");
        await page.GetByLabel("Weight (kg)").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save height and weight" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Height and weight saved.");

        var plan = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }) });
        await plan.GetByLabel("Agent").SelectOptionAsync("oxaliplatin");
        await plan.GetByLabel("Dose per administration").FillAsync("85");
        await plan.GetByLabel("Unit").SelectOptionAsync("MgPerM2");
        await plan.GetByLabel("Days between administrations").FillAsync("14");
        await plan.GetByLabel("Number of cycles").FillAsync("12");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Regimen plan saved.");

        var dose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Record dose" }) });
        await dose.GetByLabel("Agent").SelectOptionAsync("oxaliplatin");
        await dose.GetByLabel("Given at (Asia/Tokyo time)").FillAsync("2026-11-22T18:00"); // the team's clock: 09:00 UTC
        await dose.GetByLabel("Dose").FillAsync("255");
        await dose.GetByLabel("Unit").SelectOptionAsync("MgPerM2");
        await dose.GetByRole(AriaRole.Button, new() { Name = "Record dose" }).ClickAsync();

        var findings = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Check this dose" });
        await Assertions.Expect(findings).ToContainTextAsync("200% above the planned 170 mg");
        await Chromium.AssertAccessibleAsync(page);
        dose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Record dose" }) });
        await dose.Locator("label[for='acknowledge']").ClickAsync();
        await dose.GetByLabel("Reason").FillAsync("Loading dose agreed at tumour board.");
        await dose.GetByRole(AriaRole.Button, new() { Name = "Record dose" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dose recorded.");

        await page.GotoAsync($"/patients/{patientId}");
        var exposure = page.GetByRole(AriaRole.Region, new() { Name = "Exposure table" });
        await Assertions.Expect(exposure.GetByRole(AriaRole.Row).Filter(new() { HasText = "Oxaliplatin" })).ToContainTextAsync("255 mg/m²");
        await Assertions.Expect(page.GetByText("Loading dose agreed at tumour board.")).ToBeVisibleAsync();

        // The tripled dose was a keying error after all: correct it from the doses table.
        await page.GotoAsync($"/patients/{patientId}/exposure");
        await page.GetByRole(AriaRole.Link, new() { Name = "Correct the Oxaliplatin dose of 22 Nov 2026, 18:00 (Asia/Tokyo)" }).ClickAsync();
        dose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Save correction" }) });
        await Assertions.Expect(dose.GetByLabel("Dose", new() { Exact = true })).ToHaveValueAsync("255");
        await dose.GetByLabel("Dose", new() { Exact = true }).FillAsync("85");
        await dose.GetByLabel("Why is this dose being corrected?").FillAsync("Keyed 255; the bag was 85 mg/m².");
        await dose.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Correction saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Doses on record" })).ToContainTextAsync("Keyed 255; the bag was 85 mg/m².");
        await Chromium.AssertAccessibleAsync(page);

        await page.GotoAsync($"/patients/{patientId}");
        await Assertions.Expect(exposure.GetByRole(AriaRole.Row).Filter(new() { HasText = "Oxaliplatin" })).ToContainTextAsync("85 mg/m²");
        await Assertions.Expect(page.Locator("figure svg.chart")).ToBeVisibleAsync();
    }
}
