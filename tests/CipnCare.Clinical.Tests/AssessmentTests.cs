using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Assessment;

namespace CipnCare.Clinical.Tests;

public sealed class OrthostaticHypotensionTests
{
    private static BloodPressure Bp(int sys, int dia, int? hr = null) => new(sys, dia, hr);

    [Theory]
    [InlineData(130, 80, 110, 80, true)]  // systolic fall exactly 20: meets the criterion
    [InlineData(130, 80, 111, 80, false)] // 19: does not
    [InlineData(130, 80, 125, 70, true)]  // diastolic fall exactly 10
    [InlineData(130, 80, 125, 71, false)] // 9
    [InlineData(130, 80, 135, 85, false)] // pressure rises on standing
    public void ConsensusCriterion_TwentySystolicOrTenDiastolic_AtThreeMinutes(int supSys, int supDia, int stSys, int stDia, bool present)
    {
        var result = OrthostaticHypotension.Assess(Bp(supSys, supDia), BloodPressure.None, Bp(stSys, stDia));

        Assert.Equal(present, result.Present);
        Assert.Equal(supSys - stSys, result.SystolicFall);
        Assert.Equal(supDia - stDia, result.DiastolicFall);
    }

    [Fact]
    public void FallAtOneMinute_Counts_EvenWhenRecoveredByThree()
    {
        var result = OrthostaticHypotension.Assess(Bp(128, 78, 68), Bp(104, 70, 92), Bp(122, 76, 84));

        Assert.True(result.Present);
        Assert.Equal(24, result.SystolicFall);
        Assert.Equal(8, result.DiastolicFall);
        Assert.Equal(24, result.HeartRateRise);
        Assert.Contains(result.Reasons, r => r.StartsWith("at 1 min standing 104/70 vs lying 128/78 mmHg: systolic fell 24", StringComparison.Ordinal));
    }

    [Fact]
    public void NoLyingPressure_IsNotMeasured()
    {
        Assert.Null(OrthostaticHypotension.Assess(BloodPressure.None, Bp(120, 80), Bp(120, 80)).Present);
        Assert.Null(OrthostaticHypotension.Assess(Bp(120, 80), BloodPressure.None, BloodPressure.None).Present);
    }

    [Fact]
    public void SupineHypertension_IsNoted_ButTheStandardCriterionDecides()
    {
        var result = OrthostaticHypotension.Assess(Bp(165, 88), Bp(143, 85), BloodPressure.None);

        Assert.True(result.SupineHypertension);
        Assert.True(result.Present); // 22 ≥ 20
        Assert.Contains(result.Reasons, r => r.Contains("≥ 30 mmHg", StringComparison.Ordinal));
    }
}

public sealed class ChairStandNormsTests
{
    [Theory]
    [InlineData(60, NormSex.Male, 14)]
    [InlineData(64, NormSex.Female, 12)]
    [InlineData(65, NormSex.Male, 12)]
    [InlineData(69, NormSex.Female, 11)]
    [InlineData(72, NormSex.Male, 12)]
    [InlineData(72, NormSex.Female, 10)]
    [InlineData(77, NormSex.Male, 11)]
    [InlineData(79, NormSex.Female, 10)]
    [InlineData(80, NormSex.Male, 10)]
    [InlineData(84, NormSex.Female, 9)]
    [InlineData(85, NormSex.Male, 8)]
    [InlineData(89, NormSex.Female, 8)]
    [InlineData(90, NormSex.Male, 7)]
    [InlineData(94, NormSex.Female, 4)]
    public void BelowAverage_ByAgeBandAndSex_AsTheCdcForm(int age, NormSex sex, int averageAtLeast)
    {
        Assert.Equal(averageAtLeast, ChairStandNorms.AverageAtLeast(age, sex));
        Assert.True(ChairStandNorms.BelowAverage(averageAtLeast - 1, age, sex));
        Assert.False(ChairStandNorms.BelowAverage(averageAtLeast, age, sex));
    }

    [Theory]
    [InlineData(59)]
    [InlineData(95)]
    [InlineData(35)]
    public void OutsideSixtyToNinetyFour_HasNoNorm(int age)
    {
        Assert.Null(ChairStandNorms.AverageAtLeast(age, NormSex.Female));
        Assert.Null(ChairStandNorms.BelowAverage(3, age, NormSex.Male));
    }
}

public sealed class FallRiskTests
{
    private static FallRiskInput Input(int falls = 0, bool injury = false, bool? unsteady = false, bool? worried = false, double? tug = null,
        int? stands = null, int? age = 70, NormSex? sex = NormSex.Female, double? tandem = null, bool? orthostatic = false, bool feet = false) =>
        new(falls, injury, unsteady, worried, tug, stands, age, sex, tandem, orthostatic, feet, false);

    [Theory]
    [InlineData(11.9, FallRiskLevel.Low)]
    [InlineData(12.0, FallRiskLevel.Moderate)] // TUG ≥ 12 s is at risk
    [InlineData(15.5, FallRiskLevel.Moderate)]
    public void Tug_TwelveSecondsOrMore_IsAProblem(double tug, FallRiskLevel level)
    {
        Assert.Equal(level, FallRisk.Assess(Input(tug: tug)).Level);
    }

    [Fact]
    public void NoScreenAndNoTests_IsNotAssessed_NeverLow()
    {
        var nothing = FallRisk.Assess(Input(unsteady: null, worried: null, orthostatic: null));

        Assert.Equal(FallRiskLevel.NotAssessed, nothing.Level);
        Assert.Equal("not assessed", FallRisk.Describe(nothing.Level));
        Assert.Equal(FallRiskLevel.Low, FallRisk.Assess(Input(unsteady: false, worried: null, orthostatic: null)).Level); // a screen answered "no"
        Assert.Equal(FallRiskLevel.Low, FallRisk.Assess(Input(unsteady: null, worried: null, tug: 9)).Level); // a test done
    }

    [Fact]
    public void ChairStand_BelowTheNormForAgeAndSex_IsAProblem()
    {
        // A woman of 72: average is 10 or more.
        Assert.Equal(FallRiskLevel.Moderate, FallRisk.Assess(Input(stands: 9)).Level);
        Assert.Equal(FallRiskLevel.Low, FallRisk.Assess(Input(stands: 10)).Level);
        // A man of 72 with 11 stands is below his norm of 12.
        var man = FallRisk.Assess(Input(stands: 11, sex: NormSex.Male));
        Assert.Equal(FallRiskLevel.Moderate, man.Level);
        Assert.Contains("30-second chair stand 11 (below average for a man aged 70: under 12)", man.Reasons);
    }

    [Fact]
    public void ChairStand_WithoutANorm_IsReportedNotJudged()
    {
        var result = FallRisk.Assess(Input(stands: 5, age: 45));

        Assert.Equal(FallRiskLevel.Low, result.Level);
        Assert.Contains("30-second chair stand 5: no published norm for age 45", result.Reasons);
    }

    [Theory]
    [InlineData(9.9, true)]
    [InlineData(10, false)]
    public void Tandem_UnderTenSeconds_IsAProblem(double seconds, bool problem)
    {
        Assert.Equal(problem, FallRisk.Assess(Input(tandem: seconds)).GaitStrengthOrBalanceProblem);
    }

    [Fact]
    public void WorkedCase_OneFallAndSlowTug_IsHigh_WithPhysicalTherapyHomeSafetyFeetVisionAndMedicines()
    {
        var result = FallRisk.Assess(Input(falls: 1, unsteady: true, tug: 14.2, feet: true));

        Assert.Equal(FallRiskLevel.High, result.Level);
        Assert.True(result.ScreenedAtRisk);
        Assert.Equal(["physical-therapy", "home-safety", "feet-footwear", "vision", "medication-review"], result.Recommendations.Select(r => r.Code));
        Assert.Equal(["1 fall reported in the past year", "feels unsteady when standing or walking", "Timed Up and Go 14.2 s (≥ 12 s is at risk)", "reduced feeling in the feet"], result.Reasons);
    }

    [Fact]
    public void Reasons_AreWrittenWithADecimalPoint_WhateverTheServersCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE"); // a server with LANG=de_DE printed "14,2 s"
        try
        {
            var result = FallRisk.Assess(Input(tug: 14.2, tandem: 7.5));

            Assert.Contains("Timed Up and Go 14.2 s (≥ 12 s is at risk)", result.Reasons);
            Assert.Contains("tandem stance held 7.5 s (under 10 s)", result.Reasons);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(2, false, FallRiskLevel.High)]
    [InlineData(1, true, FallRiskLevel.High)]
    [InlineData(1, false, FallRiskLevel.Low)] // one fall, no injury, no gait/strength/balance problem
    public void Falls_TwoOrInjured_AreHigh(int falls, bool injury, FallRiskLevel level)
    {
        var result = FallRisk.Assess(Input(falls: falls, injury: injury));

        Assert.Equal(level, result.Level);
        Assert.True(result.ScreenedAtRisk);
        Assert.Contains(result.Recommendations, r => r.Code == "home-safety");
    }

    [Fact]
    public void NothingFound_IsLow_WithoutRecommendations()
    {
        var result = FallRisk.Assess(Input(tug: 8, stands: 14, tandem: 10));

        Assert.Equal(FallRiskLevel.Low, result.Level);
        Assert.False(result.ScreenedAtRisk);
        Assert.Empty(result.Recommendations);
    }

    [Fact]
    public void OrthostaticHypotension_AddsItsRecommendation()
    {
        Assert.Contains(FallRisk.Assess(Input(worried: true, orthostatic: true)).Recommendations, r => r.Code == "orthostatic");
    }
}

public sealed class ExamCompositeTests
{
    public static ExamFindings WorkedExam() => new()
    {
        SensorySymptoms = SensoryLevel.WristOrAnkle,   // 2
        MotorSymptoms = 1,                             // 1
        AutonomicAsked = true,
        AutonomicSymptoms = [AutonomicSymptom.DizzinessOnStanding], // 1
        Sensation = Sensation.NotExamined with
        {
            PinHands = new(SensoryLevel.FingersOrToes, SensoryLevel.Normal),
            PinFeet = new(SensoryLevel.WristOrAnkle, SensoryLevel.FingersOrToes), // worst 2
            VibrationHands = new(SensoryLevel.FingersOrToes, SensoryLevel.FingersOrToes),
            VibrationFeet = new(SensoryLevel.ElbowOrKnee, SensoryLevel.WristOrAnkle), // worst 3
        },
        Strength = new Dictionary<Muscle, Pair<int?>>
        {
            [Muscle.AnkleDorsiflexion] = new(4, 5), // weakest 4 → 1
            [Muscle.HipFlexion] = new(5, 5),
        },
        Reflexes = new Dictionary<Reflex, Pair<int?>>
        {
            [Reflex.Ankle] = new(0, 1), // absent on the worse side
            [Reflex.Knee] = new(2, 2),
            [Reflex.Biceps] = new(2, 2), // others normal → 2
        },
    };

    [Fact]
    public void WorkedCase_ScoresEachItem_AndTotals()
    {
        var result = ExamComposite.Score(WorkedExam());

        Assert.Equal([2, 1, 1, 2, 3, 1, 2], result.Items.Select(i => i.Score));
        Assert.Equal(12, result.Total);
        Assert.Equal(7, result.ItemsScored);
    }

    [Fact]
    public void MissingItem_GivesNoTotal()
    {
        var result = ExamComposite.Score(WorkedExam() with { MotorSymptoms = null });

        Assert.Null(result.Total);
        Assert.Equal(6, result.ItemsScored);
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(4, 1)]
    [InlineData(3, 2)]
    [InlineData(2, 3)]
    [InlineData(1, 3)]
    [InlineData(0, 4)]
    public void Strength_WeakestMrcGrade(int mrc, int score)
    {
        var exam = new ExamFindings { Strength = new Dictionary<Muscle, Pair<int?>> { [Muscle.WristExtension] = new(5, mrc), [Muscle.GreatToeExtension] = new(null, 5) } };

        Assert.Equal(score, ExamComposite.StrengthScore(exam));
    }

    [Theory]
    [InlineData(2, 2, 2, 0)]
    [InlineData(1, 2, 2, 1)]
    [InlineData(0, 2, 2, 2)]
    [InlineData(0, 1, 2, 3)]
    [InlineData(0, 0, 0, 4)]
    public void Reflexes_AnkleFirstThenOthers(int ankle, int knee, int biceps, int score)
    {
        var exam = new ExamFindings
        {
            Reflexes = new Dictionary<Reflex, Pair<int?>> { [Reflex.Ankle] = new(ankle, 2), [Reflex.Knee] = new(knee, knee), [Reflex.Biceps] = new(biceps, biceps) },
        };

        Assert.Equal(score, ExamComposite.ReflexScore(exam));
    }

    [Fact]
    public void AutonomicSymptoms_CountCappedAtFour_AndNotAskedIsMissing()
    {
        var all = new ExamFindings { AutonomicAsked = true, AutonomicSymptoms = Enum.GetValues<AutonomicSymptom>() };

        Assert.Equal(4, ExamComposite.Score(all).Items.Single(i => i.Code == "autonomic-symptoms").Score);
        Assert.Equal(0, ExamComposite.Score(new ExamFindings { AutonomicAsked = true }).Items.Single(i => i.Code == "autonomic-symptoms").Score);
        Assert.Null(ExamComposite.Score(new ExamFindings()).Items.Single(i => i.Code == "autonomic-symptoms").Score);
    }
}

public sealed class ExamComparisonTests
{
    [Fact]
    public void WorseExam_ListsEachChange_WithDeltaAndDirection()
    {
        var before = ExamCompositeTests.WorkedExam() with { TugSeconds = 10.5, ChairStands = 12, GripKg = new(24, 26) };
        var after = before with
        {
            SensorySymptoms = SensoryLevel.ElbowOrKnee, // 2 → 3
            TugSeconds = 13.1,
            ChairStands = 9,
            GripKg = new(24, 28),
        };

        var changes = ExamComparison.Compare(before, after);

        var total = changes.Single(c => c.Code == "composite-total");
        Assert.Equal(("12", "13", 1.0, FindingDirection.Worse), (total.Before, total.After, total.Delta, total.Direction));
        Assert.Equal((2.6, FindingDirection.Worse), (changes.Single(c => c.Code == "tug").Delta, changes.Single(c => c.Code == "tug").Direction));
        Assert.Equal((-3.0, FindingDirection.Worse), (changes.Single(c => c.Code == "chair-stand").Delta, changes.Single(c => c.Code == "chair-stand").Direction));
        Assert.Equal((2.0, FindingDirection.Better), (changes.Single(c => c.Code == "grip-right").Delta, changes.Single(c => c.Code == "grip-right").Direction));
        Assert.DoesNotContain(changes, c => c.Code == "grip-left"); // unchanged
        Assert.DoesNotContain(changes, c => c.Code == "pin");
    }

    [Fact]
    public void UsingArmsInTheChairStand_ScoresZero()
    {
        var changes = ExamComparison.Compare(new ExamFindings { ChairStands = 8 }, new ExamFindings { ChairStands = 8, ChairStandUsedArms = true });

        Assert.Equal(-8, changes.Single(c => c.Code == "chair-stand").Delta);
    }
}

public sealed class ExamValidationTests
{
    [Fact]
    public void ImpossibleValues_AreRejected_WithMessagesByField()
    {
        var exam = new ExamFindings
        {
            Strength = new Dictionary<Muscle, Pair<int?>> { [Muscle.AnkleDorsiflexion] = new(7, 5) },
            Reflexes = new Dictionary<Reflex, Pair<int?>> { [Reflex.Knee] = new(2, -1) },
            TugSeconds = 0,
            Supine = new(400, 80, 70),
            StandingOneMinute = new(120, 130, 300),
            ChairStands = 55,
            Balance = new(10, 10, 12, null),
            CtcaeSensory = 5,
        };

        var errors = ExamValidation.Check(exam);

        Assert.Equal("Ankle dorsiflexion: MRC grades are 0 (no movement) to 5 (normal power).", errors["mrc-AnkleDorsiflexion-left"]);
        Assert.False(errors.ContainsKey("mrc-AnkleDorsiflexion-right"));
        Assert.Contains("0 (absent) to 4", errors["reflex-Knee-right"], StringComparison.Ordinal);
        Assert.StartsWith("Timed Up and Go is 2 to 300 seconds", errors["tug"], StringComparison.Ordinal);
        Assert.Equal("Systolic pressure is 50 to 280 mmHg.", errors["supine-systolic"]);
        Assert.Equal("Diastolic pressure must be lower than systolic.", errors["standing1-diastolic"]);
        Assert.Equal("Heart rate is 20 to 250 beats per minute.", errors["standing1-heartRate"]);
        Assert.Contains("0 to 40", errors["chairStands"], StringComparison.Ordinal);
        Assert.Contains("0 to 10 seconds", errors["balance-tandem"], StringComparison.Ordinal);
        Assert.Contains("no grade 5", errors["ctcaeSensory"], StringComparison.Ordinal);
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void ARealisticExam_IsValid()
    {
        Assert.Empty(ExamValidation.Check(ExamCompositeTests.WorkedExam() with { TugSeconds = 11.2, Supine = new(128, 78, 70), StandingOneMinute = new(110, 72, 88) }));
    }

    [Fact]
    public void HalfABloodPressure_IsRejected()
    {
        Assert.Equal("Give both systolic and diastolic pressure.", ExamValidation.Check(new ExamFindings { Supine = new(120, null, null) })["supine-diastolic"]);
    }
}

public sealed class OtherCauseCheckTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [Fact]
    public void SymmetricDistalExam_WithNormalLabs_GivesNoPrompt()
    {
        var labs = new[] { new DiagnosticValue("b12", Day, 420, 200, 900, null), new DiagnosticValue("hba1c", Day, 5.4, null, 5.6, null) };

        Assert.Empty(OtherCauseCheck.Reasons(ExamCompositeTests.WorkedExam(), labs));
        Assert.Null(OtherCauseCheck.ToAlert([]));
    }

    [Fact]
    public void AsymmetryProximalWeaknessAndAtaxia_AreListed()
    {
        var exam = new ExamFindings
        {
            Sensation = Sensation.NotExamined with
            {
                PinFeet = new(SensoryLevel.ElbowOrKnee, SensoryLevel.FingersOrToes),
                ProprioceptionFeet = new(Proprioception.Absent, Proprioception.Reduced),
            },
            Strength = new Dictionary<Muscle, Pair<int?>> { [Muscle.HipFlexion] = new(3, 4), [Muscle.AnkleDorsiflexion] = new(5, 5) },
            Romberg = RombergResult.Positive,
        };

        var reasons = OtherCauseCheck.Reasons(exam, []);

        Assert.Equal(
            [
                "asymmetric pin prick in the feet (left to elbow/knee, right fingers/toes)",
                "proximal weakness (MRC 3 at the shoulder or hip, distal 5)",
                "sensory ataxia: positive Romberg with lost joint-position sense (platinum drugs can also cause this)",
            ],
            reasons);
    }

    [Fact]
    public void AbnormalOtherCauseLabs_InTheDirectionThatMatters_AreListed_NewestResultCounts()
    {
        var labs = new[]
        {
            new DiagnosticValue("b12", Day.AddDays(-60), 150, 200, 900, null), // old low result, since repeated normal
            new DiagnosticValue("b12", Day, 380, 200, 900, null),
            new DiagnosticValue("hba1c", Day, 7.1, null, 5.6, null),
            new DiagnosticValue("tsh", Day, 0.1, 0.4, 4.0, null),
            new DiagnosticValue("creatinine", Day, 0.5, 0.6, 1.3, null), // low creatinine is not an other-cause finding
            new DiagnosticValue("spep-ife", Day, null, null, null, true),
        };

        var reasons = OtherCauseCheck.Reasons(null, labs);

        Assert.Equal(
            [
                "Haemoglobin A1c 7.1 % (high, 2026-11-01): raised HbA1c: diabetes causes neuropathy",
                "Thyroid-stimulating hormone (TSH) 0.1 mIU/L (low, 2026-11-01): abnormal thyroid function",
                "Serum protein electrophoresis with immunofixation (abnormal, 2026-11-01): a monoclonal protein (paraproteinaemic neuropathy)",
            ],
            reasons);
        var alert = OtherCauseCheck.ToAlert(reasons)!;
        Assert.Equal((AlertCode.ConsiderOtherCause, AlertSeverity.Routine), (alert.Code, alert.Severity));
        Assert.StartsWith("other-cause-exam:", alert.ConditionKey, StringComparison.Ordinal);
        Assert.Equal(alert.ConditionKey, OtherCauseCheck.ToAlert(reasons)!.ConditionKey);
    }

    [Theory]
    [InlineData(150.0, RangeFinding.Low)]
    [InlineData(200.0, RangeFinding.Normal)]
    [InlineData(950.0, RangeFinding.High)]
    public void Flag_AgainstTheRange(double value, RangeFinding flag)
    {
        Assert.Equal(flag, new DiagnosticValue("b12", Day, value, 200, 900, null).Flag);
    }
}

public sealed class DiagnosticCatalogueTests
{
    [Theory]
    [InlineData("umol/L", "µmol/L")]
    [InlineData("uV", "µV")]
    [InlineData("ug/L", "µg/L")]
    [InlineData("mg/dL", "mg/dL")]
    [InlineData("U/L", "U/L")] // enzyme units stay
    [InlineData("mmol/L", "mmol/L")]
    public void Units_AreShownAsPeopleWriteThem(string ucum, string shown) => Assert.Equal(shown, DiagnosticCatalogue.DisplayUnit(ucum));

    [Fact]
    public void FastingGlucose_IsLoinc1558_6() => Assert.Equal("1558-6", DiagnosticCatalogue.All.Single(t => t.Code == "glucose-fasting").Loinc);
}
