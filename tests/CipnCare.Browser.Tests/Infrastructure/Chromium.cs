using CipnCare.Web.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never 'playwright install'). One browser per test run; each test
/// gets its own context (cookies). Skips when /usr/bin/chromium is missing, fails under CI=true.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private const float TimeoutMs = 90_000;

    /// <summary>How long a step may wait (see <see cref="NewPageAsync"/>).</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromMilliseconds(TimeoutMs);

    public async Task<IPage> NewPageAsync(string baseUrl, int width = 1280, int height = 900)
    {
        Requirements.SkipUnlessAvailable(_browser is null ? $"Chromium is not installed at {ExecutablePath} (apt-get install chromium)." : null);
        var context = await _browser!.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = width, Height = height } });
        // Generous: CI runs the browser journeys beside the other test projects on a loaded machine, and a sign-in on a
        // cold app (first page compiled, password hashed) took over 15 s there. (Waits of 45–90 s once seen on pages already
        // shown were Playwright's navigation waiters missing events, not slowness: Journeys.ArriveAsync.) A real failure
        // still fails, only later.
        context.SetDefaultTimeout(TimeoutMs);
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var open = InFlight.GetOrCreateValue(page);
        page.Request += (_, request) => open[request] = 0;
        page.RequestFinished += (_, request) => open.TryRemove(request, out byte _);
        page.RequestFailed += (_, request) => open.TryRemove(request, out byte _);
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentDictionary<IRequest, byte>> InFlight = [];

    /// <summary>The page's requests still without an answer (method and URL): what a wait that timed out was waiting for.</summary>
    public static IEnumerable<string> Unanswered(IPage page) =>
        InFlight.TryGetValue(page, out var open) ? open.Keys.Select(r => $"{r.Method} {r.Url}") : [];

    /// <summary>
    /// Runs axe-core in the page and fails on any serious or critical violation, listing each. Axe runs in the page itself
    /// (the package's "legacy" mode): its default mode finishes every run in a blank page of a new browser context, which
    /// costs Chromium a renderer process each time — half a second of CPU per page checked, most of the browser tests' time
    /// (issue #14: CI time). The two modes differ only for pages with cross-origin iframes, and no page of ours has an
    /// iframe; <c>AxeCheckTests</c> proves the check still fails on a violation. Axe is asked for its violations only
    /// (<c>resultTypes</c>): every rule still runs, but the passes are not gathered and sent back through Playwright.
    /// Where it is called: <c>EveryPageTests</c> checks every page as each role first sees it; a journey checks only the
    /// states it reaches that a plain visit does not show (an error summary, a confirmation, an alert, a step's answers),
    /// not the pages it passes through on the way (issue #14: each check is about 0.3 core-seconds).
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
#pragma warning disable CS0618 // marked obsolete "with caution" by Deque; if it goes, its replacement is RunAxe at that cost
        AxeResult result = await page.RunAxeLegacy(options: new AxeRunOptions { ResultTypes = [ResultType.Violations] });
#pragma warning restore CS0618
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()).Take(3))})")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
