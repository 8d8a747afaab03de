using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Schedules;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Schedules;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

public abstract class FollowingTheScheduleTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime DaysAgo(double days) => app.Clock.GetUtcNow().UtcDateTime.AddDays(-days);

    private static Task<HttpResponseMessage> CheckInOnAsync(HttpClient client, Guid patient, DateTime at) =>
        client.PostAsJsonAsync($"/api/patients/{patient}/responses", new { questionnaire = Questionnaires.CheckIn, answers = Questionnaires.Week(1), authored = at }, Ct);

    [Fact]
    public async Task OnTreatment_ALastCheckInEightDaysAgo_IsDue_OnThePatientAndTheClinicianList()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var self = await app.ClientForAsync(login!);
        await CheckInOnAsync(self, patient, DaysAgo(8));
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var schedule = await self.GetFromJsonAsync<ScheduleView>($"/api/patients/{patient}/schedule", CipnApp.Json, Ct);
        var row = Assert.Single((await clinician.GetFromJsonAsync<List<PatientRow>>("/api/patients", CipnApp.Json, Ct))!);

        Assert.Equal((7, DueState.Due, DaysAgo(1), "weekly during treatment"), (schedule!.IntervalDays!.Value, schedule.State, schedule.NextDue!.Value, schedule.Plan));
        Assert.Equal(DueState.Due, row.Schedule.State);
        var page = WebUtility.HtmlDecode(await (await HtmlForms.SignInAsync(app, login!, Ct)).GetStringAsync($"/patients/{patient}", Ct));
        Assert.Contains("Your check-in is due.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWeeksWithoutACheckIn_IsOverdue_WithOneMissed()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var self = await app.ClientForAsync(login!);
        await CheckInOnAsync(self, patient, DaysAgo(15));

        var schedule = await self.GetFromJsonAsync<ScheduleView>($"/api/patients/{patient}/schedule", CipnApp.Json, Ct);

        Assert.Equal((DueState.Overdue, 1), (schedule!.State, schedule.Missed));
    }

    [Fact]
    public async Task AfterTreatment_MonthlyFromTheLastDose_AndTheClinicianMayChangeIt()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        await app.WithDbAsync(async db =>
        {
            var p = await db.Patients.FindAsync([patient], Ct);
            p!.TreatmentStatus = TreatmentStatus.CompletedTreatment;
            return await db.SaveChangesAsync(Ct);
        });
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = DaysAgo(200), heightCm = 170, weightKg = 70 }, Ct);
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/administrations", new { agentCode = "oxaliplatin", administeredAt = DaysAgo(60), amount = 85, unit = "MgPerM2" }, Ct);
        await CheckInOnAsync(await app.ClientForAsync(login!), patient, DaysAgo(10));

        var before = await clinician.GetFromJsonAsync<ScheduleView>($"/api/patients/{patient}/schedule", CipnApp.Json, Ct);
        var changed = await clinician.PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 14, treatmentEndedOn = DateOnly.FromDateTime(DaysAgo(50)) }, Ct);
        var byPatient = await (await app.ClientForAsync(login!)).PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 91 }, Ct);
        var impossible = await clinician.PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 400 }, Ct);

        Assert.Equal((30, "monthly in the first year after treatment", "last recorded dose", DueState.NotDue), (before!.IntervalDays!.Value, before.Plan, before.TreatmentEndedFrom, before.State));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = (await changed.Content.ReadFromJsonAsync<ScheduleView>(CipnApp.Json, Ct))!;
        Assert.Equal((14, true, "set by the care team", DaysAgo(10).AddDays(14)), (after.IntervalDays!.Value, after.Custom, after.TreatmentEndedFrom, after.NextDue!.Value));
        Assert.Equal(HttpStatusCode.Forbidden, byPatient.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        Assert.Contains("The interval must be 1 to 182 days", await impossible.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == ChangeSchedule.Action && a.Outcome == Features.Audit.AuditOutcome.Success);
    }

    [Fact]
    public async Task TheClinicianChangesTheScheduleOnThePatientPage_WithoutJavaScript()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var browser = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var saved = await HtmlForms.SubmitAsync(browser, $"/patients/{patient}", "schedule", [new("intervalDays", "91"), new("treatmentEndedOn", "")], Ct);

        var html = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Schedule saved.", html, StringComparison.Ordinal);
        Assert.Contains("Check-ins are every three months (set by the care team)", html, StringComparison.Ordinal);
    }
}

public sealed class FollowingTheScheduleOnSqlite(SqliteApp app) : FollowingTheScheduleTests(app), IClassFixture<SqliteApp>;

public sealed class FollowingTheScheduleOnPostgres(PostgresApp app) : FollowingTheScheduleTests(app), IClassFixture<PostgresApp>;
