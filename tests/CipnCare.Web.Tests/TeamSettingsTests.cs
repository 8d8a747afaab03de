using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

public abstract class TeamSettingsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATeamsThresholdsAndWords_AreUsedForItsPatients()
    {
        var team = await app.CreateTeamAsync();
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var (patient, login) = await app.CreatePatientAsync(team);

        var saved = await admin.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", new
        {
            onCallEmail = "oncall@example.org",
            reviewHours = "every day, 9:00 to 17:00",
            emergencyNumber = "112",
            crisisLine = "116 123 (Samaritans)",
            thresholds = new { gradeAtLeast = 3, worseByGrades = 1, rapidRiseGrades = 2, rapidRiseWindowDays = 28, painfulAtLeast = 2, nearFaintingDizzinessAtLeast = 3, missedCheckIns = 2 },
            replyWorkingDays = 3,
        }, Ct);
        var response = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login!), patient, Questionnaires.Week(2, everyday: true), Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = (await saved.Content.ReadFromJsonAsync<TeamSettings>(CipnApp.Json, Ct))!;
        Assert.Equal(3, settings.Thresholds!.GradeAtLeast);
        Assert.Equal(3, settings.ReplyWorkingDays); // messages to this team wait up to three working days (issue #19)
        var messages = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/messages", new { subject = "Shoes", body = "Which shoes should I wear?" }, Ct);
        var due = (await messages.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("replyDueAt").GetDateTime();
        Assert.Equal(CipnCare.Clinical.Messages.ReplyTargets.DueAt(app.Clock.GetUtcNow().UtcDateTime, 3, CipnCare.Clinical.TeamZone.Utc), due.ToUniversalTime());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var codes = await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient).Select(a => a.Code).ToListAsync());
        Assert.DoesNotContain(AlertCode.SensoryGrade, codes); // grade 2 is below this team's threshold of 3
        var page = WebUtility.HtmlDecode(await (await HtmlForms.SignInAsync(app, login!, Ct)).GetStringAsync($"/patients/{patient}", Ct));
        Assert.Contains("Call 112 now", page, StringComparison.Ordinal);
        Assert.Contains("116 123 (Samaritans)", page, StringComparison.Ordinal);
        Assert.Contains("every day, 9:00 to 17:00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImpossibleSettings_Are400NamingEachField_AndOnlyAdminsChangeThem()
    {
        var team = await app.CreateTeamAsync();
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var body = new { onCallEmail = "not an email", reviewHours = "", emergencyNumber = "112", crisisLine = "116 123", thresholds = new { gradeAtLeast = 5, rapidRiseWindowDays = 1 }, replyWorkingDays = 0 };

        var invalid = await admin.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", body, Ct);
        var forbidden = await clinician.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", body, Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (invalid.StatusCode, forbidden.StatusCode));
        var text = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.All(["onCallEmail", "reviewHours", "thresholds.gradeAtLeast", "thresholds.rapidRiseWindowDays", "replyWorkingDays"], field => Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal));
        Assert.Equal("911", await app.WithDbAsync(db => db.CareTeams.Where(t => t.Id == team).Select(t => t.EmergencyNumber).SingleAsync()));
    }

    [Fact]
    public async Task TheAdminChangesSettingsOnTheTeamsSettingsPage()
    {
        var team = await app.CreateTeamAsync();
        var admin = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Admin), Ct);
        KeyValuePair<string, string>[] fields =
        [
            new("reviewHours", "Monday to Friday, 9:00 to 17:00"), new("emergencyNumber", "999"), new("crisisLine", "116 123"), new("onCallEmail", "oncall@example.org"),
            new("gradeAtLeast", "2"), new("worseByGrades", "1"), new("rapidRiseGrades", "2"), new("rapidRiseWindowDays", "21"), new("painfulAtLeast", "2"),
            new("nearFaintingDizzinessAtLeast", "3"), new("missedCheckIns", "3"),
        ];

        var saved = await HtmlForms.SubmitAsync(admin, $"/admin/teams/{team}/settings", "team-settings", fields, Ct);

        Assert.Contains("Settings saved.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.CareTeams.AsNoTracking().SingleAsync(t => t.Id == team));
        Assert.Equal(("999", "oncall@example.org", 21, 3), (stored.EmergencyNumber, stored.OnCallEmail!, ChangeTeamSettings.Thresholds(stored).RapidRiseWindowDays, ChangeTeamSettings.Thresholds(stored).MissedCheckIns));
    }
}

public sealed class TeamSettingsOnSqlite(SqliteApp app) : TeamSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class TeamSettingsOnPostgres(PostgresApp app) : TeamSettingsTests(app), IClassFixture<PostgresApp>;
