using System.Net;
using System.Net.Http.Json;
using System.Text;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>Headers on every answer, and API writes only as JSON with a bearer token (issue #15, findings 6, 9, 11).</summary>
public sealed class WebSecurityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_AndApiAnswers_CarrySecurityHeaders_AndAreNeverCached()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var anonymous = app.CreateClient();

        var page = await anonymous.GetAsync("/account/login", Ct);
        var api = await clinician.GetAsync($"/api/patients/{patient}", Ct);
        var stylesheet = await anonymous.GetAsync("/app.css", Ct);

        foreach (var response in new[] { page, api })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(WebSecurity.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", WebSecurity.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri} may be cached");
        }

        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.NotEqual(true, stylesheet.Headers.CacheControl?.NoStore); // static files keep their own caching
    }

    [Fact]
    public async Task ApiWrites_WithTheSignInCookie_AreRefused_EvenWithAJsonBody()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var browser = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var write = await browser.PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 14 }, Ct);
        var read = await browser.GetAsync($"/api/patients/{patient}/schedule", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("bearer token", await write.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // reading with the cookie is fine
        Assert.Null(await app.WithDbAsync(db => db.ScheduleSettings.FirstOrDefaultAsync(s => s.PatientId == patient, Ct)));
    }

    [Fact]
    public async Task ApiAndFhirWrites_TakeOnlyJson()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var form = await clinician.PutAsync($"/api/patients/{patient}/schedule", new StringContent("intervalDays=14", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        var text = await clinician.PostAsync("/fhir/Patient", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct);
        var json = await clinician.PutAsync($"/api/patients/{patient}/schedule", new StringContent("""{"intervalDays":14}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.OK), (form.StatusCode, text.StatusCode, json.StatusCode));
        Assert.Contains("OperationOutcome", await text.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindTheLocalProxy_TheAuditKeepsTheClientsAddress()
    {
        var user = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var client = app.CreateClient();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = user.Email, password = user.Password }) };
        login.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(login, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signIn = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserName == user.Email && e.Action == "sign in (API)", Ct));
        Assert.Equal("203.0.113.7", signIn.IpAddress);
    }
}
