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
        // Warm the app (the sign-in page compiled and rendered once) before a journey's clock starts.
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        (await http.GetAsync("/account/login")).EnsureSuccessStatusCode();
    }
}
