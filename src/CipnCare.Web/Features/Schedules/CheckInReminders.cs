using CipnCare.Clinical;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Schedules;
using CipnCare.Web.Components.Shared;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Schedules;

public sealed record ReminderRound(int Reminded, int MissedAlerts);

/// <summary>
/// The schedule's round: for each patient whose check-in is due or overdue, one reminder email per due date (and one
/// more when it becomes overdue) to the patient and their report-on-behalf carers, through the outbox; and, when the
/// team's number of missed check-ins is reached — or the first check-in is overdue — a routine reach-out alert (once per
/// count). Patients who never checked in are reminded like everyone else: their first check-in is due at enrolment.
/// Each email is in the language its recipient's account chose (English until they choose; issue #20).
/// </summary>
public sealed class CheckInReminders(CipnDbContext db, ScheduleQueries schedules, Outbox outbox, AuditLog audit, TimeProvider clock, IStringLocalizer<CheckInReminders> L)
{
    public const string EmailKind = "check-in-reminder";

    public async Task<ReminderRound> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var statuses = await schedules.ForEveryPatientAsync(cancellationToken);
        var pending = statuses.Where(s => s.Value.State is DueState.Due or DueState.Overdue && s.Value.NextDue is not null).ToList();
        var (reminded, missedAlerts) = (0, 0);
        foreach (var (patientId, schedule) in pending)
        {
            var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == patientId, cancellationToken);
            var team = await db.CareTeams.AsNoTracking().FirstAsync(t => t.Id == patient.CareTeamId, cancellationToken);
            var kind = schedule.State == DueState.Overdue ? "overdue" : "due";
            var due = schedule.NextDue!.Value;
            if (!await db.RemindersSent.AnyAsync(r => r.PatientId == patientId && r.DueAt == due && r.Kind == kind, cancellationToken))
            {
                var recipients = await RecipientsAsync(patient, now, cancellationToken);
                var day = TeamZone.FindOrUtc(team.TimeZone).DayOf(due);
                foreach (var recipient in recipients)
                {
                    using (Languages.Use(recipient.Language))
                    {
                        outbox.Enqueue(EmailKind, recipient.Email, kind == "overdue" ? L["Your CIPN Care check-in is overdue"] : L["Your CIPN Care check-in is due"],
                            Email(recipient, patient.GivenName, day, team));
                    }
                }

                db.RemindersSent.Add(new ReminderSent { Id = Guid.CreateVersion7(), PatientId = patientId, DueAt = due, Kind = kind, SentAt = now, Recipients = recipients.Count });
                audit.Add(null, "send check-in reminder", AuditOutcome.Success, patientId, $"{kind} since {due:yyyy-MM-dd}, {recipients.Count} recipient(s)");
                reminded++;
            }

            if (await MissedAlertAsync(patient.Id, patient.CareTeamId, ChangeTeamSettings.Thresholds(team), schedule, now, cancellationToken))
            {
                missedAlerts++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new(reminded, missedAlerts);
    }

    /// <summary>The reminder's words, in the current UI culture (the recipient's language, set by the caller).</summary>
    private string Email(Recipient recipient, string patientName, DateOnly due, CareTeam team)
    {
        var day = Dates.Written(due);
        return string.Join("\n\n",
            L["Hello {0},", recipient.Name],
            (recipient.IsPatient ? L["Your nerve-symptom check-in was due on {0}.", day] : L["{0}'s nerve-symptom check-in was due on {1}.", patientName, day])
                + " " + L["It takes about five minutes: sign in to CIPN Care and choose \"Start a check-in\"."],
            L["If symptoms are getting worse, do not wait for the check-in: call the care team on {0}. In an emergency call {1}.", team.Phone, team.EmergencyNumber],
            L["Please do not reply: this mailbox is not read."]);
    }

    private sealed record Recipient(string Email, string Name, string? Language, bool IsPatient);

    private async Task<List<Recipient>> RecipientsAsync(Patients.Patient patient, DateTime now, CancellationToken cancellationToken)
    {
        var recipients = new List<Recipient>();
        var own = patient.UserId is null ? null : await db.Users.Where(u => u.Id == patient.UserId).Select(u => new { u.Email, u.Language }).FirstOrDefaultAsync(cancellationToken);
        if ((own?.Email ?? patient.Email) is { Length: > 0 } email)
        {
            recipients.Add(new(email, patient.GivenName, own?.Language, IsPatient: true));
        }

        var carers = await db.CaregiverLinks.Where(l => l.PatientId == patient.Id && l.RevokedAt == null && (l.ExpiresAt == null || l.ExpiresAt > now) && l.Scope == CaregiverScope.ReportOnBehalf)
            .Join(db.Users, l => l.CaregiverUserId, u => u.Id, (l, u) => new { u.Email, u.DisplayName, u.Language }).ToListAsync(cancellationToken);
        recipients.AddRange(carers.Where(c => c.Email is { Length: > 0 }).Select(c => new Recipient(c.Email!, c.DisplayName, c.Language, IsPatient: false)));
        return recipients;
    }

    /// <summary>Raises the reach-out alert through the rules (first check-in overdue, or the team's number missed) when not already open.</summary>
    private async Task<bool> MissedAlertAsync(Guid patientId, Guid teamId, AlertThresholds thresholds, ScheduleView schedule, DateTime now, CancellationToken cancellationToken)
    {
        var alert = AlertRules.Silence(schedule.Missed, schedule.NeverCheckedIn && schedule.State == DueState.Overdue, thresholds);
        if (alert is null || await db.Alerts.AnyAsync(a => a.PatientId == patientId && a.ConditionKey == alert.ConditionKey && a.Status != AlertStatus.Resolved, cancellationToken))
        {
            return false;
        }

        db.Alerts.Add(AlertRecord.Open(alert, patientId, teamId, now));
        return true;
    }
}

/// <summary>Runs the reminder round every <c>Reminders:IntervalMinutes</c> (60 by default; 0 turns it off), once across all instances.</summary>
public sealed partial class CheckInReminderService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<CheckInReminderService> logger) : PeriodicRounds(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue("Reminders:IntervalMinutes", 60));

    protected override string Lease => JobLease.Reminders;

    protected override string Name => "Reminder round";

    protected override async Task RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var round = await services.GetRequiredService<CheckInReminders>().RunAsync(cancellationToken);
        LogRound(Logger, round.Reminded, round.MissedAlerts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder round: {Reminded} reminded, {Missed} missed-check-in alerts")]
    private static partial void LogRound(ILogger logger, int reminded, int missed);
}
