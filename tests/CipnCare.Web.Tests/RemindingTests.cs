using System.Net.Http.Json;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Schedules;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

public abstract class RemindingTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ReminderRound> RoundAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckInReminders>().RunAsync(Ct);
    }

    private async Task<(Guid Patient, TestUser Login, TestUser Carer)> PatientLastCheckedInAsync(double daysAgo)
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var carer = await app.CreateCaregiverForAsync(patient);
        var sent = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            new { questionnaire = Questionnaires.CheckIn, answers = Questionnaires.Week(0), authored = app.Clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo) }, Ct);
        sent.EnsureSuccessStatusCode();
        return (patient, login!, carer);
    }

    [Fact]
    public async Task ADueCheckIn_IsRemindedOnce_ToThePatientAndTheirReportingCarer()
    {
        var (patient, login, carer) = await PatientLastCheckedInAsync(8);

        await RoundAsync();
        await RoundAsync();

        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == CheckInReminders.EmailKind && (m.To == login.Email || m.To == carer.Email)).ToListAsync());
        Assert.Equal([carer.Email, login.Email], emails.Select(e => e.To).Order());
        Assert.All(emails, e => Assert.Equal("Your CIPN Care check-in is due", e.Subject));
        Assert.Contains("call the care team on +1 555 0100", emails.Single(e => e.To == login.Email).Body, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.RemindersSent.CountAsync(r => r.PatientId == patient)));
    }

    [Fact]
    public async Task TwoMissedCheckIns_RaiseOneRoutineReachOutAlert()
    {
        var (patient, _, _) = await PatientLastCheckedInAsync(22); // weekly: 21 days → 2 missed, overdue

        await RoundAsync();
        await RoundAsync();

        var alert = Assert.Single(await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.PatientId == patient && a.Code == AlertCode.MissedCheckIns).ToListAsync()));
        Assert.Equal((AlertSeverity.Routine, "missed:2"), (alert.Severity, alert.ConditionKey));
        Assert.Contains(await app.WithDbAsync(db => db.RemindersSent.Where(r => r.PatientId == patient).Select(r => r.Kind).ToListAsync()), k => k == "overdue");
    }

    [Fact]
    public async Task APatientWhoNeverCheckedIn_IsReminded_AndAnOverdueFirstCheckIn_RaisesTheReachOutAlert()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);

        await RoundAsync(); // enrolled today: the first check-in is due now
        var dueAlerts = await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.PatientId == patient));
        var enrolled = app.Clock.GetUtcNow().UtcDateTime.AddDays(-3); // weekly, 2 days' grace: overdue
        await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).ExecuteUpdateAsync(p => p.SetProperty(x => x.CreatedAt, enrolled)));
        await RoundAsync();
        await RoundAsync();

        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == CheckInReminders.EmailKind && m.To == login!.Email).Select(m => m.Subject).ToListAsync());
        Assert.Equal(["Your CIPN Care check-in is due", "Your CIPN Care check-in is overdue"], emails.Order());
        Assert.Equal(0, dueAlerts);
        var alert = Assert.Single(await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.PatientId == patient).ToListAsync()));
        Assert.Equal((AlertCode.MissedCheckIns, AlertSeverity.Routine, "missed:first", "First check-in overdue"), (alert.Code, alert.Severity, alert.ConditionKey, alert.Title));
    }

    [Fact]
    public async Task ACheckInNotYetDue_IsNotReminded()
    {
        var (patient, _, _) = await PatientLastCheckedInAsync(2);

        await RoundAsync();

        Assert.Equal(0, await app.WithDbAsync(db => db.RemindersSent.CountAsync(r => r.PatientId == patient)));
    }
}

public sealed class RemindingOnSqlite(SqliteApp app) : RemindingTests(app), IClassFixture<SqliteApp>;

public sealed class RemindingOnPostgres(PostgresApp app) : RemindingTests(app), IClassFixture<PostgresApp>;
