using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.EmergencyAccess;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Smart;
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
    public IQueryable<Patient> Visible(ClaimsPrincipal user) => Filter(user, includeAdmin: true);

    public IQueryable<Patient> Reportable(ClaimsPrincipal user) => Filter(user, includeAdmin: false);

    public async Task<PatientAccessResult> OpenAsync(ClaimsPrincipal user, Guid patientId, PatientAccessKind permission, string action, CancellationToken cancellationToken)
    {
        var query = permission == PatientAccessKind.View ? Visible(user) : Reportable(user);
        var userId = user.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var outsider = permission == PatientAccessKind.View && user.IsInRole(Roles.Clinician) && !user.IsInRole(Roles.Admin);

        // In the same query: for a clinician outside the patient's teams, the end of the emergency access that let them in.
        var found = await query.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new
            {
                Patient = p,
                EmergencyUntil = outsider && !db.CareTeamMembers.Any(m => m.UserId == userId && m.CareTeamId == p.CareTeamId)
                    ? db.EmergencyAccessGrants.Where(g => g.ClinicianUserId == userId && g.PatientId == p.Id && g.ExpiresAt > now).Max(g => (DateTime?)g.ExpiresAt)
                    : null,
            })
            .FirstOrDefaultAsync(cancellationToken);
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

    private IQueryable<Patient> Filter(ClaimsPrincipal user, bool includeAdmin)
    {
        // A SMART app whose scope reaches only its launch patient sees that patient, if the person may (Features/Smart).
        return SmartClaims.OnlyPatientOf(user) is { } only
            ? ByRole(user, includeAdmin).Where(p => p.Id == only)
            : ByRole(user, includeAdmin);
    }

    private IQueryable<Patient> ByRole(ClaimsPrincipal user, bool includeAdmin)
    {
        // A SMART backend service reads its registered care team's patients, and writes nothing.
        if (SmartClaims.ClientTeamOf(user) is { } serviceTeam)
        {
            return includeAdmin ? db.Patients.Where(p => p.CareTeamId == serviceTeam) : db.Patients.Where(_ => false);
        }

        var userId = user.UserId();
        if (userId is null)
        {
            return db.Patients.Where(_ => false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reporting = !includeAdmin;
        var admin = includeAdmin && user.IsInRole(Roles.Admin);
        var clinician = user.IsInRole(Roles.Clinician);
        var patient = user.IsInRole(Roles.Patient);
        var caregiver = user.IsInRole(Roles.Caregiver);
        if (admin)
        {
            return db.Patients;
        }

        return db.Patients.Where(p =>
            (clinician && db.CareTeamMembers.Any(m => m.UserId == userId && m.CareTeamId == p.CareTeamId))
            || (clinician && !reporting && db.EmergencyAccessGrants.Any(g => g.ClinicianUserId == userId && g.PatientId == p.Id && g.ExpiresAt > now))
            || (patient && p.UserId == userId)
            || (caregiver && db.CaregiverLinks.Any(l => l.CaregiverUserId == userId && l.PatientId == p.Id && l.RevokedAt == null
                && (l.ExpiresAt == null || l.ExpiresAt > now) && (!reporting || l.Scope == CaregiverScope.ReportOnBehalf))));
    }
}
