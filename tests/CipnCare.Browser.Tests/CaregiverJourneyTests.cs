using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>A patient invites a family member, who creates an account from the link and reports for them. Axe checks each page.</summary>
public sealed class CaregiverJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Patient_InvitesADaughter_WhoAcceptsAndStartsACheckInForThem()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Brandt"));
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await Journeys.SignInAsync(page, login!);
        await page.GotoAsync($"/patients/{patientId}");

        var email = $"{CipnApp.Unique("daughter")}@test.cipncare.org";
        await page.GetByLabel("Their email address").FillAsync(email);
        await page.GetByLabel("How they are related (daughter, husband, friend…)").FillAsync("Daughter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Invitation emailed" })).ToContainTextAsync($"Invitation emailed to {email}.");
        await Chromium.AssertAccessibleAsync(page);
        var link = (await page.Locator("code.link").InnerTextAsync()).Trim();

        var carer = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await carer.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(carer.GetByRole(AriaRole.Heading, new() { Name = "You are invited to help as a carer" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(carer);
        await carer.GetByLabel("Your name").FillAsync("Lena Brandt");
        await carer.GetByLabel("Choose a password").FillAsync(CipnApp.Password);
        await carer.GetByRole(AriaRole.Button, new() { Name = "Create account and accept" }).ClickAsync();
        await carer.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();

        await Journeys.ArriveAsync(carer, $"**/patients/{patientId}");
        await Assertions.Expect(carer.GetByRole(AriaRole.Button, new() { Name = "Stop my access" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(carer);
        await carer.GetByRole(AriaRole.Link, new() { Name = "Record a check-in" }).ClickAsync();
        await Assertions.Expect(carer.GetByText("entered by you (caregiver)")).ToBeVisibleAsync();
    }
}
