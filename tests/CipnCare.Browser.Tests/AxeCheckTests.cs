using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Browser.Tests;

/// <summary>The accessibility check every journey relies on can fail: a page with known violations is refused, each named.</summary>
public sealed class AxeCheckTests(Chromium chromium)
{
    [Fact]
    public async Task APageWithAnUnlabelledFieldAndAnImageWithoutText_FailsTheCheck_NamingBoth()
    {
        var origin = $"http://127.0.0.1:{LocalProcesses.FreePort()}";
        using var site = StaticSite.Start(origin + "/", new()
        {
            ["/bad.html"] = ("text/html", """
                <!DOCTYPE html><html lang="en"><head><title>Bad page</title></head>
                <body><main><h1>Bad page</h1><form><input type="text" name="dose"></form><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
                """),
            ["/good.html"] = ("text/html", """
                <!DOCTYPE html><html lang="en"><head><title>Good page</title></head>
                <body><main><h1>Good page</h1><form><label for="dose">Dose</label><input id="dose" type="text" name="dose"></form></main></body></html>
                """),
        });
        var page = await chromium.NewPageAsync(origin);

        await page.GotoAsync("/good.html");
        await Chromium.AssertAccessibleAsync(page);

        await page.GotoAsync("/bad.html");
        var refused = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => Chromium.AssertAccessibleAsync(page));
        Assert.Contains("critical label:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("critical image-alt:", refused.Message, StringComparison.Ordinal);
    }
}
