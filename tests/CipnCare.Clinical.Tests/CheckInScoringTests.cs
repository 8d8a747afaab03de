using CipnCare.Clinical.CheckIns;

namespace CipnCare.Clinical.Tests;

public sealed class CheckInScoringTests
{
    [Fact]
    public void Score_NoSymptoms_IsAllZero()
    {
        var score = CheckInScoring.Score(Answers.With());

        Assert.Equal((0, 0, 0, 0, 0), (score.SensoryScore, score.MotorScore, score.AutonomicScore, score.TotalScore, score.Falls));
        Assert.Equal(0, score.SensoryGrade.Value);
        Assert.Equal(0, score.MotorGrade.Value);
        Assert.Equal(RulesVersion.Current, score.RulesVersion);
    }

    [Fact]
    public void Score_SumsEachDomain_AndKeepsFallsOutOfTheSum()
    {
        // Hand-computed: sensory 2+3+1+2+0+1 = 9; motor 2+3 = 5; autonomic 1; total 15; falls 2 (not summed).
        var answers = Answers.With(scores:
        [
            (CheckInItems.NumbnessHands, 2), (CheckInItems.NumbnessFeet, 3), (CheckInItems.TinglingHands, 1),
            (CheckInItems.TinglingFeet, 2), (CheckInItems.PainHands, 0), (CheckInItems.PainFeet, 1),
            (CheckInItems.Weakness, 2), (CheckInItems.Balance, 3), (CheckInItems.Falls, 2), (CheckInItems.DizzinessOnStanding, 1),
        ]);

        var score = CheckInScoring.Score(answers);

        Assert.Equal(9, score.SensoryScore);
        Assert.Equal(5, score.MotorScore);
        Assert.Equal(1, score.AutonomicScore);
        Assert.Equal(15, score.TotalScore);
        Assert.Equal(2, score.Falls);
    }

    [Fact]
    public void Score_MaximumAnswers_ReachTheDocumentedMaximum()
    {
        var answers = Answers.With(true, true, scores: CheckInItems.All.Select(i => (i.Id, 4)).ToArray());

        var score = CheckInScoring.Score(answers);

        Assert.Equal(CheckInScoring.MaxTotalScore, score.TotalScore);
        Assert.Equal(36, CheckInScoring.MaxTotalScore);
        Assert.Equal(3, score.SensoryGrade.Value);
        Assert.Equal(3, score.MotorGrade.Value);
    }

    [Fact]
    public void Score_SensoryOnlyWithEverydayLimits_GradesSensory2AndMotor0()
    {
        var answers = Answers.With(everyday: true, scores: [(CheckInItems.NumbnessFeet, 2)]);

        var score = CheckInScoring.Score(answers);

        Assert.Equal(2, score.SensoryGrade.Value);
        Assert.Equal(0, score.MotorGrade.Value);
    }

    [Fact]
    public void Score_FallsAloneDoNotMakeAMotorGrade()
    {
        var score = CheckInScoring.Score(Answers.With(scores: [(CheckInItems.Falls, 3)]));

        Assert.Equal(0, score.MotorGrade.Value);
        Assert.Equal(3, score.Falls);
    }

    [Fact]
    public void Score_InvalidAnswers_Throw()
    {
        var answers = Answers.With(scores: [(CheckInItems.Weakness, 5)]);

        var error = Assert.Throws<ArgumentException>(() => CheckInScoring.Score(answers));
        Assert.Contains("between 0 and 4", error.Message, StringComparison.Ordinal);
    }
}
