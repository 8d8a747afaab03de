using System.Security.Claims;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>A goal's review at a visit: GAS level −2…+2, note and status.</summary>
public sealed partial class ChangeCarePlan
{
    public async Task<Outcome<Guid>> ReviewGoalAsync(ClaimsPrincipal user, Guid patientId, Guid goalId, NewGoalReview input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "review goal";
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var goal = await db.Goals.FirstOrDefaultAsync(g => g.Id == goalId && g.PatientId == patientId, cancellationToken);
        if (goal is null)
        {
            return Outcome.NotFound("There is no such goal on this care plan.");
        }

        var errors = new Dictionary<string, string>();
        if (input.Level is not { } level || !GoalAttainment.IsLevel(level))
        {
            errors["level"] = "Choose the level reached, from −2 (much less than expected) to +2 (much more).";
        }

        Date(errors, "reviewedOn", input.ReviewedOn, "review");
        Optional(errors, "note", input.Note, MaxLong);
        if (input.Status is { } chosen && !Enum.IsDefined(chosen))
        {
            errors["status"] = "Choose the goal's status: active, achieved or stopped.";
        }
        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var review = new GoalReview
        {
            Id = Guid.CreateVersion7(),
            GoalId = goalId,
            PatientId = patientId,
            ReviewedOn = input.ReviewedOn!.Value,
            Level = input.Level!.Value,
            Note = Clean(input.Note),
            ReviewedByName = await NameAsync(user, cancellationToken),
            RecordedAt = Now,
        };
        db.GoalReviews.Add(review);
        if (input.Status is { } status)
        {
            goal.Status = status;
        }

        return await SavedAsync(user, patientId, action, review.Id, cancellationToken);
    }
}
