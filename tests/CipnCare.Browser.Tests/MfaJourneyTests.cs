using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>A patient turns on multi-factor authentication from the menu, keeps the recovery codes and signs in with the app's code. Axe checks each state the journey reaches that a plain visit does not show (EveryPageTests checks every page as each role first sees it).</summary>
public sealed class MfaJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Patient_TurnsOnMfa_AndSignsInWithTheAppsCode()
    {
        var (_, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await Journeys.SignInAsync(page, login!);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign-in security" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up multi-factor authentication" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Multi-factor authentication", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        var phone = new AuthenticatorApp((await page.Locator("code.secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));
        await page.GetByLabel("Six-digit code").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right");
        await page.GetByLabel("Six-digit code").FillAsync(phone.NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Multi-factor authentication is on.");
        await Assertions.Expect(page.Locator("ul.recovery-codes li")).ToHaveCountAsync(10);
        await Chromium.AssertAccessibleAsync(page);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(login!.Email);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the six-digit code from your authenticator app");
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByLabel("Code from your authenticator app (only if you set one up)").FillAsync(phone.NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Journeys.ArriveAsync(page, url => !url.Contains("/account/login", StringComparison.Ordinal), "the signed-in page");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
