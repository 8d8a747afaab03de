using CipnCare.Clinical.CheckIns;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>Maps between the stored columns and the clinical item ids, in one place.</summary>
public static class CheckInMapping
{
    public static IReadOnlyDictionary<string, int> Scores(this CheckIn c) => new Dictionary<string, int>
    {
        [CheckInItems.NumbnessHands] = c.NumbnessHands,
        [CheckInItems.NumbnessFeet] = c.NumbnessFeet,
        [CheckInItems.TinglingHands] = c.TinglingHands,
        [CheckInItems.TinglingFeet] = c.TinglingFeet,
        [CheckInItems.PainHands] = c.PainHands,
        [CheckInItems.PainFeet] = c.PainFeet,
        [CheckInItems.Weakness] = c.Weakness,
        [CheckInItems.Balance] = c.Balance,
        [CheckInItems.Falls] = c.Falls,
        [CheckInItems.DizzinessOnStanding] = c.DizzinessOnStanding,
    };

    public static CheckInAnswers Answers(this CheckIn c) => new(c.Scores(), c.LimitsEverydayTasks, c.LimitsSelfCare, c.Notes);

    /// <summary>Copies valid answers and their score onto a check-in.</summary>
    public static void Apply(this CheckIn c, CheckInAnswers a, CheckInScore score)
    {
        c.NumbnessHands = a.Score(CheckInItems.NumbnessHands);
        c.NumbnessFeet = a.Score(CheckInItems.NumbnessFeet);
        c.TinglingHands = a.Score(CheckInItems.TinglingHands);
        c.TinglingFeet = a.Score(CheckInItems.TinglingFeet);
        c.PainHands = a.Score(CheckInItems.PainHands);
        c.PainFeet = a.Score(CheckInItems.PainFeet);
        c.Weakness = a.Score(CheckInItems.Weakness);
        c.Balance = a.Score(CheckInItems.Balance);
        c.Falls = a.Score(CheckInItems.Falls);
        c.DizzinessOnStanding = a.Score(CheckInItems.DizzinessOnStanding);
        c.LimitsEverydayTasks = a.LimitsEverydayTasks;
        c.LimitsSelfCare = a.LimitsSelfCare;
        c.Notes = string.IsNullOrWhiteSpace(a.Notes) ? null : a.Notes.Trim();
        c.SensoryScore = score.SensoryScore;
        c.MotorScore = score.MotorScore;
        c.AutonomicScore = score.AutonomicScore;
        c.TotalScore = score.TotalScore;
        c.SensoryGrade = score.SensoryGrade.Value;
        c.MotorGrade = score.MotorGrade.Value;
        c.CtcaeVersion = score.SensoryGrade.CtcaeVersion;
        c.RulesVersion = score.RulesVersion;
    }

    public static CheckInPoint Point(this CheckIn c) => new(c.TotalScore, c.SensoryGrade, c.MotorGrade);
}
