using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Exposure;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Clinical.Tests;

public sealed class AlertRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static CheckInFacts Facts(int sensory = 0, int motor = 0, double daysAgo = 0, string? notes = null, params (string Item, double Value)[] items) =>
        new(Now.AddDays(-daysAgo), sensory, motor, null, null, items.ToDictionary(i => i.Item, i => i.Value), notes);

    /// <summary>As the check-in's scoring file declares them: 0–4 items, severe at 3, a rise of 2; autonomic items alert whenever severe.</summary>
    private static readonly ItemAlert[] Watched =
    [
        new("numbness-feet", "numbness in the feet", 3, 2, 4),
        new("tingling-hands", "tingling in the hands", 3, 2, 4),
        new("balance", "unsteadiness", 3, 2, 4),
        new("bowel-bladder", "bowel or bladder changes", 3, 2, 4, AlertWhenSevere: true),
        new("worst-pain", "worst nerve pain", 7, 2, 10, AlertWhenSevere: true),
    ];

    private static IReadOnlyList<Alert> Evaluate(CheckInFacts latest, CheckInFacts? previous = null, CheckInFacts? baseline = null, bool onTreatment = false, bool exposed = true, params CheckInFacts[] earlier) =>
        AlertRules.Evaluate(new AlertInput(latest, previous, baseline, (earlier.Length > 0 ? earlier : previous is null ? [] : [previous]).Select(e => new GradesAt(e.At, e.SensoryGrade, e.MotorGrade)).ToList(), onTreatment, exposed, AlertThresholds.Default, Watched));

    [Fact]
    public void EvidenceDates_AreOnTheTeamsCalendar()
    {
        var previous = Facts(items: ("numbness-feet", 1), daysAgo: 7.5); // 21:00 UTC, 15 Nov: 06:00 on 16 Nov in Tokyo
        var latest = Facts(items: ("numbness-feet", 3));
        AlertInput Input(TeamZone? zone) => new(latest, previous, previous, [new GradesAt(previous.At, previous.SensoryGrade, previous.MotorGrade)], false, true, AlertThresholds.Default, Watched, Zone: zone);

        string Evidence(TeamZone? zone) => AlertRules.Evaluate(Input(zone)).Single(a => a.Code == AlertCode.SymptomMuchWorse).Evidence.Single();

        Assert.Contains("since the previous response of 2026-11-15", Evidence(null), StringComparison.Ordinal);
        Assert.Contains("since the previous response of 2026-11-16", Evidence(TeamZone.Find("Asia/Tokyo")), StringComparison.Ordinal);
    }

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

    /// <summary>
    /// Each grade is measured against itself. The check-in 20 days ago had sensory 0 (motor 2); the one 10 days ago 1 and
    /// 1, the lower higher grade. Sensory rose 0 → 2 within the window: rapid progression, measured from the older one.
    /// Measuring only from the check-in whose higher grade was lowest (the rule before) saw a rise of 1.
    /// </summary>
    [Fact]
    public void ARiseOfTwoInOneGrade_IsRapidProgression_WhateverThatCheckInsOtherGradeWas()
    {
        var alerts = Evaluate(Facts(2, 2), previous: Facts(1, 1, daysAgo: 10), earlier: [Facts(1, 1, daysAgo: 10), Facts(0, 2, daysAgo: 20)]);

        var rapid = Assert.Single(alerts, a => a.Code == AlertCode.RapidProgression);
        Assert.Contains($"sensory grade 0 → 2, motor grade 2 → 2 since the check-in of {Now.AddDays(-20):yyyy-MM-dd}", rapid.Evidence);
    }

    /// <summary>
    /// The app passes the rapid-progression rule only the check-in <see cref="AlertRules.RapidRiseFrom"/> chooses, and
    /// reads none when <see cref="AlertRules.RapidRiseIsPossible"/> says no window could make one (issue #17): for 2,000
    /// windows of 1–12 check-ins (grades 0–4, some on the same instant, some outside the window, some at the latest's own
    /// instant), that gives the same alerts, with the same evidence, as the whole window.
    /// </summary>
    [Fact]
    public void TheCheckInTheRiseIsMeasuredFrom_Alone_GivesTheSameAlerts_AsTheWholeWindow()
    {
        var random = new Random(17);
        var (fired, skipped) = (0, 0);
        for (var run = 0; run < 2000; run++)
        {
            var latest = Facts(random.Next(5), random.Next(5));
            var earlier = Enumerable.Range(0, random.Next(1, 13))
                .Select(_ => new GradesAt(Now.AddDays(-random.Next(0, 8) * 5), random.Next(5), random.Next(5))) // 0–35 days ago, in steps of 5: equal instants
                .OrderByDescending(e => e.At)
                .ToList();
            var inWindow = earlier.Where(e => e.At >= Now.AddDays(-28) && e.At < Now);
            var chosen = AlertRules.RapidRiseIsPossible(latest, AlertThresholds.Default) ? AlertRules.RapidRiseFrom(latest, inWindow) : null;

            var whole = Rapid(latest, earlier);
            Assert.Equal(whole, Rapid(latest, chosen is null ? [] : [chosen]));
            fired += whole is null ? 0 : 1;
            skipped += AlertRules.RapidRiseIsPossible(latest, AlertThresholds.Default) ? 0 : 1;
        }

        Assert.InRange(fired, 200, 1800); // both outcomes were compared many times
        Assert.InRange(skipped, 200, 1800); // and windows the app would not read

        static string? Rapid(CheckInFacts latest, IReadOnlyList<GradesAt> window) =>
            AlertRules.Evaluate(new AlertInput(latest, null, null, window, false, true, AlertThresholds.Default, Watched))
                .Where(a => a.Code == AlertCode.RapidProgression).Select(a => string.Join("; ", a.Evidence)).SingleOrDefault();
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
    [InlineData(0, 0, null, null, null, null)]
    [InlineData(1, 0, null, AlertCode.Fall, AlertSeverity.High, PatientNextStep.ContactTeamToday)]
    // A bruise days ago: contact the team today, not 911 (issue #12).
    [InlineData(2, 1, "tripped on the step, bruised my knee on tuesday", AlertCode.FallWithInjury, AlertSeverity.High, PatientNextStep.ContactTeamToday)]
    // A serious injury — hit head, possible broken bone, cannot get up — is an emergency.
    [InlineData(1, 1, "hit my head on the radiator when I fell", AlertCode.FallWithSeriousInjury, AlertSeverity.Urgent, PatientNextStep.CallEmergency)]
    [InlineData(1, 1, "I think my wrist is broken", AlertCode.FallWithSeriousInjury, AlertSeverity.Urgent, PatientNextStep.CallEmergency)]
    [InlineData(1, 1, "mum cant get up off the floor", AlertCode.FallWithSeriousInjury, AlertSeverity.Urgent, PatientNextStep.CallEmergency)]
    public void AnyFall_Alerts_AndOnlyASeriousInjuryIsAnEmergency(double falls, double hurt, string? notes, AlertCode? code, AlertSeverity? severity, PatientNextStep? step)
    {
        var alerts = Evaluate(Facts(1, 1, notes: notes, items: [("falls", falls), ("fall-injury", hurt)]));
        var alert = alerts.SingleOrDefault(a => a.Code is AlertCode.Fall or AlertCode.FallWithInjury or AlertCode.FallWithSeriousInjury);

        Assert.Equal((code, severity, step), (alert?.Code, alert?.Severity, alert?.PatientStep));
        Assert.Equal(step ?? PatientNextStep.Routine, AlertRules.NextStep(alerts));
    }

    [Fact]
    public void TheSeriousInjuryQuestion_MakesAFallAnEmergency()
    {
        var alert = Assert.Single(Evaluate(Facts(items: [("falls", 1), ("fall-injury", 1), ("fall-serious-injury", 1)])), a => a.Code == AlertCode.FallWithSeriousInjury);

        Assert.Equal(PatientNextStep.CallEmergency, alert.PatientStep);
    }

    [Theory]
    [InlineData("tripped over the cat yesterday", 0, true)]
    [InlineData("tripped over the cat yesterday", 1, false)] // the falls question already counted it
    [InlineData("no falls this week", 0, false)]
    public void AFallInWords_TheFallsQuestionDidNotCount_IsHigh(string notes, double falls, bool fires) =>
        Assert.Equal(fires, Evaluate(Facts(notes: notes, items: [("falls", falls)])).Any(a => a.Code == AlertCode.FallInWords && a.Severity == AlertSeverity.High));

    [Theory]
    // Mild numbness to very severe in one week, daily-life questions "no" (grades stay at 1): high, naming the item.
    [InlineData("numbness-feet", 1, 4, true)]
    [InlineData("numbness-feet", 0, 2, true)] // a rise of two levels
    [InlineData("numbness-feet", 2, 3, true)] // a rise to severe
    [InlineData("numbness-feet", 1, 2, false)]
    [InlineData("numbness-feet", 3, 3, false)] // severe before, severe now: not a rise
    [InlineData("balance", 1, 3, true)]
    [InlineData("worst-pain", 3, 5, true)] // 0–10: a rise of two points
    [InlineData("worst-pain", 4, 5, false)]
    public void AnItemMuchWorse_IsHigh_WhateverTheDailyLifeAnswers(string item, double before, double now, bool fires)
    {
        var alerts = Evaluate(Facts(1, 0, items: (item, now)), previous: Facts(1, 0, daysAgo: 7, items: (item, before)));

        var alert = alerts.SingleOrDefault(a => a.Code == AlertCode.SymptomMuchWorse);
        Assert.Equal(fires, alert is not null);
        if (fires)
        {
            Assert.Equal((AlertSeverity.High, PatientNextStep.ContactTeamToday), (alert!.Severity, alert.PatientStep));
            Assert.Contains(Watched.Single(w => w.LinkId == item).Label, alert.Title, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnItemMuchWorseThanBaseline_IsHigh_EvenWhenThePreviousWasAsBad()
    {
        var alerts = Evaluate(Facts(items: ("tingling-hands", 3)), previous: Facts(daysAgo: 7, items: ("tingling-hands", 3)), baseline: Facts(daysAgo: 90, items: ("tingling-hands", 0)));

        var alert = Assert.Single(alerts, a => a.Code == AlertCode.SymptomMuchWorse);
        Assert.Contains("since the baseline response of 2026-08-25", alert.Evidence[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bowel-bladder", 3, true)]
    [InlineData("bowel-bladder", 2, false)]
    [InlineData("worst-pain", 7, true)] // worst pain ≥ 7/10
    [InlineData("worst-pain", 6, false)]
    [InlineData("numbness-feet", 4, false)] // sensory items alert on a rise, not on every severe report
    public void SevereAutonomicItemsAndWorstPain_AlertWheneverSevere(string item, double value, bool fires)
    {
        var alerts = Evaluate(Facts(items: (item, value)), previous: Facts(daysAgo: 7, items: (item, value)));

        Assert.Equal(fires, alerts.Any(a => a.Code == AlertCode.SevereSymptom && a.Severity == AlertSeverity.High));
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
    public void TheWordsQuotedInIssue12_RaiseAnUrgentAlert_WithTheCrisisLine()
    {
        var alerts = Evaluate(Facts(1, 0, notes: "Basically my life is over… so tired of living in so much pain"));

        var alert = Assert.Single(alerts, a => a.Code == AlertCode.SelfHarmInWords);
        Assert.Equal(AlertSeverity.Urgent, alert.Severity);
        Assert.Contains("my life is over", alert.Evidence[0], StringComparison.Ordinal);
        Assert.Equal(PatientNextStep.CrisisLine, AlertRules.NextStep(alerts));
    }

    [Fact]
    public void DangerWords_AreUrgent_NegatedOnesAreNot()
    {
        Assert.Contains(Evaluate(Facts(notes: "I fainted this morning.")), a => a.Code == AlertCode.DangerInWords && a.Severity == AlertSeverity.Urgent);
        Assert.DoesNotContain(Evaluate(Facts(notes: "I did not faint.")), a => a.Code == AlertCode.DangerInWords);
        Assert.DoesNotContain(Evaluate(Facts(notes: "I can't stand this pain")), a => a.Code == AlertCode.DangerInWords);
    }

    [Fact]
    public void DistressWords_AreRoutine_AndNotShownAsAnEmergency()
    {
        var alerts = Evaluate(Facts(notes: "feeling really low and fed up this week"));

        var alert = Assert.Single(alerts);
        Assert.Equal((AlertCode.DistressInWords, AlertSeverity.Routine, PatientNextStep.Routine), (alert.Code, alert.Severity, alert.PatientStep));
    }

    /// <summary>The safety check reads Spanish less well (docs/alerts.md): a Spanish note it found nothing urgent in is read
    /// by a person the same day; a Spanish note it did find is its own urgent alert; English notes are trusted as before.</summary>
    [Theory]
    [InlineData("es", "Siento hormigueo en los dedos cuando hace frío.", AlertCode.NoteToRead)]
    [InlineData("es", "ya no le hallo sentido a nada, para que sigo", AlertCode.SelfHarmInWords)]
    [InlineData("es", "me duele el pecho y me falta el aire", AlertCode.DangerInWords)]
    [InlineData("en", "Tingling in my fingers when it is cold.", null)]
    [InlineData("es", "", null)] // no note, nothing to read
    public void ANoteInSpanish_TheCheckFoundNothingIn_IsReadByAPersonToday(string language, string notes, AlertCode? expected)
    {
        var latest = Facts(1, 0, notes: notes);
        var alerts = AlertRules.Evaluate(new AlertInput(latest, null, null, [], false, false, AlertThresholds.Default, Watched, NotesLanguage: language));

        Assert.Equal(expected, alerts.Select(a => (AlertCode?)a.Code).FirstOrDefault(c => c is AlertCode.NoteToRead or AlertCode.SelfHarmInWords or AlertCode.DangerInWords));
        if (expected == AlertCode.NoteToRead)
        {
            var read = Assert.Single(alerts, a => a.Code == AlertCode.NoteToRead);
            Assert.Equal((AlertSeverity.High, PatientNextStep.Routine), (read.Severity, read.PatientStep)); // today, without alarming the patient
            Assert.Equal(PatientNextStep.Routine, AlertRules.NextStep(alerts));
        }

        Assert.True(alerts.Count(a => a.Code == AlertCode.NoteToRead) <= 1);
        Assert.DoesNotContain(alerts, a => a.Code == AlertCode.NoteToRead && expected != AlertCode.NoteToRead);
    }

    [Theory]
    [InlineData(2, false, "missed:2")]
    [InlineData(1, false, null)]
    [InlineData(0, true, "missed:first")] // never checked in, and the first check-in is overdue
    [InlineData(0, false, null)]
    public void Silence_AsksForAReachOut(int missed, bool firstOverdue, string? key) =>
        Assert.Equal(key, AlertRules.Silence(missed, firstOverdue, AlertThresholds.Default) is { Code: AlertCode.MissedCheckIns, Severity: AlertSeverity.Routine } a ? a.ConditionKey : null);

    [Fact]
    public void Silence_FollowsTheTeamsNumberOfMissedCheckIns() =>
        Assert.Null(AlertRules.Silence(2, false, AlertThresholds.Default with { MissedCheckIns = 3 }));

    [Fact]
    public void AnImportedDoseWithFindings_OpensAnAlert_HighWhenItCouldHarmNow()
    {
        var dose = Guid.NewGuid();
        var high = AlertRules.ImportedDoseFindings([new DoseFinding(DoseRule.ShortInterval, FindingSeverity.High, "Only 48 h since the last dose.", "label")], "bortezomib", Now, dose);
        var moderate = AlertRules.ImportedDoseFindings([new DoseFinding(DoseRule.CrossesRiskBand, FindingSeverity.Moderate, "Crosses a band.", "label")], "oxaliplatin", Now, dose);

        Assert.Equal((AlertCode.DoseSafetyFinding, AlertSeverity.High, $"dose-finding:{dose}"), (high!.Code, high.Severity, high.ConditionKey));
        Assert.Contains("Only 48 h since the last dose. (label)", high.Evidence);
        Assert.Equal(AlertSeverity.Routine, moderate!.Severity);
        Assert.Null(AlertRules.ImportedDoseFindings([], "oxaliplatin", Now, dose));
    }

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
        var alerts = Evaluate(Facts(2, 0, notes: "fell and hit my head", items: [("falls", 1), ("fall-injury", 1)]));

        Assert.Equal(alerts.Select(a => a.Severity).OrderDescending(), alerts.Select(a => a.Severity));
        Assert.Equal(AlertSeverity.Urgent, alerts[0].Severity);
    }
}
