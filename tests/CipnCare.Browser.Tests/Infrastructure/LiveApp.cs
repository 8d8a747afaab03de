using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Browser.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port on 127.0.0.1 (a browser cannot reach the in-memory test server).</summary>
public partial class LiveApp : CipnCare.Web.Tests.Infrastructure.SqliteApp
{
    public LiveApp() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smart:AllowHttp", "true"); // the browser reaches it over plain http on 127.0.0.1 (SMART apps need TLS otherwise)
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        // Warm the app before a journey's clock starts: the sign-in page, a sign-in (password hashing, the audit chain)
        // and the pages a clinician lands on, compiled and their queries run once. Under a loaded CI machine a journey's
        // first sign-in otherwise spent most of its 45 s waiting for the landing page's first render.
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        (await http.GetAsync("/account/login")).EnsureSuccessStatusCode();
        var team = await CreateTeamAsync();
        var (patientId, _) = await CreatePatientAsync(team, withLogin: false);
        var clinician = await CreateUserAsync(CipnCare.Web.Features.Accounts.Roles.Clinician, team);
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = clinician.Email, password = clinician.Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        (await http.GetAsync("/patients")).EnsureSuccessStatusCode();
        (await http.GetAsync($"/patients/{patientId}")).EnsureSuccessStatusCode();

        // The patient's own home (a journey's first sign-in as a patient once waited on its load event) and the
        // stylesheets, scripts and images it links, so their first serving is not on a journey's clock either.
        var (ownId, self) = await CreatePatientAsync(team);
        using var patient = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var own = await patient.PostAsJsonAsync("/api/auth/login", new { email = self!.Email, password = self.Password });
        own.EnsureSuccessStatusCode();
        patient.DefaultRequestHeaders.Authorization = new("Bearer", (await own.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        var home = await patient.GetStringAsync($"/patients/{ownId}");
        var assets = AssetLinks().Matches(home).Select(m => m.Groups[1].Value).Where(a => !a.Contains("//", StringComparison.Ordinal)).Distinct().ToList();
        if (!assets.Any(a => a.EndsWith(".css", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The patient's home links no stylesheet: the warm-up's pattern is out of date.");
        }

        foreach (var asset in assets)
        {
            (await http.GetAsync(asset.StartsWith('/') ? asset : "/" + asset)).EnsureSuccessStatusCode(); // relative to <base href="/">
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?:href|src)=\"([^\"#?]+\\.(?:css|js|svg|png|ico|woff2?))\"")]
    private static partial System.Text.RegularExpressions.Regex AssetLinks();
}

/// <summary>
/// The live app with the demo seeded, as a newcomer runs it: every page has something to show. One for the whole run
/// (an assembly fixture): the pages only read it.
/// </summary>
public sealed class LiveDemoApp : LiveApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "true");
    }
}
