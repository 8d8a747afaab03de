using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests.Infrastructure;

/// <summary>Steps every journey takes.</summary>
public static class Journeys
{
    public static async Task SignInAsync(IPage page, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(user);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Presses Tab until the focused element has the given id or text (at most 120 presses).</summary>
    public static async Task TabUntilAsync(IPage page, string idOrText)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement.id || '') + '|' + (document.activeElement.textContent || '').trim()");
            var parts = focused.Split('|', 2);
            if (parts[0] == idOrText || parts[1] == idOrText)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached '{idOrText}'.");
    }
}
