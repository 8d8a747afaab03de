using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>
/// A clinician outside the patient's team opens the record under emergency access from the patient list, on a phone;
/// then someone who forgot their password asks for a reset link. Axe checks each page.
/// </summary>
public sealed class EmergencyAccessJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ClinicianOutsideTheTeam_OpensTheRecordWithAReason()
    {
        var (patient, _) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var mrn = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.Mrn).SingleAsync());
        var outsider = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await Journeys.SignInAsync(page, outsider);

        await page.GotoAsync("/patients");
        await page.GetByRole(AriaRole.Link, new() { Name = "Emergency access" }).First.ClickAsync();
        await page.GetByLabel("Patient's MRN (medical record number)").FillAsync(mrn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why you need this record now");
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Why do you need this record now?").FillAsync("Seen in the emergency department after a fall");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record" }).ClickAsync();
        await Journeys.ArriveAsync(page, $"**/patients/{patient}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Emergency access" })).ToContainTextAsync("you can read this record but not change it");
        await Chromium.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task ForgottenPassword_AsksForALink()
    {
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync("someone@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses that address");
        await Chromium.AssertAccessibleAsync(page);
    }
}
