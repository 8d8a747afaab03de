using CipnCare.Clinical;
using CipnCare.Clinical.Schedules;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Schedules;

public sealed record ScheduleView(int? IntervalDays, string Plan, DateTime? NextDue, DueState State, int Missed, bool Custom, DateOnly? TreatmentEndedOn, string TreatmentEndedFrom, IReadOnlyList<string> Reasons, bool NeverCheckedIn);

/// <summary>Check-in schedules, for one patient or many. Callers must have opened the patients through PatientAccess.</summary>
public sealed class ScheduleQueries(CipnDbContext db, TimeProvider clock)
{
    public async Task<ScheduleView> ForPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        (await ForAsync([patientId], cancellationToken))[patientId];

    /// <summary>The given patients' schedules, from a few set-based queries (the patient list calls this for its page of rows).</summary>
    public Task<Dictionary<Guid, ScheduleView>> ForPatientsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken) =>
        ForAsync(patientIds, cancellationToken);

    /// <summary>Every patient's schedule (the reminder round).</summary>
    public Task<Dictionary<Guid, ScheduleView>> ForEveryPatientAsync(CancellationToken cancellationToken) => ForAsync(null, cancellationToken);

    /// <summary>
    /// <paramref name="only"/> the listed patients, or everyone. The listed ids filter each table directly (an IN list the
    /// patient-id indexes answer): a filter through a patients subquery made SQLite read every check-in of 10,000 patients
    /// for a page of 100 (about 200 ms, docs/benchmarks.md).
    /// </summary>
    private async Task<Dictionary<Guid, ScheduleView>> ForAsync(IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        IQueryable<Patient> patients = db.Patients;
        IQueryable<ScheduleSetting> settingRows = db.ScheduleSettings.AsNoTracking();
        IQueryable<DoseAdministration> doses = db.DoseAdministrations;
        if (only is not null)
        {
            patients = patients.Where(p => only.Contains(p.Id));
            settingRows = settingRows.Where(s => only.Contains(s.PatientId));
            doses = doses.Where(a => only.Contains(a.PatientId));
        }

        // Each patient's last check-in walks that patient's (PatientId, AuthoredAt) index from the newest: the first check-in
        // found is the one. Grouping all their responses by instrument read each patient's whole history (3.8 ms a page of
        // 100 at 52 check-ins each on SQLite, issue #17), and a filter on the instrument over all patients at once let
        // SQLite's planner pick the instrument index and read every check-in there is.
        var checkIns = await db.Instruments.Where(i => i.Url == InstrumentLibrary.CheckInUrl).Select(i => i.Id).ToListAsync(cancellationToken);
        var rows = await patients.Select(p => new
        {
            p.Id,
            p.TreatmentStatus,
            p.CreatedAt,
            Zone = db.CareTeams.Where(t => t.Id == p.CareTeamId).Select(t => t.TimeZone).FirstOrDefault(),
            LastCheckIn = db.InstrumentResponses.Where(r => r.PatientId == p.Id && checkIns.Contains(r.InstrumentId))
                .OrderByDescending(r => r.AuthoredAt).Select(r => (DateTime?)r.AuthoredAt).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        var settings = await settingRows.ToDictionaryAsync(s => s.PatientId, cancellationToken);
        var lastDoses = await doses.Where(a => a.SupersededAt == null)
            .GroupBy(a => a.PatientId).Select(g => new { PatientId = g.Key, Last = g.Max(a => a.AdministeredAt) })
            .ToDictionaryAsync(x => x.PatientId, x => x.Last, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.ToDictionary(p => p.Id, p =>
        {
            var setting = settings.GetValueOrDefault(p.Id);
            var phase = p.TreatmentStatus is TreatmentStatus.Planned or TreatmentStatus.OnTreatment ? TreatmentPhase.During : TreatmentPhase.After;
            DateTime? ended = setting?.TreatmentEndedOn is { } on ? on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : lastDoses.TryGetValue(p.Id, out var dose) ? dose : null;
            var from = setting?.TreatmentEndedOn is not null ? "set by the care team" : ended is not null ? "last recorded dose" : "not known";
            var lastCheckIn = p.LastCheckIn;
            var status = CheckInSchedule.Evaluate(new ScheduleInput(phase, ended, setting?.IntervalDays, lastCheckIn, p.CreatedAt), now);
            return new ScheduleView(status.IntervalDays, status.Plan, status.NextDue, status.State, status.Missed, setting?.IntervalDays is not null,
                ended is { } e ? (setting?.TreatmentEndedOn ?? TeamZone.FindOrUtc(p.Zone).DayOf(e)) : null, from, status.Reasons, lastCheckIn is null); // a dose's date on the team's calendar
        });
    }
}
