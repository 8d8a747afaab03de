using CipnCare.Clinical;
using CipnCare.Clinical.Schedules;
using CipnCare.Web.Data;
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
    /// <paramref name="only"/> the listed patients, or everyone, in one query: each patient's setting, last check-in and
    /// last dose are subqueries on that patient's own index (the patient list's page made four reads of this before, and
    /// each read is a round trip, issue #17). Each patient's last check-in walks their (PatientId, AuthoredAt) index from
    /// the newest: the first check-in found is the one. Grouping all their responses by instrument read each patient's
    /// whole history (3.8 ms a page of 100 at 52 check-ins each on SQLite); a filter on the instrument over all patients at
    /// once let SQLite's planner pick the instrument index and read every check-in there is (about 200 ms,
    /// docs/benchmarks.md).
    /// </summary>
    private async Task<Dictionary<Guid, ScheduleView>> ForAsync(IReadOnlyCollection<Guid>? only, CancellationToken cancellationToken)
    {
        var patients = only is null ? db.Patients : db.Patients.Where(p => only.Contains(p.Id));
        var checkIns = InstrumentLibrary.CheckInVersions(db);
        var rows = await patients.Select(p => new
        {
            p.Id,
            p.TreatmentStatus,
            p.CreatedAt,
            Zone = db.CareTeams.Where(t => t.Id == p.CareTeamId).Select(t => t.TimeZone).FirstOrDefault(),
            // One subquery a column: a row of two would be an APPLY, which SQLite has not.
            IntervalDays = db.ScheduleSettings.Where(s => s.PatientId == p.Id).Select(s => s.IntervalDays).FirstOrDefault(),
            TreatmentEndedOn = db.ScheduleSettings.Where(s => s.PatientId == p.Id).Select(s => s.TreatmentEndedOn).FirstOrDefault(),
            LastCheckIn = db.InstrumentResponses
                .Where(r => r.PatientId == p.Id && checkIns.Contains(r.InstrumentId))
                .OrderByDescending(r => r.AuthoredAt).Select(r => (DateTime?)r.AuthoredAt).FirstOrDefault(),
            LastDose = db.DoseAdministrations.Where(a => a.PatientId == p.Id && a.SupersededAt == null)
                .OrderByDescending(a => a.AdministeredAt).Select(a => (DateTime?)a.AdministeredAt).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.ToDictionary(p => p.Id, p =>
        {
            var phase = p.TreatmentStatus is TreatmentStatus.Planned or TreatmentStatus.OnTreatment ? TreatmentPhase.During : TreatmentPhase.After;
            DateTime? ended = p.TreatmentEndedOn is { } on ? on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : p.LastDose;
            var from = p.TreatmentEndedOn is not null ? "set by the care team" : ended is not null ? "last recorded dose" : "not known";
            var status = CheckInSchedule.Evaluate(new ScheduleInput(phase, ended, p.IntervalDays, p.LastCheckIn, p.CreatedAt), now);
            return new ScheduleView(status.IntervalDays, status.Plan, status.NextDue, status.State, status.Missed, p.IntervalDays is not null,
                ended is { } e ? (p.TreatmentEndedOn ?? TeamZone.FindOrUtc(p.Zone).DayOf(e)) : null, from, status.Reasons, p.LastCheckIn is null); // a dose's date on the team's calendar
        });
    }
}
