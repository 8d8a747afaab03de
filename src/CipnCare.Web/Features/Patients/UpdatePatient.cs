using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Patients;

/// <summary>
/// Changes a patient's registration (FHIR <c>PUT Patient/{id}</c>): the clinicians of the patient's team and admins.
/// The change names the version it was made against; a change to an older version is refused as stale, so two
/// systems never overwrite each other unseen. A diagnosis, treatment status or care team left out stays as it is;
/// moving a patient to another team needs an admin or a clinician of that team. Each saved change is a new version.
/// </summary>
public sealed class UpdatePatient(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock, LocalTimes times)
{
    public const string Action = "update patient";

    public async Task<Outcome<Patient>> HandleAsync(ClaimsPrincipal user, Guid patientId, int? expectedVersion, NewPatient input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await OpenAsync(user, patientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var patient = await db.Patients.FirstAsync(p => p.Id == patientId, cancellationToken);
        if (expectedVersion is { } expected && expected != patient.Version)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, $"stale version {expected} (now {patient.Version})", cancellationToken: cancellationToken);
            return Stale(patientId, patient.Version, expected);
        }

        var merged = input with
        {
            Diagnosis = input.Diagnosis ?? patient.Diagnosis,
            TreatmentStatus = input.TreatmentStatus ?? patient.TreatmentStatus,
            CareTeamId = input.CareTeamId ?? patient.CareTeamId,
        };
        var errors = CreatePatient.Validate(merged, (await times.ForTeamAsync(patient.CareTeamId, cancellationToken)).Today(clock));
        var team = merged.CareTeamId!.Value;
        if (team != patient.CareTeamId)
        {
            if (!await db.CareTeams.AnyAsync(t => t.Id == team, cancellationToken))
            {
                errors["careTeamId"] = $"There is no care team {team}.";
            }
            else if (!user.IsInRole(Roles.Admin) && !(await access.TeamIdsAsync(user, cancellationToken)).Contains(team))
            {
                await audit.RecordAsync(user, Action, AuditOutcome.Denied, patientId, "care team not permitted", cancellationToken: cancellationToken);
                return Outcome.Denied("You may move a patient only to one of your own care teams.");
            }
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, patientId, errors, cancellationToken);
        }

        var identifiers = CreatePatient.Distinct(merged.OtherIdentifiers);
        if (await CreatePatient.DuplicateAsync(db, patientId, merged.Mrn!.Trim(), merged.MrnSystem, identifiers, cancellationToken) is { } duplicate)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, "duplicate identifier", cancellationToken: cancellationToken);
            return duplicate;
        }

        var stored = await db.PatientIdentifiers.Where(i => i.PatientId == patientId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        await PatientVersioning.KeepCurrentAsync(db, patient, stored.Select(i => new IdentifierValue(i.System, i.Value)).ToList(), cancellationToken);
        var readVersion = patient.Version;
        CreatePatient.Apply(patient, merged);
        db.PatientIdentifiers.RemoveRange(stored);
        db.PatientIdentifiers.AddRange(identifiers.Select(i => new PatientIdentifier { Id = Guid.CreateVersion7(), PatientId = patientId, System = i.System, Value = i.Value }));
        PatientVersioning.Next(db, patient, identifiers, user.UserId(), clock.GetUtcNow().UtcDateTime);
        audit.Add(user, Action, AuditOutcome.Success, patientId, $"version {patient.Version}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another change saved the same next version between our read and our write (PatientVersioning.Next).
            if (await ChangedSinceAsync(patientId, readVersion, cancellationToken) is not { } now)
            {
                throw;
            }

            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, $"stale version {readVersion} (now {now})", cancellationToken: cancellationToken);
            return Stale(patientId, now, readVersion);
        }

        return Outcome.Ok(patient);
    }

    /// <summary>The version now stored when it is no longer <paramref name="read"/>; null when nothing else changed it.</summary>
    private async Task<int?> ChangedSinceAsync(Guid patientId, int read, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => p.Version).FirstAsync(cancellationToken);
        return now == read ? null : now;
    }

    private static Failure Stale(Guid patientId, int current, int sent) =>
        Outcome.Stale($"Patient/{patientId} is at version {current}, but the change was made to version {sent}: read it again and repeat the change.");

    private async Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Admin))
        {
            if (await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
            {
                return null;
            }

            await audit.RecordAsync(user, Action, AuditOutcome.NotFound, detail: $"no patient {patientId}", cancellationToken: cancellationToken);
            return Outcome.NotFound("There is no such patient.");
        }

        // Clinicians change their teams' patients only (Report access is the team gate); patients and carers never.
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, Action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return opened.Refusal(OnlyTeam);
        }

        if (user.IsInRole(Roles.Clinician))
        {
            return null;
        }

        await audit.RecordAsync(user, Action, AuditOutcome.Denied, patientId, "only the care team changes the registration", cancellationToken: cancellationToken);
        return Outcome.Denied(OnlyTeam);
    }

    private const string OnlyTeam = "Only the patient's care team and admins may change the registration.";
}
