using System.Globalization;
using CipnCare.Clinical.Exposure;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Clinical.Alerts;

/// <summary>An earlier check-in's two grades and when it was made: all the rapid-progression rule compares (issue #17: the
/// window's check-ins are read as these, not parsed whole).</summary>
public sealed record GradesAt(DateTime At, int SensoryGrade, int MotorGrade);

/// <summary>The facts of one check-in the rules need (item scores by linkId: 0–4 severities, falls count, 0/1 answers).</summary>
public sealed record CheckInFacts(
    DateTime At,
    int SensoryGrade,
    int MotorGrade,
    double? MotorSubscale,
    double? AutonomicSubscale,
    IReadOnlyDictionary<string, double> Items,
    string? Notes)
{
    public double Item(string linkId) => Items.TryGetValue(linkId, out var v) ? v : 0;

    public bool Answered(string linkId) => Items.ContainsKey(linkId);
}

/// <summary>Per-care-team thresholds; the defaults are the ones issue #5 sets (docs/alerts.md).</summary>
public sealed record AlertThresholds(
    int GradeAtLeast = 2,
    int WorseByGrades = 1,
    int RapidRiseGrades = 2,
    int RapidRiseWindowDays = 28,
    int PainfulAtLeast = 2,
    int NearFaintingDizzinessAtLeast = 3,
    int MissedCheckIns = 2)
{
    public static AlertThresholds Default { get; } = new();
}

/// <summary>
/// What the rules read about one response: it, the previous and first (baseline) responses to the same instrument, the
/// grades of the earlier ones in the rapid-progression window (newest first; the one <see cref="AlertRules.RapidRiseFrom"/>
/// chooses is enough), treatment, the items its instrument watches, and what triage found in
/// its free text (the rule layer alone when <paramref name="Text"/> is not given); dates in the evidence are on the care
/// team's calendar (<paramref name="Zone"/>, UTC when not given).
/// </summary>
public sealed record AlertInput(
    CheckInFacts Latest,
    CheckInFacts? Previous,
    CheckInFacts? Baseline,
    IReadOnlyList<GradesAt> Earlier,
    bool OnNeurotoxicTreatment,
    bool AnyNeurotoxicExposure,
    AlertThresholds Thresholds,
    IReadOnlyList<ItemAlert>? WatchedItems = null,
    TriageResult? Text = null,
    TeamZone? Zone = null,
    string NotesLanguage = "en");

/// <summary>
/// The alert rules (issue #5), each with its source. Pure: the same facts give the same alerts. Item linkIds are the
/// CIPN Care check-in's (docs/instruments.md).
/// </summary>
public static class AlertRules
{
    public const string Asco2020 = "ASCO guideline, Loprinzi et al., J Clin Oncol 2020;38:3325–3348, https://doi.org/10.1200/JCO.20.01399";
    public const string Ctcae = "NCI CTCAE v5.0, https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm";
    public const string RedFlags = "red-flag patterns for another cause of neuropathy (PMC7382348, PMC7035861)";
    public const string Steadi = "CDC STEADI, https://www.cdc.gov/steadi/";
    public const string SafetyNet = "CIPN Care safety net (issue #12; docs/alerts.md)";
    public const string Nccn = "NCCN Distress Management guideline (distress screening with the Distress Thermometer)";

    private static readonly string[] PainItems = ["pain-hands", "pain-feet"];
    private static readonly string[] MotorItems = ["cramps", "weakness-grip", "weakness-stairs", "weakness-chair", "balance"];
    private static readonly string[] AutonomicItems = ["dizziness-standing", "bowel-bladder", "palpitations"];
    private static readonly string[] DistalItems = ["numbness-feet", "tingling-feet", "weakness-grip", "numbness-hands", "tingling-hands"];

    /// <summary>
    /// How far the latest check-in's grades rose from an earlier one's: the larger of the two grades' rises, each grade
    /// measured against itself (sensory 0 → 2 is a rise of 2 whatever the motor grade did).
    /// </summary>
    public static int Rise(CheckInFacts latest, GradesAt earlier)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(earlier);
        return Math.Max(latest.SensoryGrade - earlier.SensoryGrade, latest.MotorGrade - earlier.MotorGrade);
    }

    /// <summary>
    /// The check-in the rapid-progression rule measures a rise from, of those in its window given newest first: the one
    /// the latest's grades rose most from (<see cref="Rise"/>), the newest of equals. The rule reads nothing else of the
    /// window, so a caller may pass this one alone as <see cref="AlertInput.Earlier"/>: the app chooses it in the database,
    /// in the same order, instead of reading every check-in of the window (issue #17; <c>RaiseAlerts</c>).
    /// </summary>
    public static GradesAt? RapidRiseFrom(CheckInFacts latest, IEnumerable<GradesAt> windowNewestFirst) =>
        windowNewestFirst.MaxBy(e => Rise(latest, e));

    /// <summary>
    /// Whether any earlier check-in could make <paramref name="latest"/> a rapid progression: grades are never below 0, so
    /// when both of the latest's grades are below the rise the rule looks for, no window can, and a caller need not read
    /// it (issue #17).
    /// </summary>
    public static bool RapidRiseIsPossible(CheckInFacts latest, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(thresholds);
        return Math.Max(latest.SensoryGrade, latest.MotorGrade) >= thresholds.RapidRiseGrades;
    }

    public static IReadOnlyList<Alert> Evaluate(AlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (latest, t) = (input.Latest, input.Thresholds);
        var alerts = new List<Alert>();
        void Add(AlertCode code, AlertSeverity severity, string title, string key, IEnumerable<string> evidence, PatientNextStep step, params SuggestedAction[] suggestions) =>
            alerts.Add(new Alert(code, severity, title, evidence.ToList(), suggestions, step, key, RulesVersion.Current));

        // Grades ≥ 2: symptoms limiting everyday tasks (2) or self-care (3).
        foreach (var (code, name, grade) in new[] { (AlertCode.SensoryGrade, "sensory", latest.SensoryGrade), (AlertCode.MotorGrade, "motor", latest.MotorGrade) })
        {
            if (grade >= t.GradeAtLeast)
            {
                Add(code, AlertSeverity.High, $"Patient-reported {name} grade {grade}", $"{name}-grade:{grade}",
                    [$"{name} grade {grade}: symptoms limit {(grade >= 3 ? "self-care" : "everyday tasks")} ({Ctcae})"], PatientNextStep.ContactTeamToday);
            }
        }

        // Worse by ≥ 1 grade than the previous report or the baseline.
        foreach (var (label, earlier) in new[] { ("previous check-in", input.Previous), ("baseline", input.Baseline) })
        {
            if (earlier is null)
            {
                continue;
            }

            var rise = Math.Max(latest.SensoryGrade - earlier.SensoryGrade, latest.MotorGrade - earlier.MotorGrade);
            if (rise >= t.WorseByGrades && alerts.All(a => a.Code != AlertCode.WorseThanBefore))
            {
                var worst = Math.Max(latest.SensoryGrade, latest.MotorGrade);
                Add(AlertCode.WorseThanBefore, worst >= t.GradeAtLeast ? AlertSeverity.High : AlertSeverity.Routine, $"Worse than the {label}",
                    $"worse:{latest.SensoryGrade}/{latest.MotorGrade}",
                    [$"sensory grade {earlier.SensoryGrade} → {latest.SensoryGrade}, motor grade {earlier.MotorGrade} → {latest.MotorGrade} since the {label} of {Day(earlier.At, input.Zone)}"],
                    worst >= t.GradeAtLeast ? PatientNextStep.ContactTeamToday : PatientNextStep.Routine);
            }
        }

        // Rapid progression: a rise of ≥ 2 grades within 4 weeks — also a pattern that suggests another cause.
        // Each grade is measured against itself: a sensory 0 → 2 counts even when that check-in's motor grade was high.
        var from = RapidRiseFrom(latest, input.Earlier.Where(e => e.At >= latest.At.AddDays(-t.RapidRiseWindowDays) && e.At < latest.At));
        if (from is not null && Rise(latest, from) >= t.RapidRiseGrades)
        {
            Add(AlertCode.RapidProgression, AlertSeverity.High, "Rapid progression", $"rapid:{latest.SensoryGrade}/{latest.MotorGrade}",
                [$"grades rose by {t.RapidRiseGrades} or more within {t.RapidRiseWindowDays} days (from {Day(from.At, input.Zone)})",
                    $"sensory grade {from.SensoryGrade} → {latest.SensoryGrade}, motor grade {from.MotorGrade} → {latest.MotorGrade} since the check-in of {Day(from.At, input.Zone)}"],
                PatientNextStep.ContactTeamToday,
                new SuggestedAction("Consider another cause and a neurology review: progression to nadir in under 4 weeks is a red flag.", RedFlags));
        }

        // New motor or autonomic symptoms.
        if (input.Previous is { } previous)
        {
            foreach (var (code, name, items) in new[] { (AlertCode.NewMotorSymptoms, "motor", MotorItems), (AlertCode.NewAutonomicSymptoms, "autonomic", AutonomicItems) })
            {
                var fresh = items.Where(i => latest.Item(i) > 0 && previous.Item(i) == 0).ToList();
                if (fresh.Count > 0)
                {
                    Add(code, AlertSeverity.High, $"New {name} symptoms", $"new-{name}:{string.Join(',', fresh)}",
                        [$"new since {Day(previous.At, input.Zone)}: {string.Join(", ", fresh)}"], PatientNextStep.ContactTeamToday);
                }
            }
        }

        // Near-fainting: severe dizziness on standing.
        if (latest.Item("dizziness-standing") >= t.NearFaintingDizzinessAtLeast)
        {
            Add(AlertCode.NearFainting, AlertSeverity.High, "Severe dizziness on standing (near-fainting)", $"near-fainting:{latest.Item("dizziness-standing")}",
                [$"dizziness on standing {latest.Item("dizziness-standing")} of 4"], PatientNextStep.ContactTeamToday,
                new SuggestedAction("Check lying and standing blood pressure (orthostatic hypotension: a fall of ≥ 20 systolic or ≥ 10 diastolic within 3 minutes).", "Freeman et al. 2011 consensus statement on orthostatic hypotension, Clin Auton Res 21:69–72"));
        }

        // Falls: any fall (high). Emergency services only for a serious injury — hit head, possible broken bone, cannot
        // get up, or happening now — named by the serious-injury question or in the patient's words; any other injury:
        // contact the team today (issue #12).
        var text = input.Text ?? FreeTextTriage.Assess(latest.Notes);
        var falls = latest.Item("falls");
        IReadOnlyList<TriageFinding> explainedByFall = [];
        var seriousInWords = text.Findings.Where(f => f.Category == TriageCategory.Emergency && FreeTextTriage.SeriousFallTopics.Contains(f.Topic)).ToList();
        if (falls > 0)
        {
            var hurt = latest.Item("fall-injury") > 0;
            var serious = latest.Item("fall-serious-injury") > 0 || (hurt && seriousInWords.Count > 0);
            explainedByFall = serious ? seriousInWords : [];
            var (code, severity, title, step, key) = serious ? (AlertCode.FallWithSeriousInjury, AlertSeverity.Urgent, "Fall with a serious injury", PatientNextStep.CallEmergency, "fall-serious")
                : hurt ? (AlertCode.FallWithInjury, AlertSeverity.High, "Fall with injury", PatientNextStep.ContactTeamToday, "fall-injury")
                : (AlertCode.Fall, AlertSeverity.High, "Fall reported", PatientNextStep.ContactTeamToday, "fall");
            var evidence = new List<string> { $"{falls.ToString(CultureInfo.InvariantCulture)} fall(s) since the last check-in{(hurt ? ", hurt" : "")}" };
            evidence.AddRange(seriousInWords.Select(f => $"{f.Topic}: “{f.Matched}”"));
            Add(code, severity, title, $"{key}:{latest.At:yyyy-MM-dd}", evidence, step,
                new SuggestedAction("Falls assessment and physical therapy referral; home safety, footwear, vision and medication review.", Steadi));
        }
        else if (text.Findings.FirstOrDefault(f => f.Category == TriageCategory.Fall) is { } fallInWords)
        {
            Add(AlertCode.FallInWords, AlertSeverity.High, "Fall or near-fall in the patient's words", $"fall-words:{latest.At:yyyy-MM-dd}",
                [$"wrote: “{fallInWords.Matched}” (the falls question did not count a fall)"], PatientNextStep.ContactTeamToday,
                new SuggestedAction("Ask about the fall; falls assessment and physical therapy referral; home safety, footwear, vision and medication review.", Steadi));
        }

        // Items much worse, whatever the daily-life answers: a rise of two or more levels, or a rise to severe or very
        // severe, since the previous response or the baseline; items that alert whenever severe (autonomic, worst pain).
        MuchWorse(input, alerts);

        // Patterns that suggest another cause: proximal weakness more than distal, or symptoms without neurotoxic exposure.
        var proximal = Math.Max(latest.Item("weakness-stairs"), latest.Item("weakness-chair"));
        var distal = DistalItems.Max(latest.Item);
        var reasons = new List<string>();
        if (proximal >= 2 && proximal > distal)
        {
            reasons.Add($"weakness near the hips ({proximal} of 4) more than in the hands and feet ({distal} of 4)");
        }

        if (!input.AnyNeurotoxicExposure && Math.Max(latest.SensoryGrade, latest.MotorGrade) >= 1)
        {
            reasons.Add("neuropathy symptoms with no neurotoxic treatment recorded");
        }

        if (reasons.Count > 0)
        {
            Add(AlertCode.ConsiderOtherCause, AlertSeverity.Routine, "Consider another cause", $"other-cause:{string.Join('|', reasons)}", reasons, PatientNextStep.Routine,
                new SuggestedAction("Consider other causes (glucose/HbA1c, B12 with methylmalonic acid, serum protein immunofixation) and a neurology review.", RedFlags));
        }

        // Painful neuropathy: duloxetine may be offered (ASCO 2020).
        var pain = PainItems.Max(latest.Item);
        if (pain >= t.PainfulAtLeast && latest.SensoryGrade >= t.GradeAtLeast)
        {
            Add(AlertCode.PainfulNeuropathy, AlertSeverity.Routine, "Painful neuropathy", $"painful:{pain}",
                [$"burning or shooting pain {pain} of 4 with sensory grade {latest.SensoryGrade}"], PatientNextStep.ContactTeamToday,
                new SuggestedAction("Duloxetine may be offered for painful established CIPN (benefit limited).", Asco2020));
        }

        // Functional impairment during treatment: discuss dose modification (ASCO 2020 rec. 2.1).
        if (input.OnNeurotoxicTreatment && Math.Max(latest.SensoryGrade, latest.MotorGrade) >= t.GradeAtLeast)
        {
            Add(AlertCode.ImpairmentDuringTreatment, AlertSeverity.High, "Impairment during neurotoxic treatment", $"impairment:{Math.Max(latest.SensoryGrade, latest.MotorGrade)}",
                ["symptoms limit daily activities while neurotoxic treatment continues"], PatientNextStep.ContactTeamToday,
                new SuggestedAction("Assess and discuss with the patient delaying, reducing, substituting or stopping the neurotoxic agent (see the exposure summary).", Asco2020 + ", recommendation 2.1"));
        }

        // What the patient or carer wrote (issue #12): self-harm and emergencies are urgent; distress is routine.
        static string Said(TriageFinding f) => $"{f.Topic}: “{f.Matched}”{(f.Method == TriageFinding.Semantic ? " (close in meaning to how people write about this)" : "")}";
        var selfHarm = text.Findings.Where(f => f.Category == TriageCategory.SelfHarm).ToList();
        if (selfHarm.Count > 0)
        {
            Add(AlertCode.SelfHarmInWords, AlertSeverity.Urgent, "Words about self-harm or not wanting to live", $"self-harm:{latest.At:O}",
                selfHarm.Select(Said), PatientNextStep.CrisisLine,
                new SuggestedAction("Contact the patient (or the carer who wrote it) today; assess risk; involve the crisis or mental-health team as your service requires.", SafetyNet));
        }

        // A serious fall already told the patient to call emergency services: its words do not make a second alert.
        var emergencies = text.Findings.Where(f => f.Category == TriageCategory.Emergency && !explainedByFall.Contains(f)).ToList();
        if (emergencies.Count > 0)
        {
            Add(AlertCode.DangerInWords, AlertSeverity.Urgent, "Medical emergency in the patient's words", $"danger:{latest.At:O}",
                emergencies.Select(Said), PatientNextStep.CallEmergency);
        }

        var distress = text.Findings.Where(f => f.Category == TriageCategory.Distress).ToList();
        if (distress.Count > 0 && selfHarm.Count == 0)
        {
            Add(AlertCode.DistressInWords, AlertSeverity.Routine, "Distress in the patient's words", $"distress:{latest.At:yyyy-MM-dd}",
                distress.Select(Said), PatientNextStep.Routine,
                new SuggestedAction("Acknowledge it at the next contact; screen for distress and offer psychosocial support.", Nccn));
        }

        // The safety check reads English best: on the blind Spanish corpus its rules found 40 of 63 notes about self-harm
        // (English: 72 of 72; docs/alerts.md). A note in another language that it found nothing urgent in is put in
        // front of a person the same day instead of being trusted; the patient is not alarmed (their next step stays).
        if (!string.IsNullOrWhiteSpace(latest.Notes) && !input.NotesLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase) && selfHarm.Count == 0 && emergencies.Count == 0)
        {
            Add(AlertCode.NoteToRead, AlertSeverity.High, "A note in another language to read today", $"read:{latest.At:O}",
                [$"written in {input.NotesLanguage}: the automatic safety check finds fewer risks in it than in English"], PatientNextStep.Routine,
                new SuggestedAction("Read the note today; if it speaks of self-harm or an emergency, act as for those alerts.", SafetyNet));
        }

        return alerts.OrderByDescending(a => a.Severity).ToList();
    }

    /// <summary>
    /// The safety net on a message a patient or carer writes to the team (issue #19), as on a check-in's free text: words
    /// about self-harm are urgent with crisis-line guidance, a medical emergency (a serious fall among them: no falls
    /// question sits beside a message) urgent with emergency guidance, a fall or near-fall high (contact the team today),
    /// distress routine. <paramref name="sentAt"/> keys each alert to this message.
    /// </summary>
    public static IReadOnlyList<Alert> ForMessage(TriageResult text, DateTime sentAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        var alerts = new List<Alert>();
        void Add(AlertCode code, AlertSeverity severity, string title, string key, IEnumerable<TriageFinding> said, PatientNextStep step, params SuggestedAction[] suggestions) =>
            alerts.Add(new Alert(code, severity, title, said.Select(f => $"in a message: {f.Topic} (read the conversation for the words)").Distinct().ToList(), suggestions, step, key, RulesVersion.Current)); // the words stay in the conversation, which a carer may not be allowed to read

        var selfHarm = text.Findings.Where(f => f.Category == TriageCategory.SelfHarm).ToList();
        if (selfHarm.Count > 0)
        {
            Add(AlertCode.SelfHarmInWords, AlertSeverity.Urgent, "Words about self-harm or not wanting to live", $"self-harm:{sentAt:O}", selfHarm, PatientNextStep.CrisisLine,
                new SuggestedAction("Contact the patient (or the carer who wrote it) today; assess risk; involve the crisis or mental-health team as your service requires.", SafetyNet));
        }

        var emergencies = text.Findings.Where(f => f.Category == TriageCategory.Emergency).ToList();
        if (emergencies.Count > 0)
        {
            Add(AlertCode.DangerInWords, AlertSeverity.Urgent, "Medical emergency in the patient's words", $"danger:{sentAt:O}", emergencies, PatientNextStep.CallEmergency);
        }

        var falls = text.Findings.Where(f => f.Category == TriageCategory.Fall).ToList();
        if (falls.Count > 0 && emergencies.Count == 0)
        {
            Add(AlertCode.FallInWords, AlertSeverity.High, "Fall or near-fall in the patient's words", $"fall-words:{sentAt:yyyy-MM-dd}", falls, PatientNextStep.ContactTeamToday,
                new SuggestedAction("Ask about the fall; falls assessment and physical therapy referral; home safety, footwear, vision and medication review.", Steadi));
        }

        var distress = text.Findings.Where(f => f.Category == TriageCategory.Distress).ToList();
        if (distress.Count > 0 && selfHarm.Count == 0)
        {
            Add(AlertCode.DistressInWords, AlertSeverity.Routine, "Distress in the patient's words", $"distress:{sentAt:yyyy-MM-dd}", distress, PatientNextStep.Routine,
                new SuggestedAction("Acknowledge it at the next contact; screen for distress and offer psychosocial support.", Nccn));
        }

        return alerts.OrderByDescending(a => a.Severity).ToList();
    }

    /// <summary>A message waiting past the team's reply target: routine, one per waiting thread (issue #19).</summary>
    public static Alert MessageWaiting(Guid threadId, DateTime waitingSince, DateTime dueAt, int workingDays) => new(
        AlertCode.MessageWaiting, AlertSeverity.Routine, "A message is waiting past the team's reply target",
        [$"waiting since {waitingSince:yyyy-MM-dd HH:mm} UTC; the team's target is {workingDays} working day(s), due {dueAt:yyyy-MM-dd HH:mm} UTC"],
        [new SuggestedAction("Reply to the message, or call the patient if it needs more than a message.", SafetyNet)],
        PatientNextStep.Routine, $"message-waiting:{threadId}:{waitingSince:O}", RulesVersion.Current);

    /// <summary>
    /// Silence is a finding (issue #12): a first check-in that is overdue, or the team's number of missed scheduled
    /// check-ins (default 2), raises the routine reach-out alert. Null when neither holds.
    /// </summary>
    public static Alert? Silence(int missedCheckIns, bool firstCheckInOverdue, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        SuggestedAction[] reachOut = [new("Reach out to the patient or their carer.", SafetyNet)];
        if (firstCheckInOverdue)
        {
            return new Alert(AlertCode.MissedCheckIns, AlertSeverity.Routine, "First check-in overdue", ["no check-in since enrolment, and the first one is overdue"],
                reachOut, PatientNextStep.Routine, "missed:first", RulesVersion.Current);
        }

        return missedCheckIns >= thresholds.MissedCheckIns
            ? new Alert(AlertCode.MissedCheckIns, AlertSeverity.Routine, "Missed check-ins", [$"{missedCheckIns} scheduled check-ins missed"], reachOut,
                PatientNextStep.Routine, $"missed:{missedCheckIns}", RulesVersion.Current)
            : null;
    }

    /// <summary>
    /// A dose imported from another system (FHIR) with dose-safety findings opens a worklist alert (issue #12): high when
    /// any finding could harm now, routine otherwise. Null without findings.
    /// </summary>
    public static Alert? ImportedDoseFindings(IReadOnlyList<DoseFinding> findings, string agentCode, DateTime administeredAt, Guid doseId)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
        {
            return null;
        }

        var severity = findings.Any(f => f.Severity == FindingSeverity.High) ? AlertSeverity.High : AlertSeverity.Routine;
        return new Alert(AlertCode.DoseSafetyFinding, severity, $"Dose-safety finding on an imported {agentCode} dose",
            [.. findings.Select(f => $"{f.Message} ({f.Source})"), $"dose given {administeredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, imported through FHIR"],
            [new SuggestedAction("Check the dose with the prescriber and the administering unit; correct it if it was recorded wrongly.", SafetyNet)],
            PatientNextStep.Routine, $"dose-finding:{doseId}", RulesVersion.Current);
    }

    private static void MuchWorse(AlertInput input, List<Alert> alerts)
    {
        var latest = input.Latest;
        var worse = new List<(ItemAlert Item, double Now, string Why)>();
        var severe = new List<(ItemAlert Item, double Now)>();
        foreach (var item in (input.WatchedItems ?? []).Where(i => latest.Answered(i.LinkId)))
        {
            var now = latest.Item(item.LinkId);
            var why = new[] { ("previous", input.Previous), ("baseline", input.Baseline) }
                .Where(e => e.Item2 is not null && e.Item2.Answered(item.LinkId))
                .Select(e => (Label: e.Item1, Before: e.Item2!.Item(item.LinkId), e.Item2!.At))
                .Where(e => now - e.Before >= item.RiseBy || (now >= item.SevereAt && e.Before < item.SevereAt))
                .Select(e => $"{Number(e.Before)} → {Number(now)} of {Number(item.Max)} since the {e.Label} response of {Day(e.At, input.Zone)}")
                .FirstOrDefault();
            if (why is not null)
            {
                worse.Add((item, now, why));
            }
            else if (item.AlertWhenSevere && now >= item.SevereAt)
            {
                severe.Add((item, now));
            }
        }

        if (worse.Count > 0)
        {
            alerts.Add(new Alert(AlertCode.SymptomMuchWorse, AlertSeverity.High, $"Much worse: {Labels(worse.Select(w => w.Item.Label))}",
                worse.Select(w => $"{w.Item.Label}: {w.Why}").ToList(),
                [new SuggestedAction("Review the patient today: a rise of two levels, or to severe, in one step is more than expected week to week.", SafetyNet)],
                PatientNextStep.ContactTeamToday, Key("much-worse", worse.Select(w => $"{w.Item.LinkId}={Number(w.Now)}")), RulesVersion.Current));
        }

        if (severe.Count > 0)
        {
            alerts.Add(new Alert(AlertCode.SevereSymptom, AlertSeverity.High, $"Severe: {Labels(severe.Select(w => w.Item.Label))}",
                severe.Select(w => $"{w.Item.Label}: {Number(w.Now)} of {Number(w.Item.Max)}").ToList(),
                [new SuggestedAction("Review the patient today (autonomic symptoms: lying and standing blood pressure; severe pain: pain management).", SafetyNet)],
                PatientNextStep.ContactTeamToday, Key("severe", severe.Select(w => $"{w.Item.LinkId}={Number(w.Now)}")), RulesVersion.Current));
        }
    }

    /// <summary>At most three names in a title ("a, b, c and 4 more"): the evidence lists every item.</summary>
    private static string Labels(IEnumerable<string> labels)
    {
        var all = labels.ToList();
        return all.Count <= 3 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(3))} and {all.Count - 3} more";
    }

    /// <summary>A condition key that names every item and level, kept short: a stable FNV-1a hash when the list is long.</summary>
    private static string Key(string prefix, IEnumerable<string> parts)
    {
        var list = string.Join(',', parts);
        if (list.Length <= 200)
        {
            return $"{prefix}:{list}";
        }

        var hash = 2166136261;
        foreach (var c in list)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return $"{prefix}:{list.Count(c => c == ',') + 1} items:{hash:x8}";
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The alerts whose condition is not already open: the same condition does not alert again until it changes or worsens.</summary>
    public static IReadOnlyList<Alert> NotAlreadyOpen(IEnumerable<Alert> alerts, IEnumerable<string> openConditionKeys)
    {
        var open = openConditionKeys.ToHashSet(StringComparer.Ordinal);
        return alerts.Where(a => !open.Contains(a.ConditionKey)).ToList();
    }

    /// <summary>The most urgent next step among the alerts (routine when there is none).</summary>
    public static PatientNextStep NextStep(IEnumerable<Alert> alerts) =>
        alerts.Select(a => a.PatientStep).DefaultIfEmpty(PatientNextStep.Routine).Max();

    private static string Day(DateTime at, TeamZone? zone) => (zone ?? TeamZone.Utc).DayOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
