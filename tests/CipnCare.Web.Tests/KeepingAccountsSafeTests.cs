using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>Change password, sign out everywhere and password reset by email (issue #15): each ends the account's other sessions.</summary>
public sealed partial class KeepingAccountsSafeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string NewPassword = "Another-password-2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password }, Ct);

    [Fact]
    public async Task ChangingThePassword_NeedsTheCurrentOne_AndEndsEveryToken()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = await app.ClientForAsync(user);
        var other = await app.ClientForAsync(user);

        var wrongCurrent = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = "Not-the-password-9", newPassword = NewPassword }, Ct);
        var weak = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = user.Password, newPassword = "short" }, Ct);
        var changed = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = user.Password, newPassword = NewPassword }, Ct);
        var otherAfter = await other.GetAsync("/api/auth/me", Ct);
        var oldPassword = await LoginAsync(user.Email, user.Password);
        var newPassword = await LoginAsync(user.Email, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Contains("currentPassword", await wrongCurrent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("newPassword", await weak.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAfter.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (oldPassword.StatusCode, newPassword.StatusCode));
        var audit = await app.AuditForUserAsync(user);
        Assert.Equal([AuditOutcome.Invalid, AuditOutcome.Invalid, AuditOutcome.Success], audit.Where(a => a.Action == "change password").Select(a => a.Outcome));
    }

    [Fact]
    public async Task ChangingThePasswordOnThePage_KeepsThisSession_AndEndsTheOthers()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var pages = await HtmlForms.SignInAsync(app, user, Ct);
        var otherBrowser = await HtmlForms.SignInAsync(app, user, Ct);

        var mismatch = await HtmlForms.SubmitAsync(pages, "/account/security", "change-password",
            [new("currentPassword", user.Password), new("newPassword", NewPassword), new("confirmPassword", NewPassword + "x")], Ct);
        var changed = await HtmlForms.SubmitAsync(pages, "/account/security", "change-password",
            [new("currentPassword", user.Password), new("newPassword", NewPassword), new("confirmPassword", NewPassword)], Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // cookies re-check the security stamp every minute
        var stillHere = await pages.GetAsync("/account/security", Ct);
        var otherAfter = await otherBrowser.GetAsync("/account/security", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The two new passwords are not the same", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Your password is changed", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillHere.StatusCode);
        Assert.StartsWith("/account/login", HtmlForms.RedirectPath(otherAfter), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEveryTokenAndCookie()
    {
        var user = await app.CreateUserAsync(Roles.Caregiver);
        var client = await app.ClientForAsync(user);
        var other = await app.ClientForAsync(user);
        var pages = await HtmlForms.SignInAsync(app, user, Ct);

        var done = await client.PostAsync("/api/account/sign-out-everywhere", null, Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var (token, otherToken, cookie) = (await client.GetAsync("/api/auth/me", Ct), await other.GetAsync("/api/auth/me", Ct), await pages.GetAsync("/account/security", Ct));
        var again = await app.ClientForAsync(user);

        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (token.StatusCode, otherToken.StatusCode));
        Assert.StartsWith("/account/login", HtmlForms.RedirectPath(cookie), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_EmailsASingleUseLink_ThatEndsOtherSessions()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var before = await app.ClientForAsync(user);

        var asked = await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset", new { email = user.Email }, Ct);
        var (email, token) = await ResetLinkAsync(user.Email);
        var weak = await ConfirmAsync(email, token, "weak");
        var reset = await ConfirmAsync(email, token, NewPassword);
        var reused = await ConfirmAsync(email, token, "Third-password-3x");
        var beforeAfter = await before.GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(user.Email, email);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("expired or has already been used", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, beforeAfter.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), ((await LoginAsync(user.Email, user.Password)).StatusCode, (await LoginAsync(user.Email, NewPassword)).StatusCode));
    }

    [Fact]
    public async Task PasswordReset_LinkExpiresAfterAnHour()
    {
        var user = await app.CreateUserAsync(Roles.Clinician);
        await app.CreateClient().PostAsJsonAsync("/api/auth/password-reset", new { email = user.Email }, Ct);
        var (email, token) = await ResetLinkAsync(user.Email);

        app.Clock.Advance(AccountSecurity.ResetLinkLifetime + TimeSpan.FromMinutes(1));
        var late = await ConfirmAsync(email, token, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_AnswersTheSameForUnknownAddresses_AndSendsAtMostThreeAnHour()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var stranger = $"{CipnApp.Unique("nobody")}@test.cipncare.org";
        var anonymous = app.CreateClient();

        var unknown = await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = stranger }, Ct);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < AccountSecurity.ResetEmailsPerHour + 2; i++)
        {
            answers.Add((await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = user.Email }, Ct)).StatusCode);
        }

        var notAnAddress = await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = "(not an address" }, Ct);
        var page = await HtmlForms.SubmitAsync(app.CreateClient(), "/account/forgot-password", "forgot-password", [new("email", stranger)], Ct);
        var sent = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == AccountSecurity.ResetEmailKind && (m.To == user.Email || m.To == stranger)).Select(m => m.To).ToListAsync());

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(Ct), await (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = user.Email }, Ct)).Content.ReadAsStringAsync(Ct));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        Assert.Equal(HttpStatusCode.BadRequest, notAnAddress.StatusCode);
        Assert.Contains("If an account uses that address", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(user.Email, AccountSecurity.ResetEmailsPerHour), sent);
    }

    [Fact]
    public async Task PasswordReset_WorksThroughThePages()
    {
        var user = await app.CreateUserAsync(Roles.Caregiver);
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        await HtmlForms.SubmitAsync(browser, "/account/forgot-password", "forgot-password", [new("email", user.Email)], Ct);
        var link = (await LinkInEmailAsync(user.Email)).Replace(CipnApp.PublicBaseUrl, "", StringComparison.Ordinal);
        var done = await HtmlForms.SubmitAsync(browser, link, "reset-password", [new("newPassword", NewPassword), new("confirmPassword", NewPassword)], Ct);
        var again = await HtmlForms.SubmitAsync(browser, link, "reset-password", [new("newPassword", NewPassword), new("confirmPassword", NewPassword)], Ct);

        Assert.Contains("Your new password is set", await done.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Ask for a new link", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email, NewPassword)).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.UserName == user.Email && a.Action == "reset password").Select(a => a.Outcome).ToListAsync());
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Denied], audit);
    }

    private Task<HttpResponseMessage> ConfirmAsync(string email, string token, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/password-reset/confirm", new { email, token, newPassword = password }, Ct);

    private Task<string> LinkInEmailAsync(string email) => app.WithDbAsync(async db =>
    {
        var body = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == AccountSecurity.ResetEmailKind && m.To == email).Select(m => m.Body).SingleAsync();
        return LinkPattern().Match(body).Value;
    });

    private async Task<(string Email, string Token)> ResetLinkAsync(string email)
    {
        var link = new Uri(await LinkInEmailAsync(email));
        Assert.Equal(new Uri(CipnApp.PublicBaseUrl).Host, link.Host);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return (query["email"]!, query["token"]!);
    }

    [GeneratedRegex(@"https://\S+/account/reset-password\?\S+")]
    private static partial Regex LinkPattern();
}
