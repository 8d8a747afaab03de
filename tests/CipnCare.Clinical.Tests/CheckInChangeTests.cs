using CipnCare.Clinical.CheckIns;

namespace CipnCare.Clinical.Tests;

public sealed class CheckInChangeTests
{
    [Fact]
    public void Between_NoPrevious_IsFirstReport()
    {
        var change = CheckInChange.Between(null, new CheckInPoint(10, 2, 1));

        Assert.Equal(ChangeDirection.FirstReport, change.Direction);
        Assert.Equal(0, change.SymptomScoreDelta);
    }

    [Theory]
    [InlineData(5, 1, 0, 9, 1, 0, ChangeDirection.Worse, 4)] // score up, grades same
    [InlineData(9, 1, 0, 5, 1, 0, ChangeDirection.Better, -4)] // score down
    [InlineData(7, 1, 1, 7, 1, 1, ChangeDirection.Unchanged, 0)]
    [InlineData(9, 1, 0, 8, 2, 0, ChangeDirection.Worse, -1)] // grade up outweighs a lower score
    [InlineData(8, 2, 1, 9, 1, 1, ChangeDirection.Better, 1)] // grade down outweighs a higher score
    [InlineData(8, 2, 1, 8, 1, 2, ChangeDirection.Worse, 0)] // any grade worse is worse
    public void Between_GradeDecidesThenScore(int prevTotal, int prevSensory, int prevMotor, int total, int sensory, int motor, ChangeDirection expected, int delta)
    {
        var change = CheckInChange.Between(new CheckInPoint(prevTotal, prevSensory, prevMotor), new CheckInPoint(total, sensory, motor));

        Assert.Equal(expected, change.Direction);
        Assert.Equal(delta, change.SymptomScoreDelta);
    }

    [Fact]
    public void Between_ExplainsWhatChanged()
    {
        var change = CheckInChange.Between(new CheckInPoint(4, 1, 0), new CheckInPoint(11.25, 2, 1));

        Assert.Equal(["sensory grade 1 → 2", "motor grade 0 → 1", "symptom score 4 → 11.3"], change.Reasons);
        Assert.Equal(7.3, change.SymptomScoreDelta);
        Assert.Equal(1, change.SensoryGradeDelta);
        Assert.Equal(1, change.MotorGradeDelta);
    }

    [Fact]
    public void AcrossQuestionnaireVersions_ALowerGrade_IsNotCalledBetter_ButAHigherOneIsStillWorse()
    {
        // 1.0.0 gave sensory 3 for mild numbness because cramps limited dressing; 1.1.0 grades the same week sensory 1.
        var reworded = CheckInChange.Between(new CheckInPoint(25, 3, 3, "1.0.0"), new CheckInPoint(25, 1, 3, "1.1.0"));
        var worse = CheckInChange.Between(new CheckInPoint(25, 1, 1, "1.0.0"), new CheckInPoint(25, 1, 2, "1.1.0"));
        var sameVersion = CheckInChange.Between(new CheckInPoint(25, 3, 3, "1.1.0"), new CheckInPoint(25, 1, 3, "1.1.0"));

        Assert.Equal(ChangeDirection.Unchanged, reworded.Direction);
        Assert.Equal("check-in questions changed (version 1.0.0 → 1.1.0): a lower grade may come from the new questions", reworded.Reasons[0]);
        Assert.Equal(ChangeDirection.Worse, worse.Direction);
        Assert.Equal(ChangeDirection.Better, sameVersion.Direction);
    }
}
