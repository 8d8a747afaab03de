using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;

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
        Assert.Contains("email or password is not correct", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => Task.FromResult(db.AuditEvents.Where(a => a.UserName == user.Email).ToList()));
        Assert.Contains(audit, a => a.Action == "sign in (API)" && a.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task Login_AfterFiveFailures_IsLockedOutEvenWithTheRightPassword()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = app.CreateClient();
        for (var i = 0; i < AccountSetup.MaxFailedSignIns; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong-password-9" }, TestContext.Current.CancellationToken);
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("locked after 5 failed sign-ins", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
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
}

public sealed class SigningInOnSqlite(SqliteApp app) : SigningInTests(app), IClassFixture<SqliteApp>;

public sealed class SigningInOnPostgres(PostgresApp app) : SigningInTests(app), IClassFixture<PostgresApp>;
