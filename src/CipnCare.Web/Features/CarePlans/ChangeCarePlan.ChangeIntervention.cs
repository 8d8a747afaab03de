using System.Security.Claims;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>Changes to a recorded intervention: its guideline entry, and stopping it.</summary>
public sealed partial class ChangeCarePlan
{
    /// <summary>Picks (or clears, with no code) the ASCO 2020 entry an intervention is rated by: care team only, audited.</summary>
    public Task<Outcome<Guid>> SetEvidenceAsync(ClaimsPrincipal user, Guid patientId, Guid interventionId, string? evidenceCode, CancellationToken cancellationToken) =>
        ChangeInterventionAsync(user, patientId, interventionId, "set intervention evidence", (_, errors) => EvidenceCode(errors, evidenceCode),
            intervention => intervention.EvidenceCode = Clean(evidenceCode), cancellationToken);

    private static void EvidenceCode(Dictionary<string, string> errors, string? code)
    {
        if (Clean(code) is { } given && InterventionEvidence.Find(given) is null)
        {
            errors["evidenceCode"] = "Pick the guideline entry from the list, or “not rated”.";
        }
    }

    public Task<Outcome<Guid>> StopInterventionAsync(ClaimsPrincipal user, Guid patientId, Guid interventionId, DateOnly? stoppedOn, CancellationToken cancellationToken) =>
        ChangeInterventionAsync(user, patientId, interventionId, "stop intervention", (intervention, errors) =>
        {
            Date(errors, "stoppedOn", stoppedOn, "stop");
            if (stoppedOn < intervention.StartedOn)
            {
                errors["stoppedOn"] = "The stop date cannot be before the start date.";
            }
        }, intervention => intervention.StoppedOn = stoppedOn, cancellationToken);

    /// <summary>A clinician's change to one recorded intervention: opened, found, checked, applied and saved with its audit.</summary>
    private async Task<Outcome<Guid>> ChangeInterventionAsync(ClaimsPrincipal user, Guid patientId, Guid interventionId, string action,
        Action<Intervention, Dictionary<string, string>> check, Action<Intervention> apply, CancellationToken cancellationToken)
    {
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var intervention = await db.Interventions.FirstOrDefaultAsync(i => i.Id == interventionId && i.PatientId == patientId, cancellationToken);
        if (intervention is null)
        {
            return Outcome.NotFound("There is no such intervention on this care plan.");
        }

        var errors = new Dictionary<string, string>();
        check(intervention, errors);
        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        apply(intervention);
        intervention.UpdatedAt = Now;
        return await SavedAsync(user, patientId, action, intervention.Id, cancellationToken);
    }
}
