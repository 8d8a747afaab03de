using System.Net.Http.Json;
using CipnCare.Browser.Tests.Infrastructure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CipnCare.Browser.Tests;

/// <summary>
/// The SMART JavaScript client nobody here wrote (<c>fhirclient</c> from npm) completes a standalone launch in Chromium
/// (issue #18): discovery, authorization with PKCE, sign-in, consent, the token exchange and a FHIR read, all from the
/// app's own origin (CORS). The app's two pages are served by the test from another port on this computer.
/// </summary>
public sealed class SmartLaunchJourneyTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Patient_LaunchesASmartApp_ThatReadsTheirRecord()
    {
        await JsTools.EnsureInstalledAsync();
        var team = await app.CreateTeamAsync();
        var (patientId, login) = await app.CreatePatientAsync(team, familyName: "Lindqvist");
        var appOrigin = $"http://localhost:{LocalProcesses.FreePort()}";
        var clientId = CipnApp.Unique("fhirclient");
        using (var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin)))
        {
            var registered = await admin.PostAsJsonAsync("/api/admin/smart-apps", new { clientId, name = "Symptom diary", kind = "Public", redirectUris = new[] { appOrigin + "/index.html" } }, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        }

        var script = await File.ReadAllTextAsync(JsTools.FhirClientScript, TestContext.Current.CancellationToken);
        using var appServer = StaticSite.Start(appOrigin + "/", new()
        {
            ["/fhir-client.js"] = ("text/javascript", script),
            ["/launch.html"] = ("text/html", LaunchPage(clientId)),
            ["/index.html"] = ("text/html", AppPage),
        });
        var page = await chromium.NewPageAsync(app.BaseUrl, width: 390, height: 844);
        await page.GotoAsync($"{appOrigin}/launch.html?iss={Uri.EscapeDataString(app.BaseUrl + "/fhir")}");
        await Journeys.ArriveAsync(page, url => url.Contains("/account/login", StringComparison.Ordinal), "the sign-in page");
        await page.GetByLabel("Email address").FillAsync(login!.Email);
        await page.GetByLabel("Password").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Allow Symptom diary to use CIPN Care?" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#result")).ToHaveTextAsync($"{patientId} Lindqvist", new() { Timeout = 30_000 });
    }

    private static string LaunchPage(string clientId) => $$"""
        <!DOCTYPE html><html lang="en"><head><title>Launching</title><script src="/fhir-client.js"></script></head>
        <body><p>Launching…</p><script>
        FHIR.oauth2.authorize({
            clientId: "{{clientId}}",
            scope: "launch/patient openid fhirUser patient/*.rs",
            redirectUri: "index.html",
            iss: new URLSearchParams(location.search).get("iss")
        });
        </script></body></html>
        """;

    private const string AppPage = """
        <!DOCTYPE html><html lang="en"><head><title>Symptom diary</title><script src="/fhir-client.js"></script></head>
        <body><p id="result">Waiting…</p><script>
        FHIR.oauth2.ready()
            .then(client => client.request("Patient/" + client.patient.id))
            .then(patient => { document.getElementById("result").textContent = patient.id + " " + patient.name[0].family; })
            .catch(error => { document.getElementById("result").textContent = "Error: " + error; });
        </script></body></html>
        """;
}
