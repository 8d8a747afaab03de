using System.Security.Claims;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Alerts;

public sealed record AlertView(
    Guid Id,
    Guid PatientId,
    string PatientName,
    string Mrn,
    AlertCode Code,
    AlertSeverity Severity,
    string Title,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Suggestions,
    DateTime RaisedAt,
    AlertStatus Status,
    string? AssignedTo,
    DateTime? AcknowledgedAt,
    TimeSpan? TimeToAcknowledge,
    DateTime? ResolvedAt,
    AlertResolution? Resolution,
    string? ResolutionNote,
    bool New);

public sealed record WorklistFilter(AlertSeverity? Severity = null, bool IncludeResolved = false, bool MineOnly = false);

/// <summary>The worklist: at most <see cref="AlertQueries.MaxShown"/> alerts (most severe, oldest first); counts cover them all.</summary>
public sealed record Worklist(IReadOnlyList<AlertView> Alerts, int Urgent, int High, int Routine, int NewSinceLastLook, DateTime? LastLooked, int Total);

/// <summary>Alerts for the caller's care teams (the worklist) and for one patient. Reads are audited.</summary>
public sealed class AlertQueries(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock)
{
    public const int MaxShown = 200;

    /// <summary>Open and acknowledged alerts of the caller's teams, most severe first, then oldest first; marks the visit.</summary>
    public async Task<Worklist> WorklistAsync(ClaimsPrincipal user, WorklistFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var userId = user.RequiredUserId();
        var teams = await access.TeamIdsAsync(user, cancellationToken);
        var query = db.Alerts.AsNoTracking().Where(a => teams.Contains(a.CareTeamId));
        if (!filter.IncludeResolved)
        {
            query = query.Where(a => a.Status != AlertStatus.Resolved);
        }

        if (filter.Severity is { } severity)
        {
            query = query.Where(a => a.Severity == severity);
        }

        if (filter.MineOnly)
        {
            query = query.Where(a => a.AssignedToUserId == userId);
        }

        var visit = await db.WorklistVisits.FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);
        var lastLooked = visit?.LastSeenAt;
        var counts = await query.GroupBy(a => a.Severity).Select(g => new { Severity = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var newCount = lastLooked is null ? counts.Sum(c => c.Count) : await query.CountAsync(a => a.RaisedAt > lastLooked, cancellationToken);
        var alerts = await ViewsAsync(query.OrderByDescending(a => a.Severity).ThenBy(a => a.RaisedAt).Take(MaxShown), lastLooked, cancellationToken);
        int Count(AlertSeverity severity) => counts.FirstOrDefault(c => c.Severity == severity)?.Count ?? 0;

        var now = clock.GetUtcNow().UtcDateTime;
        if (visit is null)
        {
            db.WorklistVisits.Add(new WorklistVisit { UserId = userId, LastSeenAt = now });
        }
        else
        {
            visit.LastSeenAt = now;
        }

        audit.Add(user, "read worklist", AuditOutcome.Success, detail: $"{alerts.Count} alerts of {alerts.Select(a => a.PatientId).Distinct().Count()} patients");
        await db.SaveChangesAsync(cancellationToken);
        return new(alerts, Count(AlertSeverity.Urgent), Count(AlertSeverity.High), Count(AlertSeverity.Routine), newCount, lastLooked, counts.Sum(c => c.Count));
    }

    /// <summary>One patient's alerts, open first. The caller must have opened the patient through PatientAccess.</summary>
    public Task<List<AlertView>> ForPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        ViewsAsync(db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.Status == AlertStatus.Resolved).ThenByDescending(a => a.Severity).ThenByDescending(a => a.RaisedAt), null, cancellationToken);

    private async Task<List<AlertView>> ViewsAsync(IQueryable<AlertRecord> alerts, DateTime? lastLooked, CancellationToken cancellationToken)
    {
        var rows = await alerts
            .Join(db.Patients, a => a.PatientId, p => p.Id, (a, p) => new { Alert = a, p.GivenName, p.FamilyName, p.Mrn })
            .GroupJoin(db.Users, x => x.Alert.AssignedToUserId, u => u.Id, (x, u) => new { x.Alert, x.GivenName, x.FamilyName, x.Mrn, Assigned = u })
            .SelectMany(x => x.Assigned.DefaultIfEmpty(), (x, u) => new { x.Alert, x.GivenName, x.FamilyName, x.Mrn, AssignedTo = u == null ? null : u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AlertView(
            r.Alert.Id, r.Alert.PatientId, $"{r.GivenName} {r.FamilyName}", r.Mrn, r.Alert.Code, r.Alert.Severity, r.Alert.Title,
            Lines(r.Alert.Evidence), Lines(r.Alert.Suggestions), r.Alert.RaisedAt, r.Alert.Status, r.AssignedTo, r.Alert.AcknowledgedAt,
            r.Alert.AcknowledgedAt - r.Alert.RaisedAt, r.Alert.ResolvedAt, r.Alert.Resolution, r.Alert.ResolutionNote,
            lastLooked is null || r.Alert.RaisedAt > lastLooked)).ToList();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
