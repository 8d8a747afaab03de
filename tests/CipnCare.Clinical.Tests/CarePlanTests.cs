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
    [InlineData("treatment-duloxetine", EvidenceLabel.MayBeOffered, EvidenceSetting.Treatment, "moderate")]
    [InlineData("treatment-gabapentin-pregabalin", EvidenceLabel.NoRecommendation, EvidenceSetting.Treatment, null)]
    [InlineData("prevention-gabapentin-pregabalin", EvidenceLabel.RecommendedAgainst, EvidenceSetting.Prevention, "moderate")]
    [InlineData("prevention-acetyl-l-carnitine", EvidenceLabel.RecommendedAgainst, EvidenceSetting.Prevention, "strong")]
    [InlineData("prevention-cryotherapy", EvidenceLabel.NoRecommendation, EvidenceSetting.Prevention, null)]
    [InlineData("treatment-acupuncture", EvidenceLabel.NoRecommendation, EvidenceSetting.Treatment, null)]
    public void Label_IsTheEntryPicked_WithItsSettingAndStrength(string code, EvidenceLabel label, EvidenceSetting setting, string? strength)
    {
        var evidence = InterventionEvidence.For(code);

        Assert.Equal((label, setting, strength), (evidence.Label, evidence.Entry!.Setting, evidence.Entry.Strength));
        Assert.Contains("ASCO 2020", evidence.Source, StringComparison.Ordinal);
    }

    [Theory] // ASCO 2020 recommendation 1.4: every agent it lists, each recommended against for prevention (moderate)
    [InlineData("all-trans retinoic acid")]
    [InlineData("amifostine")]
    [InlineData("amitriptyline")]
    [InlineData("calcium and magnesium")]
    [InlineData("calmangafodipir")]
    [InlineData("cannabinoids")]
    [InlineData("carbamazepine")]
    [InlineData("l-carnosine")]
    [InlineData("ddtc")]
    [InlineData("gabapentin or pregabalin")]
    [InlineData("glutamate")]
    [InlineData("glutathione")]
    [InlineData("goshajinkigan")]
    [InlineData("metformin")]
    [InlineData("minocycline")]
    [InlineData("n-acetylcysteine")]
    [InlineData("nimodipine")]
    [InlineData("omega-3")]
    [InlineData("org 2766")]
    [InlineData("oxcarbazepine")]
    [InlineData("rhulif")]
    [InlineData("venlafaxine")]
    [InlineData("vitamin b")]
    [InlineData("vitamin e")]
    public void EveryAgentOfRecommendation1_4_IsOnTheList_RecommendedAgainstForPrevention(string agent)
    {
        var entry = Assert.Single(InterventionEvidence.Entries, e => e.Setting == EvidenceSetting.Prevention && e.Name.Contains(agent, StringComparison.OrdinalIgnoreCase));

        Assert.Equal((EvidenceLabel.RecommendedAgainst, "1.4", "moderate"), (entry.Label, entry.Recommendation, entry.Strength));
    }

    [Fact]
    public void Recommendation1_3_IsNoRecommendationForItsFive()
    {
        Assert.Equal(["Acupuncture", "Cryotherapy", "Compression", "Exercise", "GM-1"],
            InterventionEvidence.Entries.Where(e => e.Recommendation == "1.3").Select(e => e.Name.Split(' ')[0]));
        Assert.All(InterventionEvidence.Entries.Where(e => e.Recommendation == "1.3"), e => Assert.Equal(EvidenceLabel.NoRecommendation, e.Label));
    }

    [Fact]
    public void Codes_AreUnique_AndDuloxetineIsTheOnlyTreatmentThatMayBeOffered()
    {
        Assert.Equal(InterventionEvidence.Entries.Count, InterventionEvidence.Entries.Select(e => e.Code).Distinct().Count());
        Assert.Equal(["treatment-duloxetine"], InterventionEvidence.Entries.Where(e => e.Label == EvidenceLabel.MayBeOffered).Select(e => e.Code));
    }

    [Theory] // free text is never matched: these are other indications, not CIPN prevention
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Vitamin B12 injections for a measured deficiency")]
    [InlineData("vitamin-b")]
    [InlineData("TREATMENT-DULOXETINE")]
    public void WithoutAnEntryFromTheList_ItIsNotRated(string? code)
    {
        Assert.Equal(EvidenceLabel.NotRated, InterventionEvidence.For(code).Label);
        Assert.Null(InterventionEvidence.For(code).Entry);
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
