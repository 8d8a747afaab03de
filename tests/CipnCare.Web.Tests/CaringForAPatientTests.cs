using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

public abstract class CaringForAPatientTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string TokenOf(CaregiversApi.InvitationCreated created) => created.Link[(created.Link.LastIndexOf('/') + 1)..];

    private async Task<(Guid Patient, TestUser PatientLogin, TestUser Caregiver, HttpClient CaregiverClient, Guid Link)> AcceptedAsync(string scope, DateOnly? until = null)
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var caregiver = await app.CreateUserAsync(Roles.Caregiver);
        var invited = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations",
            new { email = caregiver.Email, relationship = "Son", scope, accessUntil = until }, Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var token = TokenOf((await invited.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!);
        var client = await app.ClientForAsync(caregiver);
        var accepted = await client.PostAsync($"/api/invitations/{token}/accept", null, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var link = await app.WithDbAsync(db => db.CaregiverLinks.SingleAsync(l => l.PatientId == patient));
        return (patient, login!, caregiver, client, link.Id);
    }

    [Fact]
    public async Task InvitedToReport_TheCaregiverReports_AndTheResponseSaysTheyEnteredIt()
    {
        var (patient, _, caregiver, client, _) = await AcceptedAsync("ReportOnBehalf");

        var response = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal((Roles.Caregiver, caregiver.DisplayName), (stored.EnteredByRole, stored.EnteredByName));
        var page = WebUtility.HtmlDecode(await (await HtmlForms.SignInAsync(app, caregiver, Ct)).GetStringAsync($"/responses/{stored.Id}", Ct));
        Assert.Contains($"Entered by {caregiver.DisplayName} (caregiver) for Test ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewOnly_TheCaregiverSeesTheRecord_ButCannotReport()
    {
        var (patient, _, _, client, _) = await AcceptedAsync("ViewOnly");

        var read = await client.GetAsync($"/api/patients/{patient}/check-ins", Ct);
        var report = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (read.StatusCode, report.StatusCode));
    }

    [Fact]
    public async Task AccessLastsThroughItsEndDate_ThenEnds()
    {
        var until = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(3);
        var (patient, _, caregiver, _, _) = await AcceptedAsync("ReportOnBehalf", until);
        var grants = await app.WithDbAsync(db => db.CaregiverLinks.Where(l => l.PatientId == patient).ToListAsync());

        // Move the grant's end into the past rather than the shared clock (other tests' tokens depend on it).
        await app.WithDbAsync(db => db.CaregiverLinks.Where(l => l.PatientId == patient).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        var afterEnd = await (await app.ClientForAsync(caregiver)).GetAsync($"/api/patients/{patient}/check-ins", Ct);

        Assert.Equal(until.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Assert.Single(grants).ExpiresAt); // the team's (UTC) midnight after the last day
        Assert.Equal(HttpStatusCode.Forbidden, afterEnd.StatusCode);
    }

    [Fact]
    public async Task ThePatientRevokes_AndTheCaregiverLosesAccess_Audited()
    {
        var (patient, patientLogin, _, client, link) = await AcceptedAsync("ReportOnBehalf");

        var revoked = await (await app.ClientForAsync(patientLogin)).PostAsync($"/api/patients/{patient}/caregivers/{link}/revoke", null, Ct);
        var after = await client.GetAsync($"/api/patients/{patient}/check-ins", Ct);
        var list = await (await app.ClientForAsync(patientLogin)).GetFromJsonAsync<CaregiversView>($"/api/patients/{patient}/caregivers", CipnApp.Json, Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Forbidden), (revoked.StatusCode, after.StatusCode));
        Assert.False(Assert.Single(list!.Caregivers).Active);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Equal(["invite caregiver", "accept caregiver invitation", "revoke caregiver"],
            audit.Where(a => a.Action.Contains("caregiver", StringComparison.Ordinal) && !a.Action.StartsWith("read", StringComparison.Ordinal) && a.Outcome == AuditOutcome.Success).Select(a => a.Action));
    }

    [Fact]
    public async Task AnInvitation_OnlyTheInvitedEmailMayAccept_AndOnlyOnce()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var invited = await app.CreateUserAsync(Roles.Caregiver);
        var stranger = await app.CreateUserAsync(Roles.Caregiver);
        var created = await clinician.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = invited.Email.ToUpperInvariant(), relationship = "Wife", scope = "ReportOnBehalf" }, Ct);
        var token = TokenOf((await created.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!);

        var byStranger = await (await app.ClientForAsync(stranger)).PostAsync($"/api/invitations/{token}/accept", null, Ct);
        var byInvited = await (await app.ClientForAsync(invited)).PostAsync($"/api/invitations/{token}/accept", null, Ct);
        var again = await (await app.ClientForAsync(invited)).PostAsync($"/api/invitations/{token}/accept", null, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.NotFound), (byStranger.StatusCode, byInvited.StatusCode, again.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.CaregiverLinks.CountAsync(l => l.PatientId == patient)));
    }

    [Theory]
    [InlineData("not-an-email", "Son", "ReportOnBehalf", "email")]
    [InlineData("a@example.org", "", "ReportOnBehalf", "relationship")]
    [InlineData("a@example.org", "Son", null, "scope")]
    public async Task InvalidInvitations_Are400NamingTheField(string email, string relationship, string? scope, string field)
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);

        var response = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email, relationship, scope }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CaregiverInvitations.CountAsync(i => i.PatientId == patient)));
    }

    [Fact]
    public async Task ACaregiver_CannotInviteOthers_NorCanAnotherTeamsClinician()
    {
        var (patient, _, _, client, _) = await AcceptedAsync("ReportOnBehalf");
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var body = new { email = "friend@example.org", relationship = "Friend", scope = "ViewOnly" };

        var byCaregiver = await client.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", body, Ct);
        var byOutsider = await outsider.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", body, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byCaregiver.StatusCode, byOutsider.StatusCode));
    }

    [Fact]
    public async Task ANewCarer_CreatesTheirAccountFromTheLink_AndLandsOnThePatientsRecord()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var email = $"{CipnApp.Unique("carer")}@test.cipncare.org";
        var created = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email, relationship = "Brother", scope = "ReportOnBehalf" }, Ct);
        var path = new Uri((await created.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!.Link).AbsolutePath;
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var weak = await HtmlForms.SubmitAsync(browser, path, "register", [new("displayName", "Sam Carer"), new("password", "short")], Ct);
        var registered = await HtmlForms.SubmitAsync(browser, path, "register", [new("displayName", "Sam Carer"), new("password", CipnApp.Password)], Ct);
        var accepted = await HtmlForms.SubmitAsync(browser, path, "accept", [], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(path, HtmlForms.RedirectPath(registered));
        Assert.Equal($"/patients/{patient}", HtmlForms.RedirectPath(accepted));
        var page = await browser.GetStringAsync($"/patients/{patient}", Ct);
        Assert.Contains("Stop my access", page, StringComparison.Ordinal);
    }
}

public sealed class CaringForAPatientOnSqlite(SqliteApp app) : CaringForAPatientTests(app), IClassFixture<SqliteApp>;

public sealed class CaringForAPatientOnPostgres(PostgresApp app) : CaringForAPatientTests(app), IClassFixture<PostgresApp>;
