using System.Linq.Expressions;
using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.EmergencyAccess;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Smart;
using LinqKit;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Patients;

public enum AccessOutcome
{
    Allowed,
    NotFound,
    Denied,
}

public sealed record PatientAccessResult(AccessOutcome Outcome, Patient? Patient)
{
    /// <summary>Set when a clinician outside the patient's teams sees the record under emergency access: until when.</summary>
    public DateTime? EmergencyAccessUntil { get; init; }

    public Patient AllowedPatient => Patient ?? throw new InvalidOperationException("Access was not allowed.");

    /// <summary>The outcome of a refused opening: no such patient, or <paramref name="deniedDetail"/>.</summary>
    public Failure Refusal(string deniedDetail) => Outcome == AccessOutcome.NotFound
        ? Outcomes.Outcome.NotFound("There is no such patient.")
        : Outcomes.Outcome.Denied(deniedDetail);
}

/// <summary>
/// The one gate to patient records. A patient sees only their own record, a caregiver the patients whose active
/// (not revoked, not expired) grant they hold — and reports only with the report-on-behalf scope — a clinician their
/// care teams' patients — and, read-only, a patient they opened under emergency access until it ends — an admin
/// everyone; a SMART app only what its scopes allow of that. Every refusal is audited here; successful views too (marked when under emergency access). Successful
/// reports are audited by the use case, in the same transaction as the write.
/// </summary>
public sealed class PatientAccess(CipnDbContext db, AuditLog audit, TimeProvider clock)
{
    public IQueryable<Patient> Visible(ClaimsPrincipal user) => Filter(user, reporting: false);

    public IQueryable<Patient> Reportable(ClaimsPrincipal user) => Filter(user, reporting: true);

    public async Task<PatientAccessResult> OpenAsync(ClaimsPrincipal user, Guid patientId, PatientAccessKind permission, string action, CancellationToken cancellationToken)
    {
        var asker = Asker.Of(user, reporting: permission != PatientAccessKind.View);
        // For a clinician outside the patient's teams, in the same query: the end of the emergency access that let them in.
        var outsider = permission == PatientAccessKind.View && asker.Clinician && !asker.Admin;
        var found = await OpenQuery.For(db)(db, patientId, asker.UserId, clock.GetUtcNow().UtcDateTime, asker.Admin, asker.Clinician, asker.Patient,
            asker.Caregiver, asker.Reporting, asker.ServiceTeam, asker.Only, outsider, cancellationToken);
        if (found?.Patient is { } patient)
        {
            var emergencyUntil = found.EmergencyUntil;
            if (permission == PatientAccessKind.View)
            {
                await audit.RecordAsync(user, action, AuditOutcome.Success, patientId, emergencyUntil is null ? null : EmergencyAccessGrants.Action, cancellationToken: cancellationToken);
            }

            return new(AccessOutcome.Allowed, patient) { EmergencyAccessUntil = emergencyUntil };
        }

        var exists = await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken);
        var outcome = exists ? AccessOutcome.Denied : AccessOutcome.NotFound;
        await audit.RecordAsync(
            user,
            action,
            exists ? AuditOutcome.Denied : AuditOutcome.NotFound,
            exists ? patientId : null,
            exists ? $"not permitted to {permission.ToString().ToLowerInvariant()} this patient" : $"no patient {patientId}",
            cancellationToken: cancellationToken);
        return new(outcome, null);
    }

    /// <summary>The care teams a clinician belongs to.</summary>
    public Task<List<Guid>> TeamIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        return db.CareTeamMembers.Where(m => m.UserId == userId).Select(m => m.CareTeamId).ToListAsync(cancellationToken);
    }

    private IQueryable<Patient> Filter(ClaimsPrincipal user, bool reporting)
    {
        var asker = Asker.Of(user, reporting);
        var now = clock.GetUtcNow().UtcDateTime;
        // Spliced with the asker's facts as captured values: EF evaluates them as it translates the query (they become its
        // parameters) and keeps only the parts of the rule that apply to this person (an admin's view has no condition).
        Expression<Func<Patient, bool>> allowed = p => Allows.Invoke(db, p, asker.UserId, now, asker.Admin, asker.Clinician, asker.Patient, asker.Caregiver,
            asker.Reporting, asker.ServiceTeam, asker.Only);
        return db.Patients.Where(allowed.Expand());
    }

    /// <summary>
    /// Who is asking, as the access rule reads them: the account, its roles (an admin's only when viewing), whether it
    /// reports (writes for the patient) rather than views, and what a SMART token narrows it to (Features/Smart): a backend
    /// service's registered care team, or the one launch patient.
    /// </summary>
    private readonly record struct Asker(string? UserId, bool Admin, bool Clinician, bool Patient, bool Caregiver, bool Reporting, Guid? ServiceTeam, Guid? Only)
    {
        public static Asker Of(ClaimsPrincipal user, bool reporting) => new(user.UserId(), !reporting && user.IsInRole(Roles.Admin), user.IsInRole(Roles.Clinician),
            user.IsInRole(Roles.Patient), user.IsInRole(Roles.Caregiver), reporting, SmartClaims.ClientTeamOf(user), SmartClaims.OnlyPatientOf(user));
    }

    /// <summary>
    /// The access rule, written once for <see cref="Visible"/>, <see cref="Reportable"/> and <see cref="OpenQuery"/>:
    /// whether the asker (<see cref="Asker"/>, field by field) may see or report for patient <c>p</c> at <c>now</c>. A SMART
    /// launch patient narrows everything to that patient; a SMART backend service reads its team's patients and reports
    /// for none; otherwise an admin sees everyone, a clinician their care teams' patients (and, viewing only, a patient under
    /// their unexpired emergency access), a patient their own record, a caregiver the patients of their active grants (to
    /// report, only with the report-on-behalf scope).
    /// <para>
    /// Each "the asker's teams / grants / links" is a list the patient's column must be in (SQL <c>IN</c>), not a
    /// correlated <c>EXISTS</c>: the two mean the same (the columns are never null), but PostgreSQL estimated the
    /// <c>EXISTS</c> form of the patient list's count at 10,000 patients so high that it compiled the query to machine
    /// code first (its JIT: 16 of 20 ms), while the <c>IN</c> form is a 3 ms scan (issue #17).
    /// </para>
    /// </summary>
    private static readonly Expression<Func<CipnDbContext, Patient, string?, DateTime, bool, bool, bool, bool, bool, Guid?, Guid?, bool>> Allows =
        (db, p, userId, now, admin, clinician, patient, caregiver, reporting, serviceTeam, only) =>
            (only == null || p.Id == only)
            && (serviceTeam != null
                ? !reporting && p.CareTeamId == serviceTeam
                : userId != null
                    && (admin
                        || (clinician && db.CareTeamMembers.Where(m => m.UserId == userId).Select(m => m.CareTeamId).Contains(p.CareTeamId))
                        || (clinician && !reporting && db.EmergencyAccessGrants.Where(g => g.ClinicianUserId == userId && g.ExpiresAt > now).Select(g => g.PatientId).Contains(p.Id))
                        || (patient && p.UserId == userId)
                        || (caregiver && db.CaregiverLinks.Where(l => l.CaregiverUserId == userId && l.RevokedAt == null
                            && (l.ExpiresAt == null || l.ExpiresAt > now) && (!reporting || l.Scope == CaregiverScope.ReportOnBehalf)).Select(l => l.PatientId).Contains(p.Id))));

    private sealed record Opened(Patient Patient, DateTime? EmergencyUntil);

    /// <summary>
    /// The patient if the asker may open them, with, for an <c>outsider</c> (a clinician viewing a patient outside their
    /// teams), the end of the emergency access that lets them in; compiled once (<see cref="CompiledQuery{TQuery}"/>): every
    /// request for a patient's record opens it here, and building this query was most of EF's query work per check-in
    /// (issue #17). Here the asker's facts are parameters, so the whole rule is in its SQL.
    /// </summary>
    private static readonly CompiledQuery<Func<CipnDbContext, Guid, string?, DateTime, bool, bool, bool, bool, bool, Guid?, Guid?, bool, CancellationToken, Task<Opened?>>> OpenQuery = new(() =>
    {
        Expression<Func<CipnDbContext, Guid, string?, DateTime, bool, bool, bool, bool, bool, Guid?, Guid?, bool, CancellationToken, Opened?>> query =
            (db, patientId, userId, now, admin, clinician, patient, caregiver, reporting, serviceTeam, only, outsider, _) =>
                db.Patients.AsNoTracking()
                    .Where(p => p.Id == patientId && Allows.Invoke(db, p, userId, now, admin, clinician, patient, caregiver, reporting, serviceTeam, only))
                    .Select(p => new Opened(
                        p,
                        outsider && !db.CareTeamMembers.Any(m => m.UserId == userId && m.CareTeamId == p.CareTeamId)
                            ? db.EmergencyAccessGrants.Where(g => g.ClinicianUserId == userId && g.PatientId == p.Id && g.ExpiresAt > now).Max(g => (DateTime?)g.ExpiresAt)
                            : null))
                    .FirstOrDefault();
        return EF.CompileAsyncQuery(query.Expand());
    });
}
