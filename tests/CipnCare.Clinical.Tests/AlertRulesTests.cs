using CipnCare.Clinical.Alerts;

namespace CipnCare.Clinical.Tests;

public sealed class AlertRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static CheckInFacts Facts(int sensory = 0, int motor = 0, double daysAgo = 0, string? notes = null, params (string Item, double Value)[] items) =>
        new(Now.AddDays(-daysAgo), sensory, motor, null, null, items.ToDictionary(i => i.Item, i => i.Value), notes);

    private static IReadOnlyList<Alert> Evaluate(CheckInFacts latest, CheckInFacts? previous = null, CheckInFacts? baseline = null, bool onTreatment = false, bool exposed = true, int missed = 0, params CheckInFacts[] earlier) =>
        AlertRules.Evaluate(new AlertInput(latest, previous, baseline, earlier.Length > 0 ? earlier : previous is null ? [] : [previous], onTreatment, exposed, missed, AlertThresholds.Default));

    [Theory]
    [InlineData(2, 0, AlertCode.SensoryGrade, true)]
    [InlineData(3, 0, AlertCode.SensoryGrade, true)]
    [InlineData(1, 1, AlertCode.SensoryGrade, false)]
    [InlineData(0, 2, AlertCode.MotorGrade, true)]
    [InlineData(1, 1, AlertCode.MotorGrade, false)]
    public void GradeTwoOrMore_IsHigh(int sensory, int motor, AlertCode code, bool fires)
    {
        var alerts = Evaluate(Facts(sensory, motor, items: ("numbness-feet", 1)));

        Assert.Equal(fires, alerts.Any(a => a.Code == code && a.Severity == AlertSeverity.High && a.PatientStep == PatientNextStep.ContactTeamToday));
    }

    [Theory]
    [InlineData(0, 0, 1, 0, true)] // sensory 0 → 1: worse
    [InlineData(1, 0, 1, 1, true)] // motor 0 → 1: worse
    [InlineData(1, 0, 1, 0, false)] // same grades
    [InlineData(2, 1, 1, 1, false)] // better
    public void WorseByAGrade_ThanThePreviousReport(int prevSensory, int prevMotor, int sensory, int motor, bool fires)
    {
        var alerts = Evaluate(Facts(sensory, motor), previous: Facts(prevSensory, prevMotor, daysAgo: 7));

        Assert.Equal(fires, alerts.Any(a => a.Code == AlertCode.WorseThanBefore));
    }

    [Fact]
    public void WorseThanBaseline_EvenWhenThePreviousWasTheSame()
    {
        var alerts = Evaluate(Facts(1, 0), previous: Facts(1, 0, daysAgo: 7), baseline: Facts(0, 0, daysAgo: 60));

        var worse = Assert.Single(alerts, a => a.Code == AlertCode.WorseThanBefore);
        Assert.Equal(("Worse than the baseline", AlertSeverity.Routine), (worse.Title, worse.Severity));
    }

    [Theory]
    [InlineData(0, 20, true)] // 0 → 2 within 4 weeks
    [InlineData(0, 35, false)] // the low point is outside the window
    [InlineData(1, 10, false)] // a rise of one grade only
    public void RiseOfTwoGradesWithinFourWeeks_IsRapidProgression_AndSuggestsAnotherCause(int earlierGrade, double earlierDaysAgo, bool fires)
    {
        var alerts = Evaluate(Facts(2, 0), previous: Facts(1, 0, daysAgo: 7), earlier: [Facts(earlierGrade, 0, daysAgo: earlierDaysAgo), Facts(1, 0, daysAgo: 7)]);

        var rapid = alerts.SingleOrDefault(a => a.Code == AlertCode.RapidProgression);
        Assert.Equal(fires, rapid is not null);
        if (fires)
        {
            Assert.Contains("neurology review", rapid!.Suggestions[0].Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("weakness-stairs", AlertCode.NewMotorSymptoms)]
    [InlineData("cramps", AlertCode.NewMotorSymptoms)]
    [InlineData("palpitations", AlertCode.NewAutonomicSymptoms)]
    [InlineData("bowel-bladder", AlertCode.NewAutonomicSymptoms)]
    public void NewMotorOrAutonomicSymptoms_Fire_OnlyWhenNew(string item, AlertCode code)
    {
        var isNew = Evaluate(Facts(1, 1, items: (item, 1)), previous: Facts(1, 0, daysAgo: 7));
        var known = Evaluate(Facts(1, 1, items: (item, 2)), previous: Facts(1, 1, daysAgo: 7, items: (item, 1)));

        Assert.Contains(isNew, a => a.Code == code && a.Severity == AlertSeverity.High);
        Assert.DoesNotContain(known, a => a.Code == code);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void SevereDizzinessOnStanding_IsNearFainting(double dizziness, bool fires) =>
        Assert.Equal(fires, Evaluate(Facts(1, 0, items: ("dizziness-standing", dizziness))).Any(a => a.Code == AlertCode.NearFainting));

    [Theory]
    [InlineData(0, 0, null, null)]
    [InlineData(1, 0, AlertCode.Fall, AlertSeverity.High)]
    [InlineData(2, 1, AlertCode.FallWithInjury, AlertSeverity.Urgent)]
    public void AnyFall_Alerts_WithInjuryUrgently(double falls, double hurt, AlertCode? code, AlertSeverity? severity)
    {
        var alert = Evaluate(Facts(1, 1, items: [("falls", falls), ("fall-injury", hurt)])).SingleOrDefault(a => a.Code is AlertCode.Fall or AlertCode.FallWithInjury);

        Assert.Equal((code, severity), (alert?.Code, alert?.Severity));
        if (code == AlertCode.FallWithInjury)
        {
            Assert.Equal(PatientNextStep.CallEmergency, alert!.PatientStep);
        }
    }

    [Theory]
    [InlineData(2, 0, true, true)] // hip weakness 2, hands/feet 0
    [InlineData(2, 2, true, false)] // as weak distally
    [InlineData(0, 0, false, true)] // symptoms without any neurotoxic exposure
    [InlineData(0, 0, true, false)]
    public void PatternsSuggestingAnotherCause(double proximal, double distal, bool exposed, bool fires)
    {
        var alerts = Evaluate(Facts(1, 1, items: [("weakness-chair", proximal), ("weakness-grip", distal)]), exposed: exposed);

        Assert.Equal(fires, alerts.Any(a => a.Code == AlertCode.ConsiderOtherCause));
    }

    [Theory]
    [InlineData(2, 2, true)]
    [InlineData(1, 2, false)] // mild pain
    [InlineData(3, 1, false)] // grade 1
    public void PainfulNeuropathyGradeTwo_SuggestsDuloxetine_FromAsco2020(double pain, int grade, bool fires)
    {
        var alert = Evaluate(Facts(grade, 0, items: ("pain-feet", pain))).SingleOrDefault(a => a.Code == AlertCode.PainfulNeuropathy);

        Assert.Equal(fires, alert is not null);
        if (fires)
        {
            Assert.StartsWith("Duloxetine may be offered", alert!.Suggestions[0].Text, StringComparison.Ordinal);
            Assert.Contains("Loprinzi", alert.Suggestions[0].Source, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true, 2, true)]
    [InlineData(false, 2, false)] // after treatment: no dose to modify
    [InlineData(true, 1, false)]
    public void ImpairmentDuringTreatment_SuggestsDiscussingTheDose_Rec21(bool onTreatment, int grade, bool fires)
    {
        var alert = Evaluate(Facts(grade, 0), onTreatment: onTreatment).SingleOrDefault(a => a.Code == AlertCode.ImpairmentDuringTreatment);

        Assert.Equal(fires, alert is not null);
        if (fires)
        {
            Assert.Contains("recommendation 2.1", alert!.Suggestions[0].Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SelfHarmWords_AreUrgent_AndShowTheCrisisLine()
    {
        var alerts = Evaluate(Facts(1, 0, notes: "Some days I don't want to live like this."));

        var alert = Assert.Single(alerts, a => a.Code == AlertCode.SelfHarmInWords);
        Assert.Equal((AlertSeverity.Urgent, PatientNextStep.CrisisLine), (alert.Severity, alert.PatientStep));
        Assert.Equal(PatientNextStep.CrisisLine, AlertRules.NextStep(alerts));
    }

    [Fact]
    public void DangerWords_AreUrgent_NegatedOnesAreNot()
    {
        Assert.Contains(Evaluate(Facts(notes: "I fainted this morning.")), a => a.Code == AlertCode.DangerInWords && a.Severity == AlertSeverity.Urgent);
        Assert.DoesNotContain(Evaluate(Facts(notes: "I did not faint.")), a => a.Code == AlertCode.DangerInWords);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void TwoMissedCheckIns_AskForAReachOut(int missed, bool fires) =>
        Assert.Equal(fires, Evaluate(Facts(), missed: missed).Any(a => a.Code == AlertCode.MissedCheckIns && a.Severity == AlertSeverity.Routine));

    [Fact]
    public void NothingWrong_NoAlerts_AndARoutineNextStep()
    {
        var alerts = Evaluate(Facts(0, 0), previous: Facts(0, 0, daysAgo: 7));

        Assert.Empty(alerts);
        Assert.Equal(PatientNextStep.Routine, AlertRules.NextStep(alerts));
    }

    [Fact]
    public void AnOpenCondition_DoesNotAlertAgain_UntilItWorsens()
    {
        var grade2 = Evaluate(Facts(2, 0));
        var grade3 = Evaluate(Facts(3, 0));
        var open = grade2.Select(a => a.ConditionKey).ToList();

        Assert.DoesNotContain(AlertRules.NotAlreadyOpen(grade2, open), a => a.Code == AlertCode.SensoryGrade);
        Assert.Contains(AlertRules.NotAlreadyOpen(grade3, open), a => a.Code == AlertCode.SensoryGrade && a.ConditionKey == "sensory-grade:3");
    }

    [Fact]
    public void Alerts_ComeMostSevereFirst()
    {
        var alerts = Evaluate(Facts(2, 0, notes: "fell and hurt my arm", items: [("falls", 1), ("fall-injury", 1)]), missed: 3);

        Assert.Equal(alerts.Select(a => a.Severity).OrderDescending(), alerts.Select(a => a.Severity));
        Assert.Equal(AlertSeverity.Urgent, alerts[0].Severity);
    }
}
