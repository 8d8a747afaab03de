using System.Security.Claims;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>Ratings of interventions (relief and side effects) by whoever may report for the patient.</summary>
public sealed partial class ChangeCarePlan
{
    // Patients and carers rate: what they can get wrong is told through the constructor's IStringLocalizer<ChangeCarePlan> L.

    /// <summary>One rating; errors are keyed <c>relief</c>, <c>sideEffects</c>, <c>note</c>.</summary>
    public Task<Outcome<Guid>> RateAsync(ClaimsPrincipal user, Guid patientId, Guid interventionId, NewRating input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RateAllAsync(user, patientId, [(interventionId, input)], keyByIntervention: false, cancellationToken);
    }

    /// <summary>
    /// Several ratings given together (after a check-in): all are stored, or none. Errors are keyed
    /// <c>relief-{interventionId}</c>, <c>sideEffects-{interventionId}</c>, <c>note-{interventionId}</c>.
    /// </summary>
    public Task<Outcome<Guid>> RateEachAsync(ClaimsPrincipal user, Guid patientId, IReadOnlyList<(Guid InterventionId, NewRating Rating)> ratings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfZero(ratings.Count);
        return RateAllAsync(user, patientId, ratings, keyByIntervention: true, cancellationToken);
    }

    private async Task<Outcome<Guid>> RateAllAsync(ClaimsPrincipal user, Guid patientId, IReadOnlyList<(Guid InterventionId, NewRating Rating)> ratings, bool keyByIntervention, CancellationToken cancellationToken)
    {
        const string action = "rate intervention";
        if (await OpenAsync(user, patientId, action, clinicianOnly: false, cancellationToken) is { } refused)
        {
            return refused;
        }

        var ids = ratings.Select(r => r.InterventionId).Distinct().ToList();
        if (await db.Interventions.CountAsync(i => i.PatientId == patientId && ids.Contains(i.Id), cancellationToken) != ids.Count)
        {
            return Outcome.NotFound(L["There is no such intervention on this care plan."]);
        }

        var errors = new Dictionary<string, string>();
        foreach (var (id, input) in ratings)
        {
            var suffix = keyByIntervention ? $"-{id}" : "";
            if (input.Relief is not (>= 0 and <= InterventionEffects.MaxRelief))
            {
                errors[$"relief{suffix}"] = L["Choose how much it helps, from 0 (not at all) to 10 (completely)."];
            }

            if (input.SideEffects is not (>= 0 and <= InterventionEffects.MaxSideEffects))
            {
                errors[$"sideEffects{suffix}"] = L["Choose the side effects: none, mild, moderate or severe."];
            }

            Optional(errors, $"note{suffix}", input.Note, MaxLong);
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var name = await NameAsync(user, cancellationToken);
        var records = ratings.Select(r => new InterventionRatingRecord
        {
            Id = Guid.CreateVersion7(),
            InterventionId = r.InterventionId,
            PatientId = patientId,
            RatedAt = Now,
            Relief = r.Rating.Relief!.Value,
            SideEffects = r.Rating.SideEffects!.Value,
            Note = Clean(r.Rating.Note),
            RatedByName = name,
            RatedByRole = user.ReportingRole(),
        }).ToList();
        db.InterventionRatings.AddRange(records);
        foreach (var record in records.Skip(1))
        {
            audit.Add(user, action, AuditOutcome.Success, patientId, record.Id.ToString());
        }

        return await SavedAsync(user, patientId, action, records[0].Id, cancellationToken);
    }
}
