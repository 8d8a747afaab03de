using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CarePlans;

public sealed record GoalReviewView(DateOnly ReviewedOn, int Level, string? Note, string ReviewedByName);

public sealed record GoalView(Guid Id, string Text, string ExpectedOutcome, int BaselineLevel, DateOnly? TargetDate, GoalStatus Status, string SetByName, DateTime CreatedAt, IReadOnlyList<GoalReviewView> Reviews)
{
    /// <summary>The level at the latest review, else the baseline.</summary>
    public int CurrentLevel => Reviews.Count > 0 ? Reviews[^1].Level : BaselineLevel;

    /// <summary>When it last changed: set, or last reviewed (a review is the only way its level or status changes).</summary>
    public DateTime UpdatedAt { get; init; }
}

public sealed record RatingView(DateTime RatedAt, int Relief, int SideEffects, string? Note, string RatedByName, string RatedByRole);

public sealed record InterventionView(
    Guid Id,
    InterventionType Type,
    string Name,
    string? Dose,
    string? Provider,
    DateOnly StartedOn,
    DateOnly? StoppedOn,
    string? Note,
    Evidence Evidence,
    InterventionEffect Effect,
    IReadOnlyList<RatingView> Ratings)
{
    public bool Active => StoppedOn is null;

    /// <summary>When it or its ratings last changed.</summary>
    public DateTime UpdatedAt { get; init; }
}

public sealed record ReferralView(Guid Id, ReferralService Service, string Reason, ReferralStatus Status, DateOnly ProposedOn, DateOnly? StatusDate)
{
    public DateTime UpdatedAt { get; init; }
}

/// <summary>The care plan: goals with their reviews and the GAS T-score of active goals, interventions with evidence and effect, referrals.</summary>
public sealed record CarePlanView(IReadOnlyList<GoalView> Goals, double? GoalTScore, IReadOnlyList<InterventionView> Interventions, IReadOnlyList<ReferralView> Referrals);

/// <summary>Reads of care plans. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class CarePlanQueries(CipnDbContext db)
{
    public async Task<CarePlanView> ForPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        (await ForPatientsAsync([patientId], cancellationToken))[patientId];

    /// <summary>Several patients' care plans from one read of each kind (bulk export's batches).</summary>
    public async Task<Dictionary<Guid, CarePlanView>> ForPatientsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken)
    {
        var goals = (await db.Goals.AsNoTracking().Where(g => patientIds.Contains(g.PatientId)).ToListAsync(cancellationToken)).ToLookup(g => g.PatientId);
        var reviews = (await db.GoalReviews.AsNoTracking().Where(r => patientIds.Contains(r.PatientId)).ToListAsync(cancellationToken)).ToLookup(r => r.GoalId);
        var interventions = (await db.Interventions.AsNoTracking().Where(i => patientIds.Contains(i.PatientId)).ToListAsync(cancellationToken)).ToLookup(i => i.PatientId);
        var ratings = (await db.InterventionRatings.AsNoTracking().Where(r => patientIds.Contains(r.PatientId)).ToListAsync(cancellationToken)).ToLookup(r => r.InterventionId);
        var referrals = (await db.Referrals.AsNoTracking().Where(r => patientIds.Contains(r.PatientId)).ToListAsync(cancellationToken)).ToLookup(r => r.PatientId);
        return patientIds.Distinct().ToDictionary(id => id, id => Plan(goals[id], reviews, interventions[id], ratings, referrals[id]));
    }

    private static CarePlanView Plan(IEnumerable<Goal> goals, ILookup<Guid, GoalReview> reviews, IEnumerable<Intervention> interventions, ILookup<Guid, InterventionRatingRecord> ratings, IEnumerable<Referral> referrals)
    {
        var goalViews = goals.OrderBy(g => g.CreatedAt).Select(g => new GoalView(g.Id, g.Text, g.ExpectedOutcome, g.BaselineLevel, g.TargetDate, g.Status, g.SetByName, g.CreatedAt,
            reviews[g.Id].OrderBy(r => r.ReviewedOn).ThenBy(r => r.RecordedAt).Select(r => new GoalReviewView(r.ReviewedOn, r.Level, r.Note, r.ReviewedByName)).ToList())
        {
            UpdatedAt = reviews[g.Id].Select(r => r.RecordedAt).Append(g.CreatedAt).Max(),
        }).ToList();
        var active = goalViews.Where(g => g.Status != GoalStatus.Stopped).Select(g => g.CurrentLevel).ToList();
        var interventionViews = interventions.OrderByDescending(i => i.StoppedOn is null).ThenBy(i => i.StartedOn).Select(i =>
        {
            var rated = ratings[i.Id].OrderBy(r => r.RatedAt).ToList();
            return new InterventionView(i.Id, i.Type, i.Name, i.Dose, i.Provider, i.StartedOn, i.StoppedOn, i.Note, InterventionEvidence.For(i.EvidenceCode),
                InterventionEffects.Aggregate(rated.Select(r => new InterventionRating(r.RatedAt, r.Relief, r.SideEffects)).ToList()),
                rated.Select(r => new RatingView(r.RatedAt, r.Relief, r.SideEffects, r.Note, r.RatedByName, r.RatedByRole)).ToList())
            {
                UpdatedAt = rated.Select(r => r.RatedAt).Append(i.UpdatedAt).Max(),
            };
        }).ToList();
        var referralViews = referrals.OrderBy(r => r.ProposedOn).Select(r => new ReferralView(r.Id, r.Service, r.Reason, r.Status, r.ProposedOn, r.StatusDate) { UpdatedAt = r.UpdatedAt }).ToList();
        return new(goalViews, GoalAttainment.TScore(active), interventionViews, referralViews);
    }

    public static string ServiceText(ReferralService service) => service switch
    {
        ReferralService.Physiatry => "Physiatry (rehabilitation medicine)",
        ReferralService.PhysicalTherapy => "Physical therapy",
        ReferralService.OccupationalTherapy => "Occupational therapy",
        ReferralService.IntegrativeMedicine => "Integrative medicine",
        ReferralService.Neurology => "Neurology",
        ReferralService.Podiatry => "Podiatry",
        ReferralService.PainService => "Pain service",
    };

    public static string TypeText(InterventionType type) => type switch
    {
        InterventionType.Medication => "Medicine",
        InterventionType.PhysicalTherapy => "Physical therapy (balance, gait, strength)",
        InterventionType.OccupationalTherapy => "Occupational therapy (fine motor, dexterity, equipment)",
        InterventionType.Integrative => "Integrative therapy (acupuncture, massage, lymph drainage)",
        InterventionType.Device => "Device (cane, walker, brace)",
        InterventionType.FootAndSkinCare => "Foot and skin care",
        InterventionType.Supplement => "Supplement",
        InterventionType.Other => "Other",
    };

    /// <summary>An entry as the clinician picks it: "Duloxetine: may be offered (moderate)".</summary>
    public static string EntryText(GuidelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{entry.Name}: {LabelWords(entry.Label)}{(entry.Strength is { } strength ? $" ({strength})" : "")}";
    }

    public static string EvidenceText(EvidenceLabel label) => $"ASCO: {LabelWords(label)}";

    private static string LabelWords(EvidenceLabel label) => label switch
    {
        EvidenceLabel.MayBeOffered => "may be offered",
        EvidenceLabel.NoRecommendation => "no recommendation",
        EvidenceLabel.RecommendedAgainst => "recommended against",
        EvidenceLabel.NotRated => "not rated",
    };
}
