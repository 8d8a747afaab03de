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
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say where it stopped: still on the sign-in page (the answer refused) or on the landing page that never loaded.
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 });
            throw new TimeoutException($"Signing in as {user.Email}: the page is at {page.Url} and says: {text[..Math.Min(text.Length, 600)]}; {e.Message}", e);
        }
    }

    /// <summary>Answers every question of the current check-in step with its second option (Mild / Yes) and numbers with 0.</summary>
    public static async Task AnswerStepAsync(IPage page)
    {
        foreach (var group in await page.Locator("form fieldset.question").AllAsync())
        {
            await group.Locator(".choice label").Nth(1).ClickAsync();
        }

        foreach (var number in await page.Locator("form input[type=number]").AllAsync())
        {
            await number.FillAsync("0");
        }
    }

    /// <summary>Continues to the given step of the check-in.</summary>
    public static async Task ContinueAsync(IPage page, int toStep)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**step={toStep}");
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
