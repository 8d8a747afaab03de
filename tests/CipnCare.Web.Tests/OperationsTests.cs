using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

public abstract class OperationsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsHealthy(string path)
    {
        var response = await app.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Stylesheet_IsServed_AndLinkedFromEveryPage()
    {
        var login = await app.CreateClient().GetStringAsync("/account/login", Ct);
        var href = System.Text.RegularExpressions.Regex.Match(login, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;

        var css = await app.CreateClient().GetAsync("/" + href.TrimStart('/'), Ct);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("min-height: 48px", await css.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi_ButNotFhir()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct));

        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/auth/login", paths);
        Assert.Contains("/api/patients/{patientId}/check-ins", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/fhir", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditTrail_AdminFiltersByPatient_OthersAreRefused()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        await (await app.ClientForAsync(login!)).GetAsync($"/api/patients/{patient}", Ct);
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var page = await admin.GetFromJsonAsync<AuditResults>($"/api/audit?patientId={patient}", CipnApp.Json, Ct);
        var refused = await (await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team))).GetAsync("/api/audit", Ct);

        var read = Assert.Single(page!.Events, e => e.Action == "read patient");
        Assert.Equal(login!.UserId, read.UserId);
        Assert.All(page.Events, e => Assert.Equal(patient, e.PatientId));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AuditTrail_FiltersByOutcomeAndUser()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var outsider = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        await (await app.ClientForAsync(outsider)).GetAsync($"/api/patients/{patient}", Ct);
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var page = await admin.GetFromJsonAsync<AuditResults>($"/api/audit?who={Uri.EscapeDataString(outsider.Email)}&outcome=Denied", CipnApp.Json, Ct);

        var denied = Assert.Single(page!.Events);
        Assert.Equal((patient, AuditOutcome.Denied), (denied.PatientId!.Value, denied.Outcome));
    }
}

public sealed class OperationsOnSqlite(SqliteApp app) : OperationsTests(app), IClassFixture<SqliteApp>;

public sealed class OperationsOnPostgres(PostgresApp app) : OperationsTests(app), IClassFixture<PostgresApp>;
