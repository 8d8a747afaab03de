using CipnCare.Clinical.Grading;

namespace CipnCare.Clinical.Tests;

/// <summary>CTCAE v5.0 (clinical-reference.md §1): G2 limits instrumental ADL, G3 limits self-care ADL.</summary>
public sealed class PatientReportedGradeTests
{
    [Theory]
    [InlineData(0, false, false, 0)] // no symptoms
    [InlineData(0, true, true, 0)] // limitation without symptoms in this domain: not this domain's grade
    [InlineData(1, false, false, 1)] // mild symptoms, no limitation
    [InlineData(4, false, false, 1)] // very severe but no limitation: CTCAE grades by limitation
    [InlineData(2, true, false, 2)] // limits everyday (instrumental) tasks
    [InlineData(3, false, true, 3)] // limits self-care
    [InlineData(1, true, true, 3)] // self-care outranks instrumental
    public void Grade_FollowsCtcaeLimitation(int worstSeverity, bool instrumental, bool selfCare, int expected)
    {
        var grade = PatientReportedGrade.From(new NeuropathyReport(worstSeverity, instrumental, selfCare), "sensory");

        Assert.Equal(expected, grade.Value);
        Assert.Equal("5.0", grade.CtcaeVersion);
        Assert.Single(grade.Reasons);
    }

    [Fact]
    public void Grade_SevereNumbnessLimitingSelfCare_IsGrade3WithReason()
    {
        var grade = PatientReportedGrade.From(new NeuropathyReport(3, LimitsInstrumentalAdl: true, LimitsSelfCareAdl: true), "sensory");

        Assert.Equal(3, grade.Value);
        Assert.Contains("self-care", grade.Reasons[0], StringComparison.Ordinal);
    }
}
