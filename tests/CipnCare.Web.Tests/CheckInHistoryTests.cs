using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

public abstract class CheckInHistoryTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task History_ShowsNewestFirst_WithChangeFromThePrevious()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(2, everyday: true), Ct);

        var history = await client.GetFromJsonAsync<List<CheckInSummary>>($"/api/patients/{patient}/check-ins", CipnApp.Json, Ct);

        Assert.Equal(2, history!.Count);
        Assert.Equal((50.0, 2, 2), (history[0].SymptomScore!.Value, history[0].SensoryGrade, history[0].MotorGrade));
        Assert.Equal((ChangeDirection.Worse, 25.0, 1), (history[0].Change.Direction, history[0].Change.SymptomScoreDelta, history[0].Change.SensoryGradeDelta));
        Assert.Equal(["sensory grade 1 → 2", "motor grade 1 → 2", "symptom score 25 → 50"], history[0].Change.Reasons);
        Assert.Equal(ChangeDirection.FirstReport, history[1].Change.Direction);
    }

    [Fact]
    public async Task ClinicianList_ShowsLatestAndChange()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var patientClient = await app.ClientForAsync(login!);
        await CipnApp.SubmitCheckInAsync(patientClient, patient, Questionnaires.Week(2), Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await CipnApp.SubmitCheckInAsync(patientClient, patient, Questionnaires.Week(1), Ct);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var rows = await clinician.GetFromJsonAsync<List<Features.Patients.PatientRow>>("/api/patients", CipnApp.Json, Ct);

        var row = Assert.Single(rows!);
        Assert.Equal((25.0, 1, 1), (row.LatestSymptomScore!.Value, row.LatestSensoryGrade!.Value, row.LatestMotorGrade!.Value));
        Assert.Equal((ChangeDirection.Better, -25.0), (row.Change!.Direction, row.Change.SymptomScoreDelta));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, row.LatestCheckInAt);
    }

    [Fact]
    public async Task Patient_CannotReportForSomeoneElse_AndAdminCannotReport()
    {
        var team = await app.CreateTeamAsync();
        var (_, me) = await app.CreatePatientAsync(team);
        var (other, _) = await app.CreatePatientAsync(team, withLogin: false);

        var asPatient = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(me!), other, Questionnaires.Week(1), Ct);
        var asAdmin = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin)), other, Questionnaires.Week(1), Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (asPatient.StatusCode, asAdmin.StatusCode));
        Assert.Equal(2, (await app.AuditForPatientAsync(other)).Count(a => a.Action == SubmitResponse.Action && a.Outcome == AuditOutcome.Denied));
    }

    [Fact]
    public async Task MalformedJson_Is400_AndOversizedBody_Is413_NothingStored()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);

        var malformed = await client.PostAsync($"/api/patients/{patient}/responses", new StringContent("""{"questionnaire": ["not", "a", "url"]""", System.Text.Encoding.UTF8, "application/json"), Ct);
        var oversized = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1, notes: new string('a', 1_100_000)), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge), (malformed.StatusCode, oversized.StatusCode));
        Assert.Equal(0, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient)));
    }

    [Fact]
    public async Task OneResponse_IsReadableByItsPatient_NotByOthers()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var (_, other) = await app.CreatePatientAsync(team);
        var created = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login!), patient, Questionnaires.Week(3), Ct);
        var id = (await created.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!.Id;

        var own = await (await app.ClientForAsync(login!)).GetFromJsonAsync<ResponseView>($"/api/responses/{id}", CipnApp.Json, Ct);
        var foreign = await (await app.ClientForAsync(other!)).GetAsync($"/api/responses/{id}", Ct);
        var unknown = await (await app.ClientForAsync(login!)).GetAsync($"/api/responses/{Guid.NewGuid()}", Ct);

        Assert.Equal((id, 75.0), (own!.Id, own.Score("symptom-score")!.Value!.Value));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (foreign.StatusCode, unknown.StatusCode));
    }
}

public sealed class CheckInHistoryOnSqlite(SqliteApp app) : CheckInHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class CheckInHistoryOnPostgres(PostgresApp app) : CheckInHistoryTests(app), IClassFixture<PostgresApp>;
