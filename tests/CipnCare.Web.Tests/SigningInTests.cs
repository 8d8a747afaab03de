using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

public abstract class SigningInTests(CipnApp app)
{
    [Fact]
    public async Task Login_WithRightPassword_ReturnsBearerToken()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Bearer", json.RootElement.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("accessToken").GetString()));
        Assert.Equal(3600, json.RootElement.GetProperty("expiresIn").GetInt64());
        Assert.True(json.RootElement.TryGetProperty("refreshToken", out _));
    }

    [Fact]
    public async Task Me_WithToken_SaysWhoAndWhichRoles()
    {
        var user = await app.CreateUserAsync(Roles.Caregiver);
        var client = await app.ClientForAsync(user);

        var me = await client.GetFromJsonAsync<AccountsApi.MeResponse>("/api/auth/me", CipnApp.Json, TestContext.Current.CancellationToken);

        Assert.Equal(user.UserId, me!.UserId);
        Assert.Equal(user.Email, me.Email);
        Assert.Equal([Roles.Caregiver], me.Roles);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Is401WithClearMessage_AndAudited()
    {
        var user = await app.CreateUserAsync(Roles.Patient);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-password-9" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The email or password is not correct", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => Task.FromResult(db.AuditEvents.Where(a => a.UserName == user.Email).ToList()));
        Assert.Contains(audit, a => a.Action == "sign in (API)" && a.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task WrongPasswords_NeverLockTheAccount_TheRightOneStillSignsIn()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        var client = app.CreateClient();
        for (var i = 0; i < 6; i++) // five used to lock any clinician out for 15 minutes (issue #15)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-password-9" }, TestContext.Current.CancellationToken);
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownEmail_GetsTheSameAnswerAsAWrongPassword()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        var client = app.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-password-9" }, TestContext.Current.CancellationToken);
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = CipnApp.Unique("nobody") + "@example.org", password = "Wrong-password-9" }, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
        var (wrongBody, unknownBody) = (await wrong.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken), await unknown.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken));
        Assert.Equal((wrongBody!.Title, wrongBody.Detail), (unknownBody!.Title, unknownBody.Detail)); // only the trace id differs
        Assert.Equal(SignInAttempt.FailureMessage, unknownBody.Detail);
    }

    [Fact]
    public async Task ABearerToken_StopsWorking_WhenThePasswordChanges_TheAccountIsLocked_OrARoleIsRemoved()
    {
        async Task<HttpStatusCode> MeAsync(HttpClient client) => (await client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken)).StatusCode;
        async Task ChangeAsync(TestUser user, Func<UserManager<AppUser>, AppUser, Task> change)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await change(users, (await users.FindByIdAsync(user.UserId))!);
        }

        var (a, b, c) = (await app.CreateUserAsync(Roles.Clinician), await app.CreateUserAsync(Roles.Clinician), await app.CreateUserAsync(Roles.Clinician));
        var (tokenA, tokenB, tokenC) = (await app.ClientForAsync(a), await app.ClientForAsync(b), await app.ClientForAsync(c));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (await MeAsync(tokenA), await MeAsync(tokenB), await MeAsync(tokenC)));

        await ChangeAsync(a, (users, u) => users.ChangePasswordAsync(u, a.Password, "Another-password-42"));
        await ChangeAsync(b, (users, u) => users.SetLockoutEndDateAsync(u, app.Clock.GetUtcNow().AddYears(10)));
        await ChangeAsync(c, (users, u) => users.RemoveFromRoleAsync(u, Roles.Clinician));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (await MeAsync(tokenA), await MeAsync(tokenB), await MeAsync(tokenC)));
    }

    [Fact]
    public async Task ARefreshToken_GivesNewTokens_UntilThePasswordChanges()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, TestContext.Current.CancellationToken);
        var refreshToken = (await login.Content.ReadFromJsonAsync<CipnApp.TokenResponse>(TestContext.Current.CancellationToken))!.RefreshToken;

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, TestContext.Current.CancellationToken);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.ChangePasswordAsync((await users.FindByIdAsync(user.UserId))!, user.Password, "Another-password-42");
        }

        var afterChange = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, TestContext.Current.CancellationToken);
        var forged = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.Content.ReadFromJsonAsync<CipnApp.TokenResponse>(TestContext.Current.CancellationToken))!.AccessToken));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (afterChange.StatusCode, forged.StatusCode));
    }

    [Fact]
    public async Task ATokenFromOneInstance_WorksOnAnother_BecauseTheKeysAreInTheDatabase()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        var first = await app.ClientForAsync(user);
        await using var secondInstance = app.WithWebHostBuilder(_ => { }); // another host on the same database
        var second = secondInstance.CreateClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;

        var me = await second.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync()) >= 1);
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","password":"x"}""", "Email")]
    [InlineData("""{"email":"a@b.org"}""", "Password")]
    public async Task Login_WithBadBody_Is400NamingTheField(string body, string field)
    {
        var response = await app.CreateClient().PostAsync("/api/auth/login", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_WithoutToken_Is401()
    {
        var response = await app.CreateClient().GetAsync("/api/patients", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Page_WithoutSignIn_RedirectsToLogin()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/patients", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordRules_AreEnforced()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(admin);

        var response = await client.PostAsJsonAsync("/api/admin/clinicians", new { email = CipnApp.Unique("c") + "@t.org", displayName = "Dr X", password = "short", careTeamIds = new[] { team } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"password\"", body, StringComparison.Ordinal);
        Assert.Contains("at least 12 characters", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/guidance", "/guidance")]
    [InlineData("//evil.example/x", "/")] // another site: never
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    public async Task AfterSigningIn_OnlyAPathOnThisSiteIsFollowed(string returnUrl, string expected)
    {
        var (_, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var signedIn = await HtmlForms.SubmitAsync(client, $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login", [new("Input.Email", login!.Email), new("Input.Password", login.Password)], TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var location = new Uri(client.BaseAddress!, signedIn.Headers.Location!); // the page writes it absolute, on this site
        Assert.Equal((client.BaseAddress!.Host, expected), (location.Host, location.AbsolutePath));
    }
}

public sealed class SigningInOnSqlite(SqliteApp app) : SigningInTests(app), IClassFixture<SqliteApp>;

public sealed class SigningInOnPostgres(PostgresApp app) : SigningInTests(app), IClassFixture<PostgresApp>;
