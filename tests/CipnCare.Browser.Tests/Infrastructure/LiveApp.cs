using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Browser.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port on 127.0.0.1 (a browser cannot reach the in-memory test server).</summary>
public sealed class LiveApp : CipnCare.Web.Tests.Infrastructure.SqliteApp
{
    public LiveApp() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));

    public string BaseUrl { get; private set; } = "";

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
    }
}
