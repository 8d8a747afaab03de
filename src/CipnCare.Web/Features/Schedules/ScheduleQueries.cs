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
        (await ForPatientsAsync(db.Patients.Where(p => p.Id == patientId), cancellationToken))[patientId];

    /// <summary>Every given patient's schedule, from a few set-based queries (the patient list calls this for all its rows).</summary>
    public async Task<Dictionary<Guid, ScheduleView>> ForPatientsAsync(IQueryable<Patient> patients, CancellationToken cancellationToken)
    {
        var rows = await patients.Select(p => new { p.Id, p.TreatmentStatus, p.CreatedAt, Zone = db.CareTeams.Where(t => t.Id == p.CareTeamId).Select(t => t.TimeZone).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var settings = await db.ScheduleSettings.AsNoTracking().Where(s => patients.Any(p => p.Id == s.PatientId)).ToDictionaryAsync(s => s.PatientId, cancellationToken);
        var checkIns = db.Instruments.Where(i => i.Url == InstrumentLibrary.CheckInUrl).Select(i => i.Id);
        var lastCheckIns = await db.InstrumentResponses.Where(r => checkIns.Contains(r.InstrumentId) && patients.Any(p => p.Id == r.PatientId))
            .GroupBy(r => r.PatientId).Select(g => new { PatientId = g.Key, Last = g.Max(r => r.AuthoredAt) })
            .ToDictionaryAsync(x => x.PatientId, x => x.Last, cancellationToken);
        var lastDoses = await db.DoseAdministrations.Where(a => a.SupersededAt == null && patients.Any(p => p.Id == a.PatientId))
            .GroupBy(a => a.PatientId).Select(g => new { PatientId = g.Key, Last = g.Max(a => a.AdministeredAt) })
            .ToDictionaryAsync(x => x.PatientId, x => x.Last, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.ToDictionary(p => p.Id, p =>
        {
            var setting = settings.GetValueOrDefault(p.Id);
            var phase = p.TreatmentStatus is TreatmentStatus.Planned or TreatmentStatus.OnTreatment ? TreatmentPhase.During : TreatmentPhase.After;
            DateTime? ended = setting?.TreatmentEndedOn is { } on ? on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : lastDoses.TryGetValue(p.Id, out var dose) ? dose : null;
            var from = setting?.TreatmentEndedOn is not null ? "set by the care team" : ended is not null ? "last recorded dose" : "not known";
            var lastCheckIn = lastCheckIns.TryGetValue(p.Id, out var last) ? last : (DateTime?)null;
            var status = CheckInSchedule.Evaluate(new ScheduleInput(phase, ended, setting?.IntervalDays, lastCheckIn, p.CreatedAt), now);
            return new ScheduleView(status.IntervalDays, status.Plan, status.NextDue, status.State, status.Missed, setting?.IntervalDays is not null,
                ended is { } e ? (setting?.TreatmentEndedOn ?? TeamZone.FindOrUtc(p.Zone).DayOf(e)) : null, from, status.Reasons, lastCheckIn is null); // a dose's date on the team's calendar
        });
    }
}
