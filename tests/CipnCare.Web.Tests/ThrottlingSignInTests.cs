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

    [Fact]
    public async Task StrangersWhoUseUpAnAccountsAttempts_DoNotKeepItsOwnerOut_OnADeviceTheyHaveSignedInFrom()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        var owner = app.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false }); // the clinician's own browser or app, which keeps cookies
        var firstSignIn = await owner.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);
        var stranger = app.CreateClient(new() { HandleCookies = true });
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add((await stranger.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-password-9" }, Ct)).StatusCode);
        }

        var ownerAgain = await owner.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);
        var ownersPage = await HtmlForms.SubmitAsync(owner, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", user.Password)], Ct);
        var strangerWithThePassword = await stranger.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);
        var forged = app.CreateClient(new() { HandleCookies = false });
        forged.DefaultRequestHeaders.Add("Cookie", KnownDevices.CookieNameFor(user.UserId) + "=CfDJ8forged");
        var forgedDevice = await forged.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);

        Assert.Equal(HttpStatusCode.OK, firstSignIn.StatusCode);
        Assert.Contains(firstSignIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(KnownDevices.CookieNameFor(user.UserId) + "=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], guesses); // the owner's first sign-in was the third's place
        Assert.Equal(HttpStatusCode.OK, ownerAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownersPage.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (strangerWithThePassword.StatusCode, forgedDevice.StatusCode));
    }

    [Fact]
    public async Task GuessingCodesOnASignedInAccountsMfa_IsThrottledLikeSignIn()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = await app.ClientForAsync(user);
        var enrolled = await (await client.PostAsync("/api/account/mfa/enroll", null, Ct)).Content.ReadFromJsonAsync<MfaEnrollment>(CipnApp.Json, Ct);
        var phone = new AuthenticatorApp(enrolled!.Secret);
        var confirmed = await client.PostAsJsonAsync("/api/account/mfa/confirm", new { code = phone.NextCode() }, Ct); // one of the three attempts
        client = await app.ClientForAsync(user, phone.NextCode());
        var guesses = new List<(HttpStatusCode, bool Throttled)>();
        for (var i = 0; i < 3; i++)
        {
            var guess = await client.PostAsJsonAsync("/api/account/mfa/disable", new { code = (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);
            guesses.Add((guess.StatusCode, (await guess.Content.ReadAsStringAsync(Ct)).Contains("Too many codes tried", StringComparison.Ordinal)));
        }

        var rightButThrottled = await client.PostAsJsonAsync("/api/account/mfa/disable", new { code = phone.NextCode() }, Ct);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal([(HttpStatusCode.BadRequest, false), (HttpStatusCode.BadRequest, false), ((HttpStatusCode)429, true)], guesses); // wrong, wrong, then not even looked at
        Assert.Equal((HttpStatusCode)429, rightButThrottled.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await rightButThrottled.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Too many codes tried on this account", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.RootElement.GetProperty("retryAfterSeconds").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode); // MFA stayed on: turning it off would have ended this session
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

        // The sign-in page of someone reading Spanish says it in Spanish (request localization runs before the limiter).
        using var page = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent([new("Input.Email", "nadie@example.org"), new("Input.Password", "Wrong-password-9")]) };
        page.Headers.Add("Accept-Language", "es-MX");
        var throttledPage = await client.SendAsync(page, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledPage.StatusCode);
        Assert.Equal("text/plain", throttledPage.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Demasiados intentos de inicio de sesión desde esta dirección. Vuelva a intentarlo en ", await throttledPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
