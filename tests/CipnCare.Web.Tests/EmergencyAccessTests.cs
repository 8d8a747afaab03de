using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.EmergencyAccess;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>Emergency access (ONC 170.315(d)(6), issue #15): outside the team, with a reason, read-only, time-limited, audited, admins told.</summary>
public sealed class EmergencyAccessTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Reason = "Seen in the emergency department after a fall at home";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Patient, string Mrn, HttpClient Outsider, TestUser OutsiderUser)> OutsiderAsync()
    {
        var (patient, _) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var mrn = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.Mrn).SingleAsync());
        var outsider = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        return (patient, mrn, await app.ClientForAsync(outsider), outsider);
    }

    [Fact]
    public async Task AClinicianOutsideTheTeam_WithAReason_ReadsForFourHours_ButCannotWrite()
    {
        var (patient, mrn, client, outsider) = await OutsiderAsync();
        var admin = await app.CreateUserAsync(Roles.Admin);

        var before = await client.GetAsync($"/api/patients/{patient}", Ct);
        var started = await client.PostAsJsonAsync("/api/emergency-access", new { mrn, reason = Reason }, Ct);
        var body = (await started.Content.ReadFromJsonAsync<EmergencyAccessStarted>(CipnApp.Json, Ct))!;
        var during = await client.GetAsync($"/api/patients/{patient}", Ct);
        var listed = await client.GetFromJsonAsync<List<PatientListItem>>("/api/patients", CipnApp.Json, Ct);
        var write = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct);
        app.Clock.Advance(EmergencyAccessGrants.Duration + TimeSpan.FromMinutes(1));
        var after = await (await app.ClientForAsync(outsider)).GetAsync($"/api/patients/{patient}", Ct); // a new token: the first lasted an hour

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal((patient, app.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1)), (body.PatientId, body.ExpiresAt));
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains(listed!, p => p.Id == patient);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);

        var audit = await app.AuditForPatientAsync(patient);
        var grant = Assert.Single(audit, a => a.Action == EmergencyAccessGrants.Action);
        Assert.Equal((outsider.UserId, AuditOutcome.Success), (grant.UserId, grant.Outcome));
        Assert.Contains(Reason, grant.Detail, StringComparison.Ordinal);
        var views = audit.Where(a => a.UserId == outsider.UserId && a.Outcome == AuditOutcome.Success && a.Action != EmergencyAccessGrants.Action).ToList();
        Assert.NotEmpty(views);
        Assert.All(views, v => Assert.Equal(EmergencyAccessGrants.Action, v.Detail));
        Assert.Equal(2, audit.Count(a => a.UserId == outsider.UserId && a.Outcome == AuditOutcome.Denied && a.Action.StartsWith("read", StringComparison.Ordinal)));

        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == EmergencyAccessGrants.AdminEmailKind && m.To == admin.Email));
        Assert.Contains(outsider.DisplayName, email.Body, StringComparison.Ordinal);
        Assert.Contains($"{CipnApp.PublicBaseUrl}/emergency-access", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(mrn, email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("fall", email.Body, StringComparison.OrdinalIgnoreCase); // no health details in email
    }

    [Fact]
    public async Task EmergencyAccess_NeedsAReasonAndARealMrn_AndIsOnlyForClinicians()
    {
        var (patient, mrn, client, _) = await OutsiderAsync();
        var team = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.CareTeamId).SingleAsync());
        var teamClinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var carer = await app.ClientForAsync(await app.CreateCaregiverForAsync((await app.CreatePatientAsync(team)).PatientId));

        var shortReason = await client.PostAsJsonAsync("/api/emergency-access", new { mrn, reason = "emergency" }, Ct);
        var unknown = await client.PostAsJsonAsync("/api/emergency-access", new { mrn = "NO-SUCH-MRN", reason = Reason }, Ct);
        var inTeam = await teamClinician.PostAsJsonAsync("/api/emergency-access", new { mrn, reason = Reason }, Ct);
        var byCarer = await carer.PostAsJsonAsync("/api/emergency-access", new { mrn, reason = Reason }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, shortReason.StatusCode);
        Assert.Contains("reason", await shortReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("mrn", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, inTeam.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCarer.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.EmergencyAccessGrants.CountAsync(g => g.PatientId == patient)));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{patient}", Ct)).StatusCode);
    }

    [Fact]
    public async Task ThePages_OpenTheRecordWithABanner_AndAdminsSeeEveryGrant()
    {
        var (patient, mrn, _, outsider) = await OutsiderAsync();
        var pages = await HtmlForms.SignInAsync(app, outsider, Ct);
        var admin = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Admin), Ct);

        var refused = await pages.GetAsync($"/patients/{patient}", Ct);
        var missingReason = await HtmlForms.SubmitAsync(pages, "/emergency-access", "emergency-access", [new("mrn", mrn)], Ct);
        var started = await HtmlForms.SubmitAsync(pages, "/emergency-access", "emergency-access", [new("mrn", mrn), new("reason", Reason)], Ct);
        var record = await pages.GetStringAsync(HtmlForms.RedirectPath(started), Ct);
        var reviewed = await admin.GetStringAsync("/emergency-access", Ct);

        Assert.Contains("Use emergency access", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Equal($"/patients/{patient}", HtmlForms.RedirectPath(started));
        Assert.Contains("Emergency access</strong> until", record, StringComparison.Ordinal);
        Assert.Contains(outsider.DisplayName, reviewed, StringComparison.Ordinal);
        Assert.Contains(Reason, reviewed, StringComparison.Ordinal);
        Assert.Contains($"MRN {mrn}", reviewed, StringComparison.Ordinal);
    }

    private sealed record PatientListItem(Guid Id);
}
