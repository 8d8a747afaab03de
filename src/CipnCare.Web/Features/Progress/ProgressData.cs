using CipnCare.Clinical;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.Charts;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Exposure;

namespace CipnCare.Web.Features.Progress;

/// <summary>The Goal Attainment Scaling T-score of the goals in play on one review day.</summary>
public sealed record AttainmentPoint(DateOnly On, int Goals, double TScore);

/// <summary>
/// Everything the progress view draws, in chart order, with the one time window all charts share: from the first
/// check-in, dose, goal or intervention to today. The chart series are derived once, when it is built (the page reads
/// them several times); build a new one rather than copying with <c>with</c>.
/// </summary>
public sealed record ProgressData(
    TimeWindow? Window,
    DateTime Today,
    IReadOnlyList<CheckInSummary> CheckIns,
    IReadOnlyList<AgentTimelineView> Exposure,
    IReadOnlyList<GoalView> Goals,
    IReadOnlyList<AttainmentPoint> Attainment,
    IReadOnlyList<InterventionView> Interventions)
{
    public IReadOnlyList<ScorePoint> Scores { get; } = CheckIns.Select(c => new ScorePoint(c.At, c.SensorySubscale, c.MotorSubscale, c.AutonomicSubscale, c.SymptomScore)).ToList();

    public IReadOnlyList<GradePoint> Grades { get; } = CheckIns.Select(c => new GradePoint(c.At, c.SensoryGrade, c.MotorGrade)).ToList();

    public IReadOnlyList<FallPoint> Falls { get; } = CheckIns.Where(c => c.Falls is not null).Select(c => new FallPoint(c.At, c.Falls!.Value, c.FallInjury == true)).ToList();

    public IReadOnlyList<GoalSeries> GoalSeries { get; } = Goals.Select(g => new GoalSeries(g.Text, Levels(g))).ToList(); // chart positions: instants

    public IReadOnlyList<InterventionBand> Bands { get; } = Interventions.OrderBy(i => i.StartedOn).ThenBy(i => i.Name, StringComparer.Ordinal)
        .Select(i => new InterventionBand(i.Name, Utc(i.StartedOn), i.StoppedOn is { } stop ? Utc(stop) : null)).ToList();

    public static ProgressData Build(DateTime today, IReadOnlyList<CheckInSummary> checkIns, ExposureSummary exposure, CarePlanView plan, TeamZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        ArgumentNullException.ThrowIfNull(exposure);
        ArgumentNullException.ThrowIfNull(plan);
        var dates = checkIns.Select(c => c.At)
            .Concat(exposure.Timeline.SelectMany(a => a.Points.Select(p => p.At)))
            .Concat(plan.Goals.SelectMany(g => Levels(g, zone)).Select(l => l.At))
            .Concat(plan.Interventions.Select(i => Utc(i.StartedOn)))
            .Concat(plan.Interventions.Where(i => i.StoppedOn is not null).Select(i => Utc(i.StoppedOn!.Value)))
            .ToList();
        var window = dates.Count == 0 ? null : TimeWindow.Around(dates.Append(today));
        return new(window, today, checkIns, exposure.Timeline, plan.Goals, AttainmentOverTime(plan.Goals, zone), plan.Interventions);
    }

    /// <summary>A goal's level when it was set (its baseline), then at each review.</summary>
    public static IReadOnlyList<GoalLevel> Levels(GoalView goal, TeamZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var reviews = goal.Reviews.Select(r => new GoalLevel(Utc(r.ReviewedOn), r.Level, r.ReviewedOn)).ToList();
        var setDay = (zone ?? TeamZone.Utc).DayOf(goal.CreatedAt);
        var (set, day) = reviews.Count > 0 && reviews[0].Day < setDay ? (reviews[0].At, reviews[0].Day) : (goal.CreatedAt, setDay); // a review entered late
        return [new GoalLevel(set, goal.BaselineLevel, day), .. reviews];
    }

    /// <summary>
    /// On each day a goal was reviewed, the T-score over every goal not stopped and set by then, each at its latest
    /// level on or before that day (the baseline until its first review).
    /// </summary>
    public static IReadOnlyList<AttainmentPoint> AttainmentOverTime(IReadOnlyList<GoalView> goals, TeamZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var inPlay = goals.Where(g => g.Status != GoalStatus.Stopped).ToList();
        return inPlay.SelectMany(g => g.Reviews.Select(r => r.ReviewedOn)).Distinct().Order()
            .Select(day =>
            {
                var levels = inPlay.Where(g => (zone ?? TeamZone.Utc).DayOf(g.CreatedAt) <= day || g.Reviews.Any(r => r.ReviewedOn <= day))
                    .Select(g => g.Reviews.LastOrDefault(r => r.ReviewedOn <= day)?.Level ?? g.BaselineLevel)
                    .ToList();
                return new AttainmentPoint(day, levels.Count, GoalAttainment.TScore(levels)!.Value);
            })
            .ToList();
    }

    private static DateTime Utc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
