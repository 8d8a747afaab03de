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

    [Fact]
    public async Task RevokingACarer_EndsTheirOpenInvitations_AndAnOlderInvitationCannotBringAccessBack()
    {
        var (patient, login, caregiver, client, link) = await AcceptedAsync("ViewOnly");
        var self = await app.ClientForAsync(login);
        var wider = await self.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = caregiver.Email, relationship = "Son", scope = "ReportOnBehalf" }, Ct);
        var widerToken = TokenOf((await wider.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!);

        var revoked = await self.PostAsync($"/api/patients/{patient}/caregivers/{link}/revoke", null, Ct);
        var acceptOpen = await client.PostAsync($"/api/invitations/{widerToken}/accept", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, acceptOpen.StatusCode); // cancelled with the revocation
        var grant = await app.WithDbAsync(db => db.CaregiverLinks.AsNoTracking().SingleAsync(l => l.Id == link));
        Assert.Equal((CaregiverScope.ViewOnly, true), (grant.Scope, grant.RevokedAt is not null));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{patient}/check-ins", Ct)).StatusCode);

        // An invitation that slipped past the cancellation (made just before the revocation) is refused too.
        var older = await self.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = caregiver.Email, relationship = "Son", scope = "ReportOnBehalf" }, Ct);
        var olderToken = TokenOf((await older.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!);
        await app.WithDbAsync(async db =>
        {
            var revokedGrant = await db.CaregiverLinks.SingleAsync(l => l.Id == link);
            revokedGrant.RevokedAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1); // the revocation came after this invitation
            return await db.SaveChangesAsync();
        });
        var acceptOlder = await client.PostAsync($"/api/invitations/{olderToken}/accept", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, acceptOlder.StatusCode);
        Assert.Contains("made before your access to this record was ended", await acceptOlder.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotNull((await app.WithDbAsync(db => db.CaregiverLinks.AsNoTracking().SingleAsync(l => l.Id == link))).RevokedAt);
    }

    [Fact]
    public async Task AViewOnlyCarer_SeesOnlyTheirOwnAccess_ThroughTheApiAsOnThePage()
    {
        var (patient, login, caregiver, client, _) = await AcceptedAsync("ViewOnly");
        var other = await app.CreateUserAsync(Roles.Caregiver);
        var self = await app.ClientForAsync(login);
        var invited = await self.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = other.Email, relationship = "Neighbour", scope = "ViewOnly" }, Ct);
        await (await app.ClientForAsync(other)).PostAsync($"/api/invitations/{TokenOf((await invited.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!)}/accept", null, Ct);
        await self.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = "pending@example.org", relationship = "Friend", scope = "ViewOnly" }, Ct);

        var seenByCarer = await client.GetFromJsonAsync<CaregiversView>($"/api/patients/{patient}/caregivers", CipnApp.Json, Ct);
        var seenByPatient = await self.GetFromJsonAsync<CaregiversView>($"/api/patients/{patient}/caregivers", CipnApp.Json, Ct);

        Assert.Equal([caregiver.Email], seenByCarer!.Caregivers.Select(c => c.Email));
        Assert.Empty(seenByCarer.OpenInvitations);
        Assert.Equal(2, seenByPatient!.Caregivers.Count);
        Assert.Equal(["pending@example.org"], seenByPatient.OpenInvitations.Select(i => i.Email));
    }

    [Fact]
    public async Task TheEmailedLink_UsesThePublicAddress_NotTheRequestsHost_AndTheAuditKeepsNoToken()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var self = await app.ClientForAsync(login!);
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patient}/caregivers/invitations")
        {
            Content = JsonContent.Create(new { email = "son@example.org", relationship = "Son", scope = "ViewOnly" }),
        };
        forged.Headers.Host = "attacker.example.com";

        var refused = await self.SendAsync(forged, Ct);
        var created = await self.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = "son@example.org", relationship = "Son", scope = "ViewOnly" }, Ct);
        var link = (await created.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!.Link;
        var caregiver = await app.CreateUserAsync(Roles.Caregiver);
        var token = link[(link.LastIndexOf('/') + 1)..];
        await (await app.ClientForAsync(caregiver)).PostAsync($"/api/invitations/{token}/accept", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // host filtering: only the public host and the machine itself
        Assert.StartsWith($"{CipnApp.PublicBaseUrl}/invitations/", link, StringComparison.Ordinal);
        var queued = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == "son@example.org").Select(m => m.Body).ToListAsync());
        Assert.All(queued, body => Assert.DoesNotContain("attacker.example.com", body, StringComparison.Ordinal));
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Contains(audit, e => e.Endpoint == "POST /api/invitations/{token}/accept");
        Assert.DoesNotContain(audit, e => e.Endpoint?.Contains(token, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("not-an-email", "Son", "ReportOnBehalf", "email")]
    [InlineData("a@example.org", "", "ReportOnBehalf", "relationship")]
    [InlineData("a@example.org", "Son", null, "scope")]
    [InlineData("(carer@example.org", "Son", "ViewOnly", "email")] // passed the old check, then stopped the mail dispatcher (issue #15)
    [InlineData("Carer <carer@example.org>", "Son", "ViewOnly", "email")]
    [InlineData("carer@example.org (home)", "Son", "ViewOnly", "email")]
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
