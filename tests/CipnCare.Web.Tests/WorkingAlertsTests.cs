using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

public abstract class WorkingAlertsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A team with a clinician and a patient whose check-in raised an urgent fall-with-injury and high grade alerts.</summary>
    private async Task<(Guid Team, Guid Patient, TestUser Clinician, HttpClient Client)> AlertedAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var week = Questionnaires.Week(2, everyday: true, falls: 1, notes: "fell on the stairs and hit my head");
        week["fall-injury"] = true;
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login!), patient, week, Ct)).StatusCode);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        return (team, patient, clinician, await app.ClientForAsync(clinician));
    }

    [Fact]
    public async Task TheWorklist_IsMostSevereFirst_OnlyTheTeamsPatients_WithCountsAndWhatIsNew()
    {
        var (_, patient, _, client) = await AlertedAsync();
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));

        var first = await client.GetFromJsonAsync<Worklist>("/api/worklist", CipnApp.Json, Ct);
        var second = await client.GetFromJsonAsync<Worklist>("/api/worklist", CipnApp.Json, Ct);
        var urgentOnly = await client.GetFromJsonAsync<Worklist>("/api/worklist?severity=Urgent", CipnApp.Json, Ct);
        var elsewhere = await outsider.GetFromJsonAsync<Worklist>("/api/worklist", CipnApp.Json, Ct);

        Assert.All(first!.Alerts, a => Assert.Equal(patient, a.PatientId));
        Assert.Equal(AlertCode.FallWithSeriousInjury, first.Alerts[0].Code);
        Assert.Equal(first.Alerts.Select(a => a.Severity).OrderDescending(), first.Alerts.Select(a => a.Severity));
        Assert.Equal((1, first.Alerts.Count), (first.Urgent, first.NewSinceLastLook));
        Assert.Equal(0, second!.NewSinceLastLook); // looked once already
        Assert.Equal([AlertCode.FallWithSeriousInjury], urgentOnly!.Alerts.Select(a => a.Code));
        Assert.Empty(elsewhere!.Alerts);
    }

    [Fact]
    public async Task AnAlert_IsAcknowledged_ThenResolvedWithTheActionAndANote_EveryStepAudited()
    {
        var (_, patient, _, client) = await AlertedAsync();
        var alert = (await client.GetFromJsonAsync<List<AlertView>>($"/api/patients/{patient}/alerts", CipnApp.Json, Ct))!.First(a => a.Code == AlertCode.FallWithSeriousInjury);
        app.Clock.Advance(TimeSpan.FromMinutes(12));

        var acknowledged = await client.PostAsync($"/api/alerts/{alert.Id}/acknowledge", null, Ct);
        var again = await client.PostAsync($"/api/alerts/{alert.Id}/acknowledge", null, Ct);
        var noNote = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve", new { action = "CalledPatient" }, Ct);
        var resolved = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve", new { action = "CalledPatient", note = "Called: bruised knee, no fracture; GP review booked." }, Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NoContent), (acknowledged.StatusCode, again.StatusCode, noNote.StatusCode, resolved.StatusCode));
        var after = (await client.GetFromJsonAsync<List<AlertView>>($"/api/patients/{patient}/alerts", CipnApp.Json, Ct))!.Single(a => a.Id == alert.Id);
        Assert.Equal((AlertStatus.Resolved, AlertResolution.CalledPatient, TimeSpan.FromMinutes(12)), (after.Status, after.Resolution!.Value, after.TimeToAcknowledge!.Value));
        Assert.Equal("Called: bruised knee, no fracture; GP review booked.", after.ResolutionNote);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Contains(audit, a => a.Action == "acknowledge alert" && a.Detail!.Contains("acknowledged after 12 min", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "resolve alert" && a.Outcome == Features.Audit.AuditOutcome.Success);
        var worklist = await client.GetFromJsonAsync<Worklist>("/api/worklist", CipnApp.Json, Ct);
        Assert.DoesNotContain(worklist!.Alerts, a => a.Id == alert.Id);
    }

    [Fact]
    public async Task ReassigningGoesToATeamColleague_Only_AndOthersCannotWorkTheAlert()
    {
        var (team, patient, _, client) = await AlertedAsync();
        var colleague = await app.CreateUserAsync(Roles.Clinician, team);
        var stranger = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var alert = (await client.GetFromJsonAsync<List<AlertView>>($"/api/patients/{patient}/alerts", CipnApp.Json, Ct))![0];

        var toColleague = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/assign", new { userId = colleague.UserId }, Ct);
        var toStranger = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/assign", new { userId = stranger.UserId }, Ct);
        var byStranger = await (await app.ClientForAsync(stranger)).PostAsync($"/api/alerts/{alert.Id}/acknowledge", null, Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (toColleague.StatusCode, toStranger.StatusCode, byStranger.StatusCode));
        var mine = await (await app.ClientForAsync(colleague)).GetFromJsonAsync<Worklist>("/api/worklist?mine=true", CipnApp.Json, Ct);
        Assert.Equal([alert.Id], mine!.Alerts.Select(a => a.Id));
    }

    [Fact]
    public async Task Alerts_AreFhirFlags_WithThePriorityExtension()
    {
        var (_, patient, _, client) = await AlertedAsync();

        var bundle = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Flag?patient=Patient/{patient}&status=active", Ct));
        var inactive = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Flag?patient={patient}&status=inactive", Ct));

        var urgent = Assert.IsType<Flag>(bundle.Entry[0].Resource);
        Assert.Equal((AlertMapper.AlertSystem, "fall-with-serious-injury"), (urgent.Code.Coding[0].System, urgent.Code.Coding[0].Code));
        var priority = Assert.IsType<CodeableConcept>(urgent.GetExtensionValue<DataType>(AlertMapper.PriorityExtension));
        Assert.Equal((AlertMapper.PrioritySystem, "PH"), (priority.Coding[0].System, priority.Coding[0].Code));
        Assert.Contains(bundle.Entry.Select(e => e.Resource).OfType<Flag>(), f => f.GetExtensionValue<CodeableConcept>(AlertMapper.PriorityExtension)?.Coding[0].Code == "PM");
        Assert.Equal(Flag.FlagStatus.Active, urgent.Status);
        Assert.Equal(0, inactive.Total);
    }

    [Fact]
    public async Task TheClinician_WorksTheAlertOnThePatientPage_WithoutJavaScript()
    {
        var (_, patient, clinician, _) = await AlertedAsync();
        var browser = await HtmlForms.SignInAsync(app, clinician, Ct);
        var alertId = await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient && a.Code == AlertCode.FallWithSeriousInjury).Select(a => a.Id).SingleAsync());

        var worklist = WebUtility.HtmlDecode(await browser.GetStringAsync("/worklist", Ct));
        var resolved = await HtmlForms.SubmitAsync(browser, $"/patients/{patient}", $"resolve-{alertId}", [new("action", "Referral"), new("note", "Physiotherapy for balance.")], Ct);

        Assert.Contains("Fall with a serious injury", worklist, StringComparison.Ordinal);
        Assert.Contains("1 urgent", worklist, StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await resolved.Content.ReadAsStringAsync(Ct));
        Assert.True(html.Contains("Alert resolved.", StringComparison.Ordinal), $"{(int)resolved.StatusCode}: {html[html.IndexOf("<main", StringComparison.Ordinal)..][..Math.Min(3000, html.Length - html.IndexOf("<main", StringComparison.Ordinal))]}");
        Assert.Contains("Referral</strong> – “Physiotherapy for balance.”", html, StringComparison.Ordinal);
    }
}

public sealed class WorkingAlertsOnSqlite(SqliteApp app) : WorkingAlertsTests(app), IClassFixture<SqliteApp>;

public sealed class WorkingAlertsOnPostgres(PostgresApp app) : WorkingAlertsTests(app), IClassFixture<PostgresApp>;
