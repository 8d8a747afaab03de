using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>
/// The README's and docs' pictures, taken from the demo as a newcomer sees it (issue #20): the patient's home and the
/// first check-in step on a 390 px phone; the top of the clinician's patient page (the one-screen summary), the patient
/// list and a progress view at desktop size. Each run checks the pages render at those sizes and writes the pictures to a temporary folder; to
/// refresh docs/images, run <c>CIPNCARE_SCREENSHOTS=$PWD/docs/images dotnet test --project tests/CipnCare.Browser.Tests --filter-class '*ScreenshotTests'</c>.
/// </summary>
public sealed class ScreenshotTests(LiveDemoApp app, Chromium chromium)
{
    private static string Folder => Environment.GetEnvironmentVariable("CIPNCARE_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Directory.CreateTempSubdirectory("cipncare-screenshots").FullName;

    [Fact]
    public async Task ThePhoneHomeAndCheckIn_AndTheCliniciansPages_AreTaken()
    {
        var folder = Folder;
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);

        var phone = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await Journeys.SignInAsync(phone, new TestUser("", DemoSeeder.PatientEmail, DemoSeeder.Password, Roles.Patient, ""));
        await phone.GotoAsync($"/patients/{maria}");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "How you have been" })).ToBeVisibleAsync();
        await SaveAsync(phone, folder, "patient-home-phone.png", 390);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Start a check-in" }).ClickAsync();
        await Assertions.Expect(phone.Locator("form fieldset.question").First).ToBeVisibleAsync();
        await SaveAsync(phone, folder, "check-in-phone.png", 390);

        var desk = await chromium.NewPageAsync(app.BaseUrl, width: 1280, height: 1000);
        await Journeys.SignInAsync(desk, new TestUser("", DemoSeeder.ClinicianEmail, DemoSeeder.Password, Roles.Clinician, ""));
        await desk.GotoAsync($"/patients/{maria}");
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Summary" })).ToBeVisibleAsync();
        await SaveAsync(desk, folder, "clinician-summary.png", 1280);
        await desk.GotoAsync("/patients");
        await Assertions.Expect(desk.GetByRole(AriaRole.Link, new() { Name = "Maria Santos" })).ToBeVisibleAsync();
        await SaveAsync(desk, folder, "patient-list.png", 1280);

        // Walter's progress as his clinician sees it: symptoms and the vincristine dose on one time axis.
        var walter = await app.WithDbAsync(DemoPeople.WalterAsync);
        var progress = await chromium.NewPageAsync(app.BaseUrl, width: 1000, height: 1400);
        await Journeys.SignInAsync(progress, new TestUser("", DemoSeeder.ClinicianEmail, DemoSeeder.Password, Roles.Clinician, ""));
        await progress.GotoAsync($"/patients/{walter}/progress");
        await Assertions.Expect(progress.Locator("figure.chart-figure").First).ToBeVisibleAsync();
        await SaveAsync(progress, folder, "progress.png", 1000);
    }

    private static async Task SaveAsync(IPage page, string folder, string name, int width)
    {
        var path = Path.Combine(folder, name);
        var png = await page.ScreenshotAsync(new() { Path = path });
        Assert.Equal(width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]); // the PNG header's width: the page as wide as the screen
    }
}
