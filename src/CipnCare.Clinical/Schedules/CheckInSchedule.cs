namespace CipnCare.Clinical.Schedules;

/// <summary>Where the patient is relative to their neurotoxic treatment.</summary>
public enum TreatmentPhase
{
    /// <summary>Planned or on treatment: symptoms change week to week.</summary>
    During,

    /// <summary>Neurotoxic treatment has ended (completed or stopped).</summary>
    After,
}

public enum DueState
{
    /// <summary>The next check-in is not due yet.</summary>
    NotDue,

    /// <summary>Due now (from the due date, within the grace period).</summary>
    Due,

    /// <summary>Past the due date and its grace period.</summary>
    Overdue,

    /// <summary>Five years after treatment: no more scheduled check-ins (the patient may still report).</summary>
    Ended,
}

public sealed record ScheduleInput(TreatmentPhase Phase, DateTime? TreatmentEndedAt, int? IntervalOverrideDays, DateTime? LastCheckInAt, DateTime EnrolledAt);

public sealed record ScheduleStatus(int? IntervalDays, string Plan, DateTime? NextDue, DueState State, int Missed, IReadOnlyList<string> Reasons);

/// <summary>
/// When the next check-in is due. Default plan (issue #3, set by the CIPN Care clinical team; not from a guideline):
/// weekly during neurotoxic treatment, monthly for the first year after it ends, then every three months up to five
/// years after it; a clinician may set another interval. The next check-in is due one interval after the last one
/// (or at once when there is none). It counts as overdue after a grace period (2 days for intervals up to a week,
/// 7 days for longer ones). Missed = whole intervals passed since the last check-in, less the one now due.
/// </summary>
public static class CheckInSchedule
{
    public const int Weekly = 7;
    public const int Monthly = 30;
    public const int Quarterly = 91;
    public const int FollowUpYears = 5;

    public static ScheduleStatus Evaluate(ScheduleInput input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ended = input.Phase == TreatmentPhase.After ? input.TreatmentEndedAt : null;
        int? interval;
        string plan;
        var reasons = new List<string>();
        if (input.IntervalOverrideDays is { } custom)
        {
            interval = custom;
            plan = $"every {Days(custom)} (set by the care team)";
            reasons.Add("interval set by the care team");
        }
        else if (input.Phase == TreatmentPhase.During)
        {
            interval = Weekly;
            plan = "weekly during treatment";
            reasons.Add("weekly during neurotoxic treatment");
        }
        else if (ended is not { } end)
        {
            interval = Monthly;
            plan = "monthly after treatment";
            reasons.Add("after treatment; end date not recorded, so monthly");
        }
        else if (now < end.AddYears(1))
        {
            interval = Monthly;
            plan = "monthly in the first year after treatment";
            reasons.Add($"treatment ended {end:yyyy-MM-dd}: monthly for the first year");
        }
        else if (now < end.AddYears(FollowUpYears))
        {
            interval = Quarterly;
            plan = "every three months, up to five years after treatment";
            reasons.Add($"treatment ended {end:yyyy-MM-dd}: every three months until {end.AddYears(FollowUpYears):yyyy-MM-dd}");
        }
        else
        {
            return new(null, "follow-up ended five years after treatment", null, DueState.Ended, 0, [$"treatment ended {end:yyyy-MM-dd}: more than five years ago"]);
        }

        var from = input.LastCheckInAt ?? input.EnrolledAt;
        var due = input.LastCheckInAt is null ? input.EnrolledAt : from.AddDays(interval.Value);
        var grace = interval.Value <= Weekly ? 2 : 7;
        var state = now < due ? DueState.NotDue : now <= due.AddDays(grace) ? DueState.Due : DueState.Overdue;
        var missed = input.LastCheckInAt is null ? 0 : Math.Max(0, (int)Math.Floor((now - from).TotalDays / interval.Value) - 1);
        return new(interval, plan, due, state, missed, reasons);
    }

    private static string Days(int days) => days switch
    {
        1 => "day",
        7 => "week",
        14 => "two weeks",
        30 => "month",
        91 => "three months",
        _ => $"{days} days",
    };
}
