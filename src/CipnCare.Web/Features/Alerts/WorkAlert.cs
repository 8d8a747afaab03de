using System.Globalization;
using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Alerts;

/// <summary>
/// Working an alert to its end: acknowledge, reassign to a colleague of the team, resolve with the action taken and a
/// note. Only the patient's care-team clinicians; every step is audited against the patient's record.
/// </summary>
public sealed class WorkAlert(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock)
{
    public const int MaxNoteLength = 2000;

    public Task<Outcome<Done>> AcknowledgeAsync(ClaimsPrincipal user, Guid alertId, CancellationToken cancellationToken) =>
        StepAsync(user, alertId, "acknowledge alert", (alert, now) =>
        {
            if (alert.Status != AlertStatus.Open)
            {
                return Error("status", "This alert was already acknowledged or resolved.");
            }

            alert.Status = AlertStatus.Acknowledged;
            alert.AcknowledgedAt = now;
            alert.AcknowledgedByUserId = user.RequiredUserId();
            alert.AssignedToUserId ??= alert.AcknowledgedByUserId;
            return $"acknowledged after {Minutes(now - alert.RaisedAt)} min";
        }, cancellationToken);

    public Task<Outcome<Done>> ResolveAsync(ClaimsPrincipal user, Guid alertId, AlertResolution? resolution, string? note, CancellationToken cancellationToken) =>
        StepAsync(user, alertId, "resolve alert", (alert, now) =>
        {
            if (alert.Status == AlertStatus.Resolved)
            {
                return Error("status", "This alert is already resolved.");
            }

            if (resolution is not { } action || !Enum.IsDefined(action))
            {
                return Error("resolution", "Say what was done: called the patient, dose modified, referral, education, or no action needed.");
            }

            var text = note?.Trim() ?? "";
            if (text.Length is 0 or > MaxNoteLength)
            {
                return Error("note", $"Add a note (up to {MaxNoteLength} characters) saying what was done or why nothing was needed.");
            }

            if (alert.AcknowledgedAt is null)
            {
                alert.AcknowledgedAt = now;
                alert.AcknowledgedByUserId = user.RequiredUserId();
            }

            alert.Status = AlertStatus.Resolved;
            alert.ResolvedAt = now;
            alert.ResolvedByUserId = user.RequiredUserId();
            alert.Resolution = action;
            alert.ResolutionNote = text;
            return $"resolved ({action}) after {Minutes(now - alert.RaisedAt)} min";
        }, cancellationToken);

    public async Task<Outcome<Done>> AssignAsync(ClaimsPrincipal user, Guid alertId, string? assigneeUserId, CancellationToken cancellationToken)
    {
        var teamId = await db.Alerts.Where(a => a.Id == alertId).Select(a => (Guid?)a.CareTeamId).FirstOrDefaultAsync(cancellationToken);
        var colleague = teamId is not null && assigneeUserId is not null
            && await db.CareTeamMembers.AnyAsync(m => m.CareTeamId == teamId && m.UserId == assigneeUserId, cancellationToken);
        return await StepAsync(user, alertId, "reassign alert", (alert, _) =>
        {
            if (!colleague)
            {
                return Error("assignee", "Choose a clinician of the patient's care team.");
            }

            alert.AssignedToUserId = assigneeUserId;
            return $"assigned to user {assigneeUserId}";
        }, cancellationToken);
    }

    /// <summary>Runs one step: the step returns the audit detail, or errors (as <see cref="StepError"/>).</summary>
    private async Task<Outcome<Done>> StepAsync(ClaimsPrincipal user, Guid alertId, string action, Func<AlertRecord, DateTime, object> step, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return Outcome.NotFound("There is no such alert.");
        }

        var opened = await access.OpenAsync(user, alert.PatientId, PatientAccessKind.Report, action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed || !user.IsInRole(Roles.Clinician))
        {
            if (opened.Outcome == AccessOutcome.Allowed)
            {
                await audit.RecordAsync(user, action, AuditOutcome.Denied, alert.PatientId, "only care-team clinicians work alerts", cancellationToken: cancellationToken);
            }

            return Outcome.Denied("Only the patient's care-team clinicians work alerts.");
        }

        var result = step(alert, clock.GetUtcNow().UtcDateTime);
        if (result is StepError error)
        {
            db.Entry(alert).State = EntityState.Unchanged;
            await audit.RecordAsync(user, action, AuditOutcome.Invalid, alert.PatientId, $"alert {alert.Id}: {error.Field}", cancellationToken: cancellationToken);
            return Outcome.Invalid(error.Field, error.Message);
        }

        audit.Add(user, action, AuditOutcome.Success, alert.PatientId, $"alert {alert.Id} ({alert.Code}): {result}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    private static StepError Error(string field, string message) => new(field, message);

    private static string Minutes(TimeSpan span) => Math.Round(span.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    private sealed record StepError(string Field, string Message);
}
