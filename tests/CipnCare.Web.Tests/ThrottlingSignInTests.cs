using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>An app that lets three attempts per account through.</summary>
public sealed class AccountThrottleApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:SignIn:PerAccount", "3");
    }
}

/// <summary>An app that lets four attempts per client address through.</summary>
public sealed class AddressThrottleApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:SignIn:PerAddress", "4");
    }
}

/// <summary>Sign-in attempts are throttled (429, Retry-After), never turned into a lockout strangers can cause (issue #15).</summary>
public sealed class ThrottlingSignInPerAccountTests(AccountThrottleApp app) : IClassFixture<AccountThrottleApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PastTheLimit_AnAccountIsThrottled_NotLocked_AndAnUnknownOneAlike()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        var unknown = CipnApp.Unique("nobody") + "@example.org";
        var client = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-password-9" }, Ct)).StatusCode);
            await client.PostAsJsonAsync("/api/auth/login", new { email = unknown, password = "Wrong-password-9" }, Ct);
        }

        var rightButThrottled = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);
        var unknownThrottled = await client.PostAsJsonAsync("/api/auth/login", new { email = unknown, password = "Wrong-password-9" }, Ct);
        var page = await HtmlForms.SubmitAsync(app.CreateClient(), "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", user.Password)], Ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (rightButThrottled.StatusCode, unknownThrottled.StatusCode, page.StatusCode));
        Assert.True(rightButThrottled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many sign-in attempts for this account", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByIdAsync(user.UserId))!));
    }
}

public sealed class ThrottlingSignInPerAddressTests(AddressThrottleApp app) : IClassFixture<AddressThrottleApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PastTheLimit_AnAddressIsThrottled_WhicheverAccountsItTries()
    {
        var client = app.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/auth/login", new { email = CipnApp.Unique("guess") + "@example.org", password = "Wrong-password-9" }, Ct));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("from this address", await answers[^1].Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", Ct)).StatusCode); // only sign-in attempts count
    }
}
