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
            // Signed in once the landing page's document is there; what it loads after that is the next step's to wait for
            // (under a saturated CI machine its load event once came after the 45 s, with the page shown).
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            // Say where it stopped: still on the sign-in page (the answer refused) or on a landing page that never came.
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 });
            throw new TimeoutException($"Signing in as {user.Email}: the page is at {page.Url} and says: {text[..Math.Min(text.Length, 600)]}; "
                + $"requests unanswered: {string.Join(", ", Chromium.Unanswered(page))}; {e.Message}", e);
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

    /// <summary>
    /// Continues to the given step of the check-in: there once its document is parsed (the step's questions are all in it;
    /// what the next action needs, Playwright's locators wait for). Not the load event: on a saturated CI machine it has come
    /// 45–90 s late, or not at all, after the page and every request it made had been answered (issue #14).
    /// </summary>
    public static async Task ContinueAsync(IPage page, int toStep)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync($"**step={toStep}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Continuing to step {toStep}: the page is at {page.Url}; requests unanswered: {string.Join(", ", Chromium.Unanswered(page))}; {e.Message}", e);
        }
    }

    /// <summary>
    /// Presses Tab until the focused element has the given id or text. One script call reads the page's tab order (the
    /// sequential focus order of visible, enabled elements; one stop per radio group) and counts the presses to the
    /// target, so the presses need no round trip each to ask where focus is; focus is checked after them, and if the
    /// count was short (Chromium also stops on scrollable boxes) the presses go on one at a time (at most 120 in all) — the test still proves only that Tab gets there.
    /// </summary>
    public static async Task TabUntilAsync(IPage page, string idOrText)
    {
        ArgumentNullException.ThrowIfNull(page);
        var presses = await page.EvaluateAsync<int>(TabStopsToTarget, idOrText);
        var pressed = 0;
        for (; pressed < Math.Min(presses, 120); pressed++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        for (; pressed <= 120; pressed++)
        {
            if (await page.EvaluateAsync<bool>(IsFocused, idOrText))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached '{idOrText}'.");
    }

    private const string IsFocused = """
        target => { const e = document.activeElement; return !!e && e !== document.body && (e.id === target || (e.textContent || '').trim() === target); }
        """;

    // No positive tabindex is used anywhere (WCAG 2.4.3), so the tab order is the document order of the focusable elements.
    private const string TabStopsToTarget = """
        target => {
          const candidates = document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]');
          const stops = [], radioGroups = new Set();
          for (const e of candidates) {
            if (e.disabled || e.tabIndex < 0 || e.type === 'hidden' || e.closest('[inert]') || e.getClientRects().length === 0
                || getComputedStyle(e).visibility === 'hidden') continue;
            if (e.type === 'radio') {
              const key = (e.form ? 'f' : 'd') + ':' + e.name;
              if (radioGroups.has(key)) continue;
              const group = Array.from(document.getElementsByName(e.name)).filter(r => r.form === e.form);
              radioGroups.add(key);
              stops.push(group.find(r => r.checked) || e);
              continue;
            }
            stops.push(e);
          }
          const at = stops.indexOf(document.activeElement);
          const to = stops.findIndex(e => e.id === target || (e.textContent || '').trim() === target);
          return to < 0 ? 0 : to - at;
        }
        """;
}
