using System.Security.Claims;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Patients;

/// <summary>Reads of patients, always through <see cref="PatientAccess"/> and always audited.</summary>
public sealed class PatientQueries(CipnDbContext db, PatientAccess access, AuditLog audit)
{
    public const int MaxSearchLength = 100;

    /// <summary>The caller's patients with their latest check-in and its change; <paramref name="search"/> matches name or MRN.</summary>
    public async Task<List<PatientRow>> ListAsync(ClaimsPrincipal user, string? search, CancellationToken cancellationToken)
    {
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

        var rows = await query
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
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
                Latest = p.CheckIns.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id).Take(2)
                    .Select(c => new { c.SubmittedAt, c.TotalScore, c.SensoryGrade, c.MotorGrade }).ToList(),
            })
            .ToListAsync(cancellationToken);

        await audit.RecordAsync(user, "list patients", AuditOutcome.Success, detail: $"{rows.Count} patients{(string.IsNullOrEmpty(term) ? "" : " (search)")}", cancellationToken: cancellationToken);

        return rows.Select(r =>
        {
            var latest = r.Latest.ElementAtOrDefault(0);
            var previous = r.Latest.ElementAtOrDefault(1);
            return new PatientRow(
                r.Id, r.Mrn, $"{r.GivenName} {r.FamilyName}", r.BirthDate, r.Diagnosis, r.TreatmentStatus, r.Team ?? "",
                latest?.SubmittedAt, latest?.TotalScore, latest?.SensoryGrade, latest?.MotorGrade,
                latest is null ? null : CheckInChange.Between(
                    previous is null ? null : new CheckInPoint(previous.TotalScore, previous.SensoryGrade, previous.MotorGrade),
                    new CheckInPoint(latest.TotalScore, latest.SensoryGrade, latest.MotorGrade)));
        }).ToList();
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
        var team = await db.CareTeams.AsNoTracking().Where(t => t.Id == patient.CareTeamId).Select(t => new { t.Name, t.Phone }).FirstAsync(cancellationToken);
        return (AccessOutcome.Allowed, PatientView.From(patient, team.Name, team.Phone));
    }

    /// <summary>Whether the caller may report symptoms for the patient (no audit: it decides what buttons to show).</summary>
    public Task<bool> CanReportAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken) =>
        access.Reportable(user).AnyAsync(p => p.Id == patientId, cancellationToken);
}
