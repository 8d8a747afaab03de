using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

public abstract class SubmittingCheckInsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Patient_SubmitsCheckIn_ScoredAndGradedAndAudited()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);

        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins",
            CipnApp.CheckInBody(value: 0, everyday: true, notes: "Hard to do buttons", overrides: [(CheckInItems.NumbnessHands, 3), (CheckInItems.TinglingFeet, 2), (CheckInItems.Balance, 1)]), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<CheckInView>(CipnApp.Json, Ct);
        Assert.Equal((5, 1, 0, 6), (view!.SensoryScore, view.MotorScore, view.AutonomicScore, view.TotalScore));
        Assert.Equal(2, view.SensoryGrade);
        Assert.Equal(2, view.MotorGrade);
        Assert.Equal("5.0", view.CtcaeVersion);
        Assert.Equal(Roles.Patient, view.EnteredByRole);
        Assert.Equal(ChangeDirection.FirstReport, view.Change.Direction);
        Assert.Equal($"/api/check-ins/{view.Id}", response.Headers.Location!.OriginalString);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Contains(audit, a => a.Action == SubmitCheckIn.Action && a.Outcome == AuditOutcome.Success && a.UserId == login!.UserId);
    }

    [Fact]
    public async Task History_ShowsNewestFirst_WithChangeFromThePrevious()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(value: 1), Ct);
        app.Clock.Advance(TimeSpan.FromDays(7));
        client = await app.ClientForAsync(login!); // a week later the one-hour token has expired
        await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(value: 2, everyday: true), Ct);

        var history = await client.GetFromJsonAsync<List<CheckInView>>($"/api/patients/{patient}/check-ins", CipnApp.Json, Ct);

        Assert.Equal(2, history!.Count);
        Assert.Equal([18, 9], history.Select(h => h.TotalScore));
        Assert.Equal(ChangeDirection.Worse, history[0].Change.Direction);
        Assert.Equal(9, history[0].Change.TotalScoreDelta);
        Assert.Equal(1, history[0].Change.SensoryGradeDelta);
        Assert.Equal(ChangeDirection.FirstReport, history[1].Change.Direction);
    }

    [Fact]
    public async Task ClinicianList_ShowsLatestAndChange()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var patientClient = await app.ClientForAsync(login!);
        await patientClient.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(value: 2), Ct);
        app.Clock.Advance(TimeSpan.FromDays(7));
        patientClient = await app.ClientForAsync(login!);
        await patientClient.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(value: 1), Ct);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var rows = await clinician.GetFromJsonAsync<List<Features.Patients.PatientRow>>("/api/patients", CipnApp.Json, Ct);

        var row = Assert.Single(rows!);
        Assert.Equal(9, row.LatestTotalScore);
        Assert.Equal(ChangeDirection.Better, row.Change!.Direction);
        Assert.Equal(-9, row.Change.TotalScoreDelta);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, row.LatestCheckInAt);
    }

    [Fact]
    public async Task Caregiver_ReportsOnBehalf_AttributedToThem()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var caregiver = await app.CreateCaregiverForAsync(patient);
        var client = await app.ClientForAsync(caregiver);

        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<CheckInView>(CipnApp.Json, Ct);
        Assert.Equal(Roles.Caregiver, view!.EnteredByRole);
        Assert.Equal(caregiver.DisplayName, view.EnteredByName);
    }

    [Fact]
    public async Task Clinician_EntersForTeamPatient_ButNotForAnotherTeam()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (elsewhere, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var own = await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(), Ct);
        var other = await client.PostAsJsonAsync($"/api/patients/{elsewhere}/check-ins", CipnApp.CheckInBody(), Ct);

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(Roles.Clinician, (await own.Content.ReadFromJsonAsync<CheckInView>(CipnApp.Json, Ct))!.EnteredByRole);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == elsewhere)));
    }

    [Fact]
    public async Task Patient_CannotReportForSomeoneElse_AndAdminCannotReport()
    {
        var team = await app.CreateTeamAsync();
        var (_, me) = await app.CreatePatientAsync(team);
        var (other, _) = await app.CreatePatientAsync(team, withLogin: false);

        var asPatient = await (await app.ClientForAsync(me!)).PostAsJsonAsync($"/api/patients/{other}/check-ins", CipnApp.CheckInBody(), Ct);
        var asAdmin = await (await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin))).PostAsJsonAsync($"/api/patients/{other}/check-ins", CipnApp.CheckInBody(), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asPatient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        var audit = await app.AuditForPatientAsync(other);
        Assert.Equal(2, audit.Count(a => a.Action == SubmitCheckIn.Action && a.Outcome == AuditOutcome.Denied));
    }

    [Fact]
    public async Task InvalidAnswers_Are400NamingEachItem_AndNothingIsStored()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var scores = CheckInItems.All.Where(i => i.Id != CheckInItems.Balance).ToDictionary(i => i.Id, _ => 1);
        scores[CheckInItems.Weakness] = 7;

        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins", new { scores, limitsEverydayTasks = false, limitsSelfCare = false }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(CipnApp.Json, Ct);
        Assert.Equal(["\"Weakness in your hands, arms or legs\" must be between 0 and 4."], problem!.Errors[CheckInItems.Weakness]);
        Assert.Contains("Please answer", problem.Errors[CheckInItems.Balance][0], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == patient)));
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);

        var response = await client.PostAsync($"/api/patients/{patient}/check-ins", new StringContent("""{"scores": {"weakness": "lots"}}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == patient)));
    }

    [Fact]
    public async Task RetriedSubmit_WithSameIdempotencyKey_StoresExactlyOne()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> SubmitAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patient}/check-ins") { Content = JsonContent.Create(CipnApp.CheckInBody(value: 2)) };
            request.Headers.Add(CheckInsApi.IdempotencyHeader, key);
            return await client.SendAsync(request, Ct);
        }

        var first = await SubmitAsync();
        var second = await SubmitAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<CheckInView>(CipnApp.Json, Ct))!.Id, (await second.Content.ReadFromJsonAsync<CheckInView>(CipnApp.Json, Ct))!.Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == patient)));
    }

    [Fact]
    public async Task OversizedBody_Is413_AndNothingIsStored()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);

        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(notes: new string('a', 1_100_000)), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == patient)));
    }

    [Fact]
    public async Task OneCheckIn_IsReadableByItsPatient_NotByOthers()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var (_, other) = await app.CreatePatientAsync(team);
        var created = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/check-ins", CipnApp.CheckInBody(value: 3), Ct);
        var id = (await created.Content.ReadFromJsonAsync<CheckInView>(CipnApp.Json, Ct))!.Id;

        var own = await (await app.ClientForAsync(login!)).GetFromJsonAsync<CheckInView>($"/api/check-ins/{id}", CipnApp.Json, Ct);
        var foreign = await (await app.ClientForAsync(other!)).GetAsync($"/api/check-ins/{id}", Ct);
        var unknown = await (await app.ClientForAsync(login!)).GetAsync($"/api/check-ins/{Guid.NewGuid()}", Ct);

        Assert.Equal((id, 27), (own!.Id, own.TotalScore));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Items_AreListedWithTheirScales()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Patient));

        var items = await client.GetFromJsonAsync<List<CheckInsApi.CheckInItemView>>("/api/check-ins/items", CipnApp.Json, Ct);

        Assert.Equal(CheckInItems.All.Select(i => i.Id), items!.Select(i => i.Id));
        Assert.Equal("4 or more", items!.Single(i => i.Id == CheckInItems.Falls).Anchors[4]);
    }
}

public sealed class SubmittingCheckInsOnSqlite(SqliteApp app) : SubmittingCheckInsTests(app), IClassFixture<SqliteApp>;

public sealed class SubmittingCheckInsOnPostgres(PostgresApp app) : SubmittingCheckInsTests(app), IClassFixture<PostgresApp>;
