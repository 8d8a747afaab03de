using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>A goal in the patient's words with its expected outcome and target date.</summary>
public sealed partial class ChangeCarePlan
{
    // Patients and carers set goals: what they can get wrong is told through the constructor's IStringLocalizer<ChangeCarePlan> L.

    public async Task<Outcome<Guid>> AddGoalAsync(ClaimsPrincipal user, Guid patientId, NewGoal input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "set goal";
        if (await OpenAsync(user, patientId, action, clinicianOnly: false, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        Required(errors, "text", input.Text, MaxText, L["Write the goal in the patient's own words (for example “button my shirt”)."]);
        Required(errors, "expectedOutcome", input.ExpectedOutcome, 500, L["Describe what reaching the goal looks like (the expected level)."]);
        if (input.BaselineLevel is { } baseline && baseline is not (-2 or -1))
        {
            errors["baselineLevel"] = L["Where the patient starts is −2 (much less than expected) or −1 (somewhat less)."];
        }

        if (input.TargetDate is { } target && target < Today)
        {
            errors["targetDate"] = L["The target date cannot be in the past."];
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var goal = new Goal
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Text = input.Text!.Trim(),
            ExpectedOutcome = input.ExpectedOutcome!.Trim(),
            BaselineLevel = input.BaselineLevel ?? -1,
            TargetDate = input.TargetDate,
            Status = GoalStatus.Active,
            SetByUserId = user.RequiredUserId(),
            SetByName = await NameAsync(user, cancellationToken),
            CreatedAt = Now,
        };
        db.Goals.Add(goal);
        return await SavedAsync(user, patientId, action, goal.Id, cancellationToken);
    }
}
