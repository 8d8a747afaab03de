using System.Security.Claims;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Schedules;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Patients;

/// <summary>Reads of patients, always through <see cref="PatientAccess"/> and always audited.</summary>
public sealed class PatientQueries(CipnDbContext db, PatientAccess access, AuditLog audit, ScheduleQueries schedules)
{
    public const int MaxSearchLength = 100;

    /// <summary>Patients per page when the caller does not say (the page and the API).</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 500;

    /// <summary>
    /// One page of the caller's patients (by family name, then given name) with their latest check-in and its change,
    /// read and scored on the server for that page only (issue #17); <paramref name="search"/> matches name or MRN.
    /// </summary>
    public async Task<PatientList> ListAsync(ClaimsPrincipal user, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var query = access.Visible(user).AsNoTracking();
        var term = search?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            term = term.Length > MaxSearchLength ? term[..MaxSearchLength] : term;
            var like = $"%{term.ToLowerInvariant()}%";
#pragma warning disable CA1304, CA1311, CA1862 // An expression tree EF translates to SQL lower(); culture does not apply.
            query = query.Where(p => EF.Functions.Like(p.GivenName.ToLower() + " " + p.FamilyName.ToLower(), like)
                || EF.Functions.Like(p.Mrn.ToLower(), like));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var codes = CheckInSummary.ChangeCodes;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                p.Id,
                p.Mrn,
                p.GivenName,
                p.FamilyName,
                p.BirthDate,
                p.Diagnosis,
                p.TreatmentStatus,
                Team = db.CareTeams.Where(t => t.Id == p.CareTeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // Each listed patient's two latest check-ins, each found by walking that patient's (PatientId, AuthoredAt) index from
        // the newest (no APPLY: SQLite has none). A filter over all listed patients' check-ins at once let SQLite's planner take
        // the instrument index and read every check-in there is (170 ms at 10,000 patients, docs/benchmarks.md).
        var listed = rows.Select(r => r.Id).ToList();
        var checkIns = InstrumentLibrary.CheckInVersions(db);
        var newest = db.InstrumentResponses.OrderByDescending(r => r.AuthoredAt).ThenByDescending(r => r.Id);
        var latestIds = await db.Patients.Where(p => listed.Contains(p.Id))
            .Select(p => new
            {
                Latest = newest.Where(r => r.PatientId == p.Id && checkIns.Contains(r.InstrumentId)).Select(r => (Guid?)r.Id).FirstOrDefault(),
                Previous = newest.Where(r => r.PatientId == p.Id && checkIns.Contains(r.InstrumentId)).Select(r => (Guid?)r.Id).Skip(1).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var latestTwoIds = latestIds.SelectMany(l => new[] { l.Latest, l.Previous }).OfType<Guid>().ToList();
        var latestTwo = await db.InstrumentResponses.Where(r => latestTwoIds.Contains(r.Id))
            .Select(r => new { r.Id, r.PatientId, r.AuthoredAt, Version = db.Instruments.Where(i => i.Id == r.InstrumentId).Select(i => i.Version).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var responseIds = latestTwo.Select(r => r.Id).ToList();
        var scores = (await db.ResponseScores.AsNoTracking().Where(s => responseIds.Contains(s.ResponseId) && codes.Contains(s.Code)).Select(s => new { s.ResponseId, s.Code, s.Value }).ToListAsync(cancellationToken))
            .ToLookup(s => s.ResponseId);
        var scheduleByPatient = await schedules.ForPatientsAsync(listed, cancellationToken);
        var latestByPatient = latestTwo.OrderByDescending(r => r.AuthoredAt).ThenByDescending(r => r.Id).ToLookup(r => r.PatientId);

        await audit.RecordAsync(user, "list patients", AuditOutcome.Success, detail: $"{rows.Count} of {total} patients, page {page}{(string.IsNullOrEmpty(term) ? "" : " (search)")}", cancellationToken: cancellationToken);

        return new PatientList(rows.Select(r =>
        {
            var responses = latestByPatient[r.Id].ToList();
            var points = responses.Select(l => CheckInSummary.Point(code => scores[l.Id].FirstOrDefault(s => s.Code == code)?.Value, l.Version)).ToList();
            var latest = points.ElementAtOrDefault(0);
            return new PatientRow(
                r.Id, r.Mrn, $"{r.GivenName} {r.FamilyName}", r.BirthDate, r.Diagnosis, r.TreatmentStatus, r.Team ?? "",
                responses.FirstOrDefault()?.AuthoredAt, latest?.SymptomScore, latest?.SensoryGrade, latest?.MotorGrade,
                latest is null ? null : CheckInChange.Between(points.ElementAtOrDefault(1), latest),
                scheduleByPatient[r.Id]);
        }).ToList(), total, page, pageSize);
    }

    /// <summary>Opens one patient for viewing (audited) with their care team's name and phone.</summary>
    public async Task<(AccessOutcome Outcome, PatientView? Patient)> GetAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.View, action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return (opened.Outcome, null);
        }

        var patient = opened.AllowedPatient;
        var team = await db.CareTeams.AsNoTracking().Where(t => t.Id == patient.CareTeamId)
            .Select(t => new { t.Name, t.Phone, t.ReviewHours, t.EmergencyNumber, t.CrisisLine, t.SpanishReviewHours, t.SpanishCrisisLine }).FirstAsync(cancellationToken);
        var contact = new TeamContact(team.ReviewHours, team.EmergencyNumber, team.CrisisLine, team.SpanishReviewHours, team.SpanishCrisisLine);
        return (AccessOutcome.Allowed, PatientView.From(patient, team.Name, team.Phone) with { Contact = contact, EmergencyAccessUntil = opened.EmergencyAccessUntil });
    }

    /// <summary>
    /// Other systems' identifiers of the given patients (access is checked by the caller), in the order they were sent;
    /// for staff only — an EHR may send personal numbers (social security, insurance), so patients and carers see the MRN alone.
    /// </summary>
    public async Task<ILookup<Guid, IdentifierValue>> IdentifiersAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken) =>
        (SeesOtherIdentifiers(user)
            ? await db.PatientIdentifiers.AsNoTracking().Where(i => patientIds.Contains(i.PatientId)).OrderBy(i => i.Id).ToListAsync(cancellationToken)
            : [])
        .ToLookup(i => i.PatientId, i => new IdentifierValue(i.System, i.Value));

    public static bool SeesOtherIdentifiers(ClaimsPrincipal user) => user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Admin);

    /// <summary>
    /// Every saved version of an opened patient's registration, newest first (access is checked by the caller). A patient
    /// registered before versions were kept has one: as the registration is now.
    /// </summary>
    public async Task<List<PatientView>> HistoryAsync(ClaimsPrincipal user, PatientView current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var staff = SeesOtherIdentifiers(user);
        var versions = await db.PatientVersions.AsNoTracking().Where(v => v.PatientId == current.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        var views = versions.Select(v => v.ToView()).ToList();
        var teamIds = views.Select(v => v.CareTeamId).Distinct().ToList();
        var teams = await db.CareTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        views = views.Select(v => v with { CareTeamName = teams[v.CareTeamId].Name, CareTeamPhone = teams[v.CareTeamId].Phone, Identifiers = staff ? v.Identifiers : [] }).ToList();
        return views.Count > 0 && views[0].Version == current.Version ? views : [current, .. views];
    }

    /// <summary>The clinicians of a care team (id and name), for assigning work.</summary>
    public async Task<List<(string Id, string Name)>> TeamCliniciansAsync(Guid careTeamId, CancellationToken cancellationToken) =>
        (await db.CareTeamMembers.AsNoTracking().Where(m => m.CareTeamId == careTeamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName }).OrderBy(u => u.DisplayName).ToListAsync(cancellationToken))
        .Select(u => (u.Id, u.DisplayName)).ToList();

    /// <summary>Whether the caller may report symptoms for the patient (no audit: it decides what buttons to show).</summary>
    public Task<bool> CanReportAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken) =>
        access.Reportable(user).AnyAsync(p => p.Id == patientId, cancellationToken);
}
