using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>An intervention recorded by the care team, with the ASCO 2020 entry it is rated by.</summary>
public sealed partial class ChangeCarePlan
{
    public async Task<Outcome<Guid>> AddInterventionAsync(ClaimsPrincipal user, Guid patientId, NewIntervention input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "record intervention";
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors["type"] = "Choose the kind of intervention.";
        }

        Required(errors, "name", input.Name, 200, "Name the intervention (for example “duloxetine” or “balance class”).");
        Optional(errors, "dose", input.Dose, 100);
        Optional(errors, "provider", input.Provider, 200);
        Optional(errors, "note", input.Note, MaxLong);
        Date(errors, "startedOn", input.StartedOn, "start");
        if (input is { StartedOn: { } start, StoppedOn: { } stop } && stop < start)
        {
            errors["stoppedOn"] = "The stop date cannot be before the start date.";
        }

        EvidenceCode(errors, input.EvidenceCode);
        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var intervention = new Intervention
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Type = input.Type!.Value,
            Name = input.Name!.Trim(),
            Dose = Clean(input.Dose),
            Provider = Clean(input.Provider),
            StartedOn = input.StartedOn!.Value,
            StoppedOn = input.StoppedOn,
            Note = Clean(input.Note),
            EvidenceCode = Clean(input.EvidenceCode),
            RecordedByUserId = user.RequiredUserId(),
            RecordedAt = Now,
            UpdatedAt = Now,
        };
        db.Interventions.Add(intervention);
        return await SavedAsync(user, patientId, action, intervention.Id, cancellationToken);
    }
}
