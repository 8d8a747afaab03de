using System.Diagnostics;
using System.Text.RegularExpressions;
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
        await ArriveAsync(page, url => !url.Contains("/account/login", StringComparison.Ordinal), $"signing in as {user.Email}");
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="glob"/> (Playwright's: <c>**</c> anything, <c>*</c> anything
    /// but a slash) and its document is parsed.
    /// </summary>
    public static Task ArriveAsync(IPage page, string glob)
    {
        var pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        return ArriveAsync(page, pattern.IsMatch, glob);
    }

    /// <summary>
    /// Waits until the page's address satisfies <paramref name="at"/> and its document is parsed, by asking for both until
    /// they hold — not with Playwright's navigation and load-state waiters: after a click that navigates, they listen for
    /// events that may already have passed, and on a saturated CI machine they then waited 90 s on a page already shown
    /// (issue #14: a sign-in timed out on the signed-in page with "Load" and "NetworkIdle" logged and nothing unanswered).
    /// What the next step needs from the page, Playwright's locators wait for. On a timeout: where the page is and what it
    /// says, and its requests still unanswered.
    /// </summary>
    public static async Task ArriveAsync(IPage page, Func<string, bool> at, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(at);
        var waited = Stopwatch.StartNew();
        while (!(at(page.Url) && await ParsedAsync(page)))
        {
            if (waited.Elapsed > Chromium.Patience)
            {
                var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 });
                throw new TimeoutException($"Waited {waited.Elapsed.TotalSeconds:0} s for {what}: the page is at {page.Url} and says: {text[..Math.Min(text.Length, 600)]}; "
                    + $"requests unanswered: {string.Join(", ", Chromium.Unanswered(page))}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> ParsedAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<bool>("() => document.readyState !== 'loading'");
        }
        catch (PlaywrightException)
        {
            return false; // the document went away under the question (a navigation): ask the next one
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

    /// <summary>Continues to the given step of the check-in: there once its document is parsed (the step's questions are all in it).</summary>
    public static async Task ContinueAsync(IPage page, int toStep)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ArriveAsync(page, $"**step={toStep}");
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
