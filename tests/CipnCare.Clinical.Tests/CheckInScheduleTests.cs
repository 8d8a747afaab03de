using CipnCare.Clinical.Schedules;

namespace CipnCare.Clinical.Tests;

public sealed class CheckInScheduleTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Enrolled = Now.AddDays(-60);

    private static ScheduleStatus During(double lastDaysAgo) =>
        CheckInSchedule.Evaluate(new(TreatmentPhase.During, null, null, Now.AddDays(-lastDaysAgo), Enrolled), Now);

    [Theory]
    [InlineData(3, DueState.NotDue, 0)] // due in 4 days
    [InlineData(7, DueState.Due, 0)] // due today
    [InlineData(9, DueState.Due, 0)] // two days' grace
    [InlineData(9.5, DueState.Overdue, 0)]
    [InlineData(14, DueState.Overdue, 1)] // one weekly check-in missed
    [InlineData(21, DueState.Overdue, 2)]
    public void DuringTreatment_IsWeekly(double lastDaysAgo, DueState state, int missed)
    {
        var status = During(lastDaysAgo);

        Assert.Equal((7, state, missed), (status.IntervalDays!.Value, status.State, status.Missed));
        Assert.Equal(Now.AddDays(-lastDaysAgo).AddDays(7), status.NextDue);
    }

    [Fact]
    public void NoCheckInYet_IsDueFromEnrolment()
    {
        var status = CheckInSchedule.Evaluate(new(TreatmentPhase.During, null, null, null, Now.AddDays(-1)), Now);

        Assert.Equal((DueState.Due, Now.AddDays(-1)), (status.State, status.NextDue!.Value));
    }

    [Theory]
    [InlineData(100, 30, "monthly in the first year after treatment")] // ended 100 days ago
    [InlineData(400, 91, "every three months, up to five years after treatment")] // ended 400 days ago
    [InlineData(1800, 91, "every three months, up to five years after treatment")]
    public void AfterTreatment_MonthlyForAYear_ThenEveryThreeMonths(int endedDaysAgo, int interval, string plan)
    {
        var status = CheckInSchedule.Evaluate(new(TreatmentPhase.After, Now.AddDays(-endedDaysAgo), null, Now.AddDays(-10), Enrolled), Now);

        Assert.Equal((interval, plan, DueState.NotDue), (status.IntervalDays!.Value, status.Plan, status.State));
    }

    [Fact]
    public void FiveYearsAfterTreatment_TheScheduleEnds()
    {
        var status = CheckInSchedule.Evaluate(new(TreatmentPhase.After, Now.AddYears(-5).AddDays(-1), null, Now.AddDays(-200), Enrolled), Now);

        Assert.Equal((DueState.Ended, (int?)null, (DateTime?)null), (status.State, status.IntervalDays, status.NextDue));
    }

    [Fact]
    public void MonthlyGrace_IsAWeek_AndTheCareTeamMayChooseTheInterval()
    {
        var monthly = CheckInSchedule.Evaluate(new(TreatmentPhase.After, Now.AddDays(-100), null, Now.AddDays(-36), Enrolled), Now);
        var custom = CheckInSchedule.Evaluate(new(TreatmentPhase.After, Now.AddDays(-100), 14, Now.AddDays(-15), Enrolled), Now);

        Assert.Equal(DueState.Due, monthly.State); // 6 days past due, within 7 days' grace
        Assert.Equal((14, "every two weeks (set by the care team)", DueState.Due), (custom.IntervalDays!.Value, custom.Plan, custom.State));
    }
}
