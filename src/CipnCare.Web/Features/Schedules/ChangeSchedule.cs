using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Schedules;

public sealed record ScheduleChange(int? IntervalDays, DateOnly? TreatmentEndedOn);

/// <summary>A team clinician sets a patient's check-in interval (or returns to the default) and the treatment end date.</summary>
public sealed class ChangeSchedule(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock, LocalTimes times)
{
    public const string Action = "change check-in schedule";
    public const int MinIntervalDays = 1;
    public const int MaxIntervalDays = 182;

    public async Task<Outcome<Done>> HandleAsync(ClaimsPrincipal user, Guid patientId, ScheduleChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, Action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed || !user.IsInRole(Roles.Clinician))
        {
            if (opened.Outcome == AccessOutcome.Allowed)
            {
                await audit.RecordAsync(user, Action, AuditOutcome.Denied, patientId, "only clinicians change schedules", cancellationToken: cancellationToken);
            }

            return opened.Refusal("Only the patient's care-team clinicians change the check-in schedule.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>();
        if (change.IntervalDays is { } days && days is < MinIntervalDays or > MaxIntervalDays)
        {
            errors["intervalDays"] = $"The interval must be {MinIntervalDays} to {MaxIntervalDays} days, or empty for the default plan.";
        }

        if (change.TreatmentEndedOn is { } ended && ended > (await times.ForPatientAsync(patientId, cancellationToken)).Today(clock))
        {
            errors["treatmentEndedOn"] = "The treatment end date cannot be in the future.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, patientId, errors, cancellationToken);
        }

        var setting = await db.ScheduleSettings.FirstOrDefaultAsync(s => s.PatientId == patientId, cancellationToken);
        if (setting is null)
        {
            setting = new ScheduleSetting { PatientId = patientId };
            db.ScheduleSettings.Add(setting);
        }

        setting.IntervalDays = change.IntervalDays;
        setting.TreatmentEndedOn = change.TreatmentEndedOn;
        setting.ChangedByUserId = user.RequiredUserId();
        setting.ChangedAt = now;
        audit.Add(user, Action, AuditOutcome.Success, patientId, $"interval {change.IntervalDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, treatment ended {change.TreatmentEndedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "not set"}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }
}
