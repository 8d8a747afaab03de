using CipnCare.Clinical.Exposure;

namespace CipnCare.Clinical.Tests;

public sealed class BodySurfaceAreaTests
{
    [Theory]
    [InlineData(170, 70, BsaFormula.Mosteller, 1.8181)] // √(170 × 70 / 3600)
    [InlineData(180, 80, BsaFormula.Mosteller, 2.0000)] // √(14400 / 3600)
    [InlineData(170, 70, BsaFormula.DuBois, 1.8097)] // 0.007184 × 70^0.425 × 170^0.725
    [InlineData(160, 55, BsaFormula.DuBois, 1.5632)]
    public void Calculate_MatchesTheFormula(double heightCm, double weightKg, BsaFormula formula, double expected) =>
        Assert.Equal(expected, BodySurfaceArea.Calculate(heightCm, weightKg, formula), 4);

    [Theory]
    [InlineData(0, 70)]
    [InlineData(300, 70)]
    [InlineData(170, 0)]
    [InlineData(170, 500)]
    public void Calculate_ImpossibleBody_Throws(double heightCm, double weightKg) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BodySurfaceArea.Calculate(heightCm, weightKg, BsaFormula.Mosteller));

    [Fact]
    public void BodySize_UsesLatestHeightAndWeightOnOrBeforeTheDate()
    {
        var measurements = new[]
        {
            new BodyMeasurement(new(2026, 1, 1), 180, 90),
            new BodyMeasurement(new(2026, 3, 1), null, 80),
            new BodyMeasurement(new(2026, 6, 1), null, 70),
        };

        var size = BodySize.At(measurements, new DateTime(2026, 4, 1), BsaFormula.Mosteller);

        Assert.Equal((180, 80, 2.0), (size!.HeightCm, size.WeightKg, Math.Round(size.BsaM2, 6)));
        Assert.Null(BodySize.At(measurements, new DateTime(2025, 12, 31), BsaFormula.Mosteller));
    }
}

public sealed class CumulativeExposureTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>VRd: bortezomib on days 1, 4, 8 and 11 of each 21-day cycle (ref §5).</summary>
    private static readonly int[] VrdBortezomibDays = [0, 3, 7, 10];

    /// <summary>180 cm, 80 kg: Mosteller BSA exactly 2.0 m².</summary>
    private static readonly BodyMeasurement[] Body = [new(Start.AddDays(-7), 180, 80)];

    private static NormalisedDose Dose(string agent, double daysFromStart, double amount, DoseUnit unit) =>
        DoseConversion.Normalise(new Administration(agent, Start.AddDays(daysFromStart), amount, unit), Body, BsaFormula.Mosteller).Dose!;

    private static List<NormalisedDose> Course(string agent, int doses, double intervalDays, double amount, DoseUnit unit) =>
        Enumerable.Range(0, doses).Select(i => Dose(agent, i * intervalDays, amount, unit)).ToList();

    [Fact]
    public void Folfox_TwelveCycles_Is1020MgPerM2_HighRisk()
    {
        var exposure = Assert.Single(CumulativeExposure.Summarise(Course("oxaliplatin", 12, 14, 85, DoseUnit.MgPerM2)));

        Assert.Equal(1020, exposure.CumulativeInBasis, 6);
        Assert.Equal(2040, exposure.CumulativeMg, 6); // 170 mg a dose at 2.0 m²
        Assert.Equal(850, exposure.ThresholdInBasis);
        Assert.Equal(120, exposure.PercentOfThreshold!.Value, 6);
        Assert.Equal("high", exposure.RiskBand);
        Assert.Equal(Start.AddDays(154), exposure.LastDose);
    }

    [Fact]
    public void Folfox_HalfwayWithPlan_ProjectsTheEnd()
    {
        var plan = new PlannedAgent("oxaliplatin", 85, DoseUnit.MgPerM2, 14, Cycles: 12);

        var exposure = Assert.Single(CumulativeExposure.Summarise(Course("oxaliplatin", 6, 14, 85, DoseUnit.MgPerM2), [plan], _ => 85));

        Assert.Equal(510, exposure.CumulativeInBasis, 6);
        Assert.Equal(CumulativeExposure.BelowThreshold, exposure.RiskBand);
        Assert.Equal(60, exposure.PercentOfThreshold!.Value, 6);
        Assert.Equal(1020, exposure.ProjectedInBasis!.Value, 6);
        Assert.Equal("high", exposure.ProjectedRiskBand);
    }

    [Theory]
    [InlineData(4, 520, "below threshold")]
    [InlineData(5, 650, "elevated")]
    [InlineData(7, 910, "high")]
    [InlineData(8, 1040, "high")]
    public void Capox_BandsFollowTheCumulativeDose(int cycles, double cumulative, string band)
    {
        var exposure = Assert.Single(CumulativeExposure.Summarise(Course("oxaliplatin", cycles, 21, 130, DoseUnit.MgPerM2)));

        Assert.Equal(cumulative, exposure.CumulativeInBasis, 6);
        Assert.Equal(band, exposure.RiskBand);
    }

    [Fact]
    public void WeeklyPaclitaxel_HasNoInventedThreshold()
    {
        var exposure = Assert.Single(CumulativeExposure.Summarise(Course("paclitaxel", 12, 7, 80, DoseUnit.MgPerM2)));

        Assert.Equal(960, exposure.CumulativeInBasis, 6);
        Assert.Null(exposure.PercentOfThreshold);
        Assert.Equal(CumulativeExposure.NoThreshold, exposure.RiskBand);
    }

    [Fact]
    public void RChopVincristine_CappedAt2Mg_IsOneMgPerM2ADose()
    {
        var exposure = Assert.Single(CumulativeExposure.Summarise(Course("vincristine", 6, 21, 2, DoseUnit.Mg)));

        Assert.Equal(6, exposure.CumulativeInBasis, 6); // 2 mg / 2.0 m² × 6
        Assert.Equal(12, exposure.CumulativeMg, 6);
        Assert.Equal("elevated", exposure.RiskBand); // reached 4 mg/m² at the 4th dose
        Assert.Equal(150, exposure.PercentOfThreshold!.Value, 6);
    }

    [Theory]
    [InlineData(3, 15.6, "below threshold")]
    [InlineData(4, 20.8, "elevated")]
    [InlineData(5, 26.0, "high")]
    public void VrdBortezomib_FourDosesPerCycle(int cycles, double cumulative, string band)
    {
        var doses = Enumerable.Range(0, cycles).SelectMany(c => VrdBortezomibDays.Select(d => Dose("bortezomib", (c * 21) + d, 1.3, DoseUnit.MgPerM2))).ToList();

        var exposure = Assert.Single(CumulativeExposure.Summarise(doses));

        Assert.Equal(cumulative, exposure.CumulativeInBasis, 6);
        Assert.Equal(band, exposure.RiskBand);
        Assert.Equal(cycles * 4, exposure.Doses);
    }

    [Fact]
    public void Brentuximab_MgPerKg_UsesWeight()
    {
        var exposure = Assert.Single(CumulativeExposure.Summarise(Course("brentuximab-vedotin", 2, 21, 1.8, DoseUnit.MgPerKg)));

        Assert.Equal(3.6, exposure.CumulativeInBasis, 6);
        Assert.Equal(288, exposure.CumulativeMg, 6); // 1.8 × 80 kg × 2
    }

    [Fact]
    public void Summarise_SeveralAgents_OneLineEachInCatalogueOrder()
    {
        var doses = Course("paclitaxel", 2, 7, 80, DoseUnit.MgPerM2).Concat(Course("carboplatin", 1, 21, 600, DoseUnit.Mg)).Concat(Course("oxaliplatin", 1, 14, 85, DoseUnit.MgPerM2));

        var exposure = CumulativeExposure.Summarise(doses);

        Assert.Equal(["oxaliplatin", "carboplatin", "paclitaxel"], exposure.Select(e => e.Agent.Code));
        Assert.Equal(600, exposure[1].CumulativeMg);
    }

    [Fact]
    public void Normalise_RefusesUnknownAgentNonPositiveDoseAndMissingBody()
    {
        Assert.Contains("not a known neurotoxic agent", DoseConversion.Normalise(new("aspirin", Start, 1, DoseUnit.Mg), Body, BsaFormula.Mosteller).Problems[0], StringComparison.Ordinal);
        Assert.Equal("The dose must be more than 0.", DoseConversion.Normalise(new("oxaliplatin", Start, 0, DoseUnit.MgPerM2), Body, BsaFormula.Mosteller).Problems[0]);
        var noBody = DoseConversion.Normalise(new("oxaliplatin", Start, 85, DoseUnit.MgPerM2), [], BsaFormula.Mosteller);
        Assert.Null(noBody.Dose);
        Assert.Contains("A height and a weight recorded on or before 2026-01-05 are needed", noBody.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_FlatMgAgentInMg_NeedsNoBody()
    {
        var result = DoseConversion.Normalise(new("thalidomide", Start, 200, DoseUnit.Mg), [], BsaFormula.Mosteller);

        Assert.Equal((200.0, 200.0), (result.Dose!.Mg, result.Dose.InBasis));
    }
}

public sealed class DoseSafetyTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly BodyMeasurement[] Body = [new(Start.AddDays(-7), 180, 80)];

    private static NormalisedDose Dose(string agent, double days, double amount, DoseUnit unit) =>
        DoseConversion.Normalise(new Administration(agent, Start.AddDays(days), amount, unit), Body, BsaFormula.Mosteller).Dose!;

    private static List<DoseRule> Rules(NormalisedDose proposed, IReadOnlyList<NormalisedDose>? others = null, PlannedAgent? plan = null) =>
        DoseSafety.Check(proposed, others ?? [], plan, plan is null ? null : Dose(plan.AgentCode, 0, plan.Dose, plan.Unit)).Select(f => f.Rule).ToList();

    private static NormalisedDose DoseFor(double weightKg, string agent, double amount, DoseUnit unit) =>
        DoseConversion.Normalise(new Administration(agent, Start, amount, unit), [new(Start.AddDays(-7), 180, weightKg)], BsaFormula.Mosteller).Dose!;

    [Theory]
    [InlineData(120, 1.8, 21, 180.0, false)] // alone: calculated on 100 kg → 180 mg, at the cap (it was 216 mg, a finding)
    [InlineData(80, 1.8, 21, 144.0, false)]
    [InlineData(110, 1.2, 14, 120.0, false)] // with AVD: 1.2 mg/kg on 100 kg → 120 mg
    [InlineData(80, 1.8, 14, 144.0, true)] // 1.8 mg/kg in the AVD regimen: above its 120 mg cap
    public void BrentuximabVedotin_CapDependsOnTheRegimen_AndWeightStopsAt100Kg(double weightKg, double mgPerKg, double intervalDays, double mg, bool fires)
    {
        var plan = new PlannedAgent("brentuximab-vedotin", mgPerKg, DoseUnit.MgPerKg, intervalDays, 6);
        var dose = DoseFor(weightKg, "brentuximab-vedotin", mgPerKg, DoseUnit.MgPerKg);

        var findings = DoseSafety.Check(dose, [], plan, dose);

        Assert.Equal(mg, dose.Mg, 6);
        Assert.Equal(fires, findings.Any(f => f.Rule == DoseRule.AbovePerDoseCap && f.Severity == FindingSeverity.High));
    }

    [Fact]
    public void BrentuximabVedotin_AboveTheAvdCap_SaysTheRegimen()
    {
        var plan = new PlannedAgent("brentuximab-vedotin", 1.2, DoseUnit.MgPerKg, 14, 12);

        var finding = Assert.Single(DoseSafety.Check(DoseFor(80, "brentuximab-vedotin", 1.8, DoseUnit.MgPerKg), [], plan));

        Assert.Equal("Brentuximab vedotin 144 mg is above the 120 mg single-dose maximum with AVD (every 2 weeks).", finding.Message);
    }

    [Theory]
    [InlineData(110, true)] // 1.25 mg/kg × 110 kg = 137.5 mg, above the 125 mg maximum (it was not checked)
    [InlineData(100, false)] // 125 mg
    public void EnfortumabVedotin_AtMost125MgADose(double weightKg, bool fires) =>
        Assert.Equal(fires, DoseSafety.Check(DoseFor(weightKg, "enfortumab-vedotin", 1.25, DoseUnit.MgPerKg), []).Any(f => f.Rule == DoseRule.AbovePerDoseCap && f.Severity == FindingSeverity.High));

    [Theory]
    [InlineData(2.0, DoseUnit.Mg, false)]
    [InlineData(1.0, DoseUnit.MgPerM2, false)] // 2.0 mg at 2.0 m²
    [InlineData(1.4, DoseUnit.MgPerM2, true)] // 2.8 mg: the uncapped R-CHOP dose
    [InlineData(2.5, DoseUnit.Mg, true)]
    public void Vincristine_AboveTwoMg_IsAHighFinding(double amount, DoseUnit unit, bool fires)
    {
        var findings = DoseSafety.Check(Dose("vincristine", 0, amount, unit), []);

        Assert.Equal(fires, findings.Any(f => f.Rule == DoseRule.AbovePerDoseCap && f.Severity == FindingSeverity.High));
    }

    [Fact]
    public void Cap_MessageSaysTheDoseAndTheCap()
    {
        var finding = Assert.Single(DoseSafety.Check(Dose("vincristine", 0, 1.4, DoseUnit.MgPerM2), []));

        Assert.Equal("Vincristine 2.8 mg is above the 2 mg single-dose maximum.", finding.Message);
    }

    [Theory]
    [InlineData(93.5, false)] // exactly +10 %
    [InlineData(94, true)]
    [InlineData(255, true)] // the "tripled dose"
    [InlineData(80, false)]
    public void AbovePlannedDose_MoreThanTenPercent(double amount, bool fires)
    {
        var plan = new PlannedAgent("oxaliplatin", 85, DoseUnit.MgPerM2, 14, 12);

        Assert.Equal(fires, Rules(Dose("oxaliplatin", 0, amount, DoseUnit.MgPerM2), plan: plan).Contains(DoseRule.AbovePlannedDose));
    }

    [Fact]
    public void AbovePlannedDose_ComparesInMg_WhenUnitsDiffer()
    {
        var plan = new PlannedAgent("oxaliplatin", 85, DoseUnit.MgPerM2, 14, 12); // 170 mg at 2.0 m²

        Assert.Contains(DoseRule.AbovePlannedDose, Rules(Dose("oxaliplatin", 0, 190, DoseUnit.Mg), plan: plan));
        Assert.DoesNotContain(DoseRule.AbovePlannedDose, Rules(Dose("oxaliplatin", 0, 180, DoseUnit.Mg), plan: plan));
    }

    [Theory]
    [InlineData(10, true)] // < 0.75 × 14 = 10.5 days
    [InlineData(10.5, false)]
    [InlineData(14, false)]
    public void ShortInterval_AgainstThePlan(double daysSincePrevious, bool fires)
    {
        var plan = new PlannedAgent("oxaliplatin", 85, DoseUnit.MgPerM2, 14, 12);
        var previous = Dose("oxaliplatin", 0, 85, DoseUnit.MgPerM2);

        Assert.Equal(fires, Rules(Dose("oxaliplatin", daysSincePrevious, 85, DoseUnit.MgPerM2), [previous], plan).Contains(DoseRule.ShortInterval));
    }

    [Theory]
    [InlineData(5, true)] // weekly paclitaxel: < 0.75 × 7 = 5.25 days
    [InlineData(6, false)]
    public void ShortInterval_WithoutPlan_UsesTheAgentsShortestUsualInterval(double days, bool fires)
    {
        var previous = Dose("paclitaxel", 0, 80, DoseUnit.MgPerM2);

        Assert.Equal(fires, Rules(Dose("paclitaxel", days, 80, DoseUnit.MgPerM2), [previous]).Contains(DoseRule.ShortInterval));
    }

    [Fact]
    public void ShortInterval_AlsoLooksAtALaterDose_WhenHistoryIsBackfilled()
    {
        var later = Dose("oxaliplatin", 14, 85, DoseUnit.MgPerM2);

        Assert.Contains(DoseRule.ShortInterval, Rules(Dose("oxaliplatin", 7, 85, DoseUnit.MgPerM2), [later]));
    }

    [Fact]
    public void ShortInterval_AgentWithNoVerifiedInterval_AndNoPlan_IsNotChecked()
    {
        var previous = Dose("vinorelbine", 0, 25, DoseUnit.MgPerM2);

        Assert.DoesNotContain(DoseRule.ShortInterval, Rules(Dose("vinorelbine", 3, 25, DoseUnit.MgPerM2), [previous]));
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(25, false)]
    public void SameAgentWithin24Hours_IsADuplicate(double hoursApart, bool fires)
    {
        var previous = Dose("carboplatin", 0, 600, DoseUnit.Mg);

        var rules = Rules(Dose("carboplatin", hoursApart / 24, 600, DoseUnit.Mg), [previous]);

        Assert.Equal(fires, rules.Contains(DoseRule.DuplicateWithin24Hours));
        Assert.DoesNotContain(DoseRule.ShortInterval, rules); // one finding for one problem
    }

    [Theory]
    [InlineData("thalidomide", 200, 23, false)] // the next daily dose (issue #13: it was a high "duplicate")
    [InlineData("lenalidomide", 25, 22, false)]
    [InlineData("pomalidomide", 4, 24, false)]
    [InlineData("thalidomide", 200, 8, true)] // under 12 h after the last
    public void OnceDailyOralAgents_ADayApart_AreTheNextDose_NotADuplicate(string agent, double mg, double hoursApart, bool duplicate)
    {
        var previous = Dose(agent, 0, mg, DoseUnit.Mg);

        var findings = DoseSafety.Check(Dose(agent, hoursApart / 24, mg, DoseUnit.Mg), [previous]);

        Assert.Equal(duplicate, findings.Any(f => f.Rule == DoseRule.DuplicateWithin24Hours && f.Severity == FindingSeverity.High));
        if (!duplicate)
        {
            Assert.Empty(findings);
        }
    }

    [Theory]
    [InlineData(60, true)] // 2.5 days: the old 75 % rule (54 h) let it through
    [InlineData(71, true)]
    [InlineData(72, false)] // the label's minimum
    [InlineData(96, false)]
    public void Bortezomib_NeedsSeventyTwoHoursBetweenDoses_WhateverThePlan(double hoursApart, bool fires)
    {
        var plan = new PlannedAgent("bortezomib", 1.3, DoseUnit.MgPerM2, 3, 8, DosesPerCycle: 4);
        var previous = Dose("bortezomib", 0, 1.3, DoseUnit.MgPerM2);

        var findings = DoseSafety.Check(Dose("bortezomib", hoursApart / 24, 1.3, DoseUnit.MgPerM2), [previous], plan, Dose("bortezomib", 0, 1.3, DoseUnit.MgPerM2));

        var finding = findings.SingleOrDefault(f => f.Rule == DoseRule.ShortInterval);
        Assert.Equal(fires, finding is { Severity: FindingSeverity.High });
        if (fires)
        {
            Assert.Contains("at least 72 hours", finding!.Message, StringComparison.Ordinal);
            Assert.Equal("VELCADE label (dosage): at least 72 hours between consecutive doses", finding.Source);
        }
    }

    [Theory]
    [InlineData(7, true)] // weekly, no plan: told plainly there is no plan, at a lower severity (it was high)
    [InlineData(14, true)] // every 2 weeks, no plan
    [InlineData(21, false)]
    public void Docetaxel_WeeklyWithoutAPlan_IsAModerateNoPlanFinding(double days, bool fires)
    {
        var previous = Dose("docetaxel", 0, 35, DoseUnit.MgPerM2);

        var finding = DoseSafety.Check(Dose("docetaxel", days, 35, DoseUnit.MgPerM2), [previous]).SingleOrDefault(f => f.Rule == DoseRule.ShortInterval);

        Assert.Equal(fires, finding is not null);
        if (fires)
        {
            Assert.Equal(FindingSeverity.Moderate, finding!.Severity);
            Assert.Contains("No regimen plan is on record", finding.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Docetaxel_Weekly_WithAWeeklyPlan_IsNoFinding()
    {
        var plan = new PlannedAgent("docetaxel", 35, DoseUnit.MgPerM2, 7, 6);

        Assert.Empty(Rules(Dose("docetaxel", 7, 35, DoseUnit.MgPerM2), [Dose("docetaxel", 0, 35, DoseUnit.MgPerM2)], plan));
    }

    [Fact]
    public void DifferentAgentsTheSameDay_AreNotDuplicates()
    {
        var carboplatin = Dose("carboplatin", 0, 600, DoseUnit.Mg);

        Assert.Empty(Rules(Dose("paclitaxel", 0, 175, DoseUnit.MgPerM2), [carboplatin]));
    }

    [Theory]
    [InlineData("bortezomib", DoseUnit.MgPerKg, true)] // mg/kg entered for an mg/m² agent
    [InlineData("brentuximab-vedotin", DoseUnit.MgPerM2, true)] // mg/m² entered for an mg/kg agent
    [InlineData("bortezomib", DoseUnit.MgPerM2, false)]
    [InlineData("bortezomib", DoseUnit.Mg, false)] // flat mg is converted, not confused
    public void UnitBasisMismatch_IsAHighFinding(string agent, DoseUnit unit, bool fires)
    {
        var findings = DoseSafety.Check(Dose(agent, 0, 1.3, unit), []);

        Assert.Equal(fires, findings.Any(f => f.Rule == DoseRule.UnitBasisMismatch && f.Severity == FindingSeverity.High));
    }

    [Fact]
    public void CrossingARiskBand_IsReportedOnce_WithItsSource()
    {
        var six = Enumerable.Range(0, 6).Select(i => Dose("oxaliplatin", i * 14, 85, DoseUnit.MgPerM2)).ToList(); // 510 mg/m²

        var seventh = DoseSafety.Check(Dose("oxaliplatin", 84, 85, DoseUnit.MgPerM2), six); // 595
        var eighth = DoseSafety.Check(Dose("oxaliplatin", 98, 85, DoseUnit.MgPerM2), [.. six, Dose("oxaliplatin", 84, 85, DoseUnit.MgPerM2)]); // 680

        var crossing = Assert.Single(seventh);
        Assert.Equal(DoseRule.CrossesRiskBand, crossing.Rule);
        Assert.Equal(FindingSeverity.Moderate, crossing.Severity);
        Assert.Equal("Cumulative Oxaliplatin reaches 595 mg/m², crossing 550 mg/m² (elevated neuropathy risk).", crossing.Message);
        Assert.Contains("PMC8236465", crossing.Source, StringComparison.Ordinal);
        Assert.Empty(eighth);
    }

    [Fact]
    public void OneLargeDose_CanCrossTwoBands()
    {
        var big = DoseSafety.Check(Dose("bortezomib", 0, 27, DoseUnit.MgPerM2), []); // 27 mg/m² at once: past 16 and 26

        Assert.Equal(["elevated", "high"], big.Where(f => f.Rule == DoseRule.CrossesRiskBand).Select(f => f.Message.Contains("(high", StringComparison.Ordinal) ? "high" : "elevated"));
    }

    [Fact]
    public void AnOrdinaryDose_HasNoFindings()
    {
        var previous = Dose("oxaliplatin", 0, 85, DoseUnit.MgPerM2);
        var plan = new PlannedAgent("oxaliplatin", 85, DoseUnit.MgPerM2, 14, 12);

        Assert.Empty(Rules(Dose("oxaliplatin", 14, 85, DoseUnit.MgPerM2), [previous], plan));
    }
}

public sealed class AgentCatalogueTests
{
    [Fact]
    public void HasEveryAgentTheIssueNames()
    {
        string[] required =
        [
            "oxaliplatin", "cisplatin", "carboplatin", "paclitaxel", "nab-paclitaxel", "docetaxel", "vincristine", "vinblastine",
            "vinorelbine", "eribulin", "ixabepilone", "bortezomib", "thalidomide", "lenalidomide", "pomalidomide",
            "brentuximab-vedotin", "polatuzumab-vedotin", "enfortumab-vedotin",
        ];

        Assert.Equal(required.Order(), AgentCatalogue.All.Select(a => a.Code).Order());
    }

    [Theory]
    [InlineData("oxaliplatin", "32592")]
    [InlineData("cisplatin", "2555")]
    [InlineData("carboplatin", "40048")]
    [InlineData("paclitaxel", "56946")]
    [InlineData("docetaxel", "72962")]
    [InlineData("vincristine", "11202")]
    [InlineData("bortezomib", "358258")]
    [InlineData("thalidomide", "10432")]
    [InlineData("lenalidomide", "342369")]
    [InlineData("brentuximab-vedotin", "1147320")] // corrected from 1099330 (ref verification §9)
    public void RxNormCodes_AreTheVerifiedIngredientCodes(string agent, string rxcui)
    {
        Assert.Equal(rxcui, AgentCatalogue.Find(agent)!.RxNormCode);
        Assert.Equal(agent, AgentCatalogue.FindByRxNorm(rxcui)!.Code);
    }

    [Theory]
    [InlineData("eribulin")]
    [InlineData("ixabepilone")]
    [InlineData("pomalidomide")]
    [InlineData("polatuzumab-vedotin")]
    [InlineData("enfortumab-vedotin")]
    [InlineData("nab-paclitaxel")]
    public void UnverifiedRxNormCodes_AreLeftOut_AndSaidSo(string agent)
    {
        var entry = AgentCatalogue.Find(agent)!;

        Assert.Null(entry.RxNormCode);
        Assert.Contains(entry.Gaps, g => g.Contains("RxNorm", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryFact_HasASource_AndEveryMissingThreshold_IsExplained()
    {
        Assert.All(AgentCatalogue.All, a =>
        {
            Assert.NotEmpty(a.Sources);
            Assert.All(a.RiskBands, b => Assert.False(string.IsNullOrWhiteSpace(b.Source)));
            if (a.RiskBands.Count == 0)
            {
                Assert.Contains(a.Gaps, g => g.Contains("threshold", StringComparison.OrdinalIgnoreCase));
            }
        });
    }

    [Fact]
    public void OxaliplatinBands_Are550And850_Not780()
    {
        var bands = AgentCatalogue.Find("oxaliplatin")!.RiskBands;

        Assert.Equal([550.0, 850.0], bands.Select(b => b.From));
        Assert.DoesNotContain(bands, b => Math.Abs(b.From - 780) < 1);
    }
}

public sealed class ExposureTimelineTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly BodyMeasurement[] Body = [new(Start.AddDays(-7), 180, 80)]; // BSA 2.0 m²

    /// <summary>FOLFOX q2w days, entered out of order on purpose: the timeline is by date.</summary>
    private static readonly int[] OutOfOrderDays = [84, 0, 14, 28, 42, 56, 70];

    private static NormalisedDose Dose(string agent, double day, double amount, DoseUnit unit) =>
        DoseConversion.Normalise(new Administration(agent, Start.AddDays(day), amount, unit), Body, BsaFormula.Mosteller).Dose!;

    [Fact]
    public void Folfox_RunsUpDoseByDose_AgainstThe850Threshold()
    {
        var doses = OutOfOrderDays.Select(d => Dose("oxaliplatin", d, 85, DoseUnit.MgPerM2));

        var oxaliplatin = Assert.Single(ExposureTimeline.Build(doses));

        Assert.Equal([85, 170, 255, 340, 425, 510, 595], oxaliplatin.Points.Select(p => Math.Round(p.CumulativeInBasis, 6)));
        Assert.Equal(70.0, Math.Round(oxaliplatin.Points[^1].PercentOfThreshold!.Value, 6)); // 595 / 850
        Assert.Equal(["below threshold", "elevated"], oxaliplatin.Points.Select(p => p.RiskBand).Distinct());
        Assert.Equal(Start.AddDays(84), oxaliplatin.Points[^1].At);
    }

    [Fact]
    public void AgentWithoutThreshold_HasNoPercent_AndAgentsComeInCatalogueOrder()
    {
        var doses = new[] { Dose("paclitaxel", 0, 80, DoseUnit.MgPerM2), Dose("oxaliplatin", 1, 85, DoseUnit.MgPerM2), Dose("paclitaxel", 7, 80, DoseUnit.MgPerM2) };

        var timeline = ExposureTimeline.Build(doses);

        Assert.Equal(["oxaliplatin", "paclitaxel"], timeline.Select(t => t.Agent.Code));
        Assert.Equal([(80.0, (double?)null), (160.0, null)], timeline[1].Points.Select(p => (p.CumulativeInBasis, p.PercentOfThreshold)));
        Assert.All(timeline[1].Points, p => Assert.Equal(CumulativeExposure.NoThreshold, p.RiskBand));
    }
}
