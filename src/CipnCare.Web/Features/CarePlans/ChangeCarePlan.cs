using System.Security.Claims;
using CipnCare.Clinical;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CarePlans;

public sealed record NewGoal(string? Text, string? ExpectedOutcome, int? BaselineLevel, DateOnly? TargetDate);

public sealed record NewGoalReview(DateOnly? ReviewedOn, int? Level, string? Note, GoalStatus? Status);

/// <summary>An intervention to record; <paramref name="EvidenceCode"/> is an ASCO 2020 entry's code from the coded list, or none (not rated).</summary>
public sealed record NewIntervention(InterventionType? Type, string? Name, string? Dose, string? Provider, DateOnly? StartedOn, DateOnly? StoppedOn, string? Note, string? EvidenceCode = null);

public sealed record NewRating(int? Relief, int? SideEffects, string? Note);

public sealed record NewReferral(ReferralService? Service, string? Reason, DateOnly? ProposedOn);

public sealed record ReferralUpdate(ReferralStatus? Status, DateOnly? StatusDate);

/// <summary>
/// Changes to a patient's care plan. Goals are set by the patient (or a carer who reports for them) or the care team;
/// reviews, interventions and referrals are the care team's; ratings of an intervention come from whoever may report for
/// the patient. Each write and its audit entry commit together; refusals and invalid input are audited too.
/// </summary>
public sealed class ChangeCarePlan(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock, LocalTimes times)
{
    /// <summary>The patient's team clock, read when the patient is opened: "today" is the team's date.</summary>
    private TeamZone _zone = TeamZone.Utc;

    public const int MaxText = 300;
    public const int MaxLong = 1000;

    public async Task<Outcome<Guid>> AddGoalAsync(ClaimsPrincipal user, Guid patientId, NewGoal input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "set goal";
        if (await OpenAsync(user, patientId, action, clinicianOnly: false, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        Required(errors, "text", input.Text, MaxText, "Write the goal in the patient's own words (for example “button my shirt”).");
        Required(errors, "expectedOutcome", input.ExpectedOutcome, 500, "Describe what reaching the goal looks like (the expected level).");
        if (input.BaselineLevel is { } baseline && baseline is not (-2 or -1))
        {
            errors["baselineLevel"] = "Where the patient starts is −2 (much less than expected) or −1 (somewhat less).";
        }

        if (input.TargetDate is { } target && target < Today)
        {
            errors["targetDate"] = "The target date cannot be in the past.";
        }

        if (errors.Count > 0)
        {
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
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
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
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
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
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
        };
        db.Interventions.Add(intervention);
        return await SavedAsync(user, patientId, action, intervention.Id, cancellationToken);
    }

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
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
        }

        apply(intervention);
        return await SavedAsync(user, patientId, action, intervention.Id, cancellationToken);
    }

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
            return Outcome.NotFound("There is no such intervention on this care plan.");
        }

        var errors = new Dictionary<string, string>();
        foreach (var (id, input) in ratings)
        {
            var suffix = keyByIntervention ? $"-{id}" : "";
            if (input.Relief is not (>= 0 and <= InterventionEffects.MaxRelief))
            {
                errors[$"relief{suffix}"] = "Choose how much it helps, from 0 (not at all) to 10 (completely).";
            }

            if (input.SideEffects is not (>= 0 and <= InterventionEffects.MaxSideEffects))
            {
                errors[$"sideEffects{suffix}"] = "Choose the side effects: none, mild, moderate or severe.";
            }

            Optional(errors, $"note{suffix}", input.Note, MaxLong);
        }

        if (errors.Count > 0)
        {
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
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

    public async Task<Outcome<Guid>> AddReferralAsync(ClaimsPrincipal user, Guid patientId, NewReferral input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "propose referral";
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        if (input.Service is not { } service || !Enum.IsDefined(service))
        {
            errors["service"] = "Choose the service to refer to.";
        }

        Required(errors, "reason", input.Reason, 500, "Give the reason for the referral.");
        var proposed = input.ProposedOn ?? Today;
        if (proposed > Today)
        {
            errors["proposedOn"] = "The referral date cannot be in the future.";
        }

        if (errors.Count > 0)
        {
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
        }

        var referral = new Referral
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Service = input.Service!.Value,
            Reason = input.Reason!.Trim(),
            Status = ReferralStatus.Proposed,
            ProposedOn = proposed,
            RecordedByUserId = user.RequiredUserId(),
            UpdatedAt = Now,
        };
        db.Referrals.Add(referral);
        return await SavedAsync(user, patientId, action, referral.Id, cancellationToken);
    }

    public async Task<Outcome<Guid>> UpdateReferralAsync(ClaimsPrincipal user, Guid patientId, Guid referralId, ReferralUpdate input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "update referral";
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == referralId && r.PatientId == patientId, cancellationToken);
        if (referral is null)
        {
            return Outcome.NotFound("There is no such referral on this care plan.");
        }

        var errors = new Dictionary<string, string>();
        if (input.Status is not { } status || !Enum.IsDefined(status))
        {
            errors["status"] = "Choose the referral's status.";
        }
        else if (status != ReferralStatus.Scheduled && input.StatusDate > Today)
        {
            errors["statusDate"] = "Only an appointment date can be in the future.";
        }

        if (input.StatusDate < referral.ProposedOn)
        {
            errors["statusDate"] = "The date cannot be before the referral was proposed.";
        }

        if (errors.Count > 0)
        {
            return await InvalidAsync(user, patientId, action, errors, cancellationToken);
        }

        referral.Status = input.Status!.Value;
        referral.StatusDate = input.StatusDate ?? Today;
        referral.UpdatedAt = Now;
        return await SavedAsync(user, patientId, action, referral.Id, cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => _zone.Today(clock);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Required(Dictionary<string, string> errors, string field, string? value, int max, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = message;
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = $"At most {max} characters.";
        }
    }

    private static void Optional(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value?.Trim().Length > max)
        {
            errors[field] = $"At most {max} characters.";
        }
    }

    private void Date(Dictionary<string, string> errors, string field, DateOnly? value, string what)
    {
        if (value is not { } date)
        {
            errors[field] = $"Enter the {what} date.";
        }
        else if (date > Today)
        {
            errors[field] = $"The {what} date cannot be in the future.";
        }
    }

    private async Task<string> NameAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.RequiredUserId();
        return await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    private async Task<Outcome<Guid>> SavedAsync(ClaimsPrincipal user, Guid patientId, string action, Guid id, CancellationToken cancellationToken)
    {
        audit.Add(user, action, AuditOutcome.Success, patientId, id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(id);
    }

    private const string NotYours = "You may not change this part of the patient's care plan.";

    private async Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, bool clinicianOnly, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, action, cancellationToken);
        _zone = await times.ForPatientAsync(patientId, cancellationToken);
        switch (opened.Outcome)
        {
            case AccessOutcome.NotFound or AccessOutcome.Denied:
                return opened.Refusal(NotYours);
            case AccessOutcome.Allowed when clinicianOnly && !user.IsInRole(Roles.Clinician):
                await audit.RecordAsync(user, action, AuditOutcome.Denied, patientId, "only the care team's clinicians", cancellationToken: cancellationToken);
                return Outcome.Denied("Only the patient's care-team clinicians make this change.");
            default:
                return null;
        }
    }

    private async Task<Outcome<Guid>> InvalidAsync(ClaimsPrincipal user, Guid patientId, string action, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(user, action, AuditOutcome.Invalid, patientId, string.Join("; ", errors.Keys), cancellationToken: cancellationToken);
        return Outcome.Invalid(errors);
    }
}
