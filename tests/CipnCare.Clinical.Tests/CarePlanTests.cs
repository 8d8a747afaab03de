using CipnCare.Clinical.CarePlans;

namespace CipnCare.Clinical.Tests;

public sealed class GoalAttainmentTests
{
    [Theory]
    [InlineData(new[] { 0, 0 }, 50.0)]
    [InlineData(new[] { 1, 1 }, 62.4)]    // 50 + 10·2/√(0.7·2 + 0.3·4) = 50 + 20/√2.6
    [InlineData(new[] { -2 }, 30.0)]      // one goal: 50 + 10·(−2)/√(0.7 + 0.3)
    [InlineData(new[] { -1, 0, 2 }, 54.6)] // 50 + 10·1/√(2.1 + 2.7) = 50 + 10/√4.8
    public void TScore_KiresukShermanWithRhoPointThree(int[] levels, double t)
    {
        Assert.Equal(t, GoalAttainment.TScore(levels));
    }

    [Fact]
    public void NoGoals_NoScore_AndLevelsOutsideMinusTwoToTwo_AreRefused()
    {
        Assert.Null(GoalAttainment.TScore([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalAttainment.TScore([3]));
        Assert.Equal("the expected level", GoalAttainment.Describe(0));
        Assert.False(GoalAttainment.IsLevel(-3));
    }
}

public sealed class InterventionEvidenceTests
{
    [Theory]
    [InlineData(InterventionType.Medication, "Duloxetine 30 mg", EvidenceLabel.MayBeOffered)]
    [InlineData(InterventionType.Medication, "Pregabalin", EvidenceLabel.NoRecommendation)]
    [InlineData(InterventionType.Supplement, "Acetyl-L-carnitine", EvidenceLabel.RecommendedAgainst)]
    [InlineData(InterventionType.Supplement, "Vitamin B complex", EvidenceLabel.RecommendedAgainst)]
    [InlineData(InterventionType.Integrative, "Acupuncture", EvidenceLabel.NoRecommendation)]
    [InlineData(InterventionType.Integrative, "Massage", EvidenceLabel.NotAddressed)]
    [InlineData(InterventionType.PhysicalTherapy, "Balance training", EvidenceLabel.NoRecommendation)]
    [InlineData(InterventionType.Device, "Cane", EvidenceLabel.NotAddressed)]
    [InlineData(InterventionType.Device, "Frozen gloves during paclitaxel", EvidenceLabel.NoRecommendation)]
    public void Label_FromTheAsco2020Guideline(InterventionType type, string name, EvidenceLabel label)
    {
        var evidence = InterventionEvidence.For(type, name);

        Assert.Equal(label, evidence.Label);
        Assert.Contains("ASCO 2020", evidence.Source, StringComparison.Ordinal);
    }
}

public sealed class InterventionEffectTests
{
    private static readonly DateTime Day = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Ratings_AreAveraged_AndTheLatestLeads()
    {
        var effect = InterventionEffects.Aggregate([new(Day.AddDays(14), 6, 1), new(Day, 2, 0), new(Day.AddDays(7), 4, 1)]);

        Assert.Equal((3, 4.0, 6, 0.7, 1), (effect.Ratings, effect.MeanRelief!.Value, effect.LatestRelief!.Value, effect.MeanSideEffects!.Value, effect.LatestSideEffects!.Value));
        Assert.Equal("relief 6 of 10 lately (average 4 over 3 ratings), mild side effects", effect.Summary);
    }

    [Fact]
    public void NoRatings_SaysSo()
    {
        Assert.Equal("not rated yet", InterventionEffects.Aggregate([]).Summary);
    }
}
