using System.Globalization;

namespace CipnCare.Clinical.Alerts;

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

public sealed record AlertInput(
    CheckInFacts Latest,
    CheckInFacts? Previous,
    CheckInFacts? Baseline,
    IReadOnlyList<CheckInFacts> Earlier,
    bool OnNeurotoxicTreatment,
    bool AnyNeurotoxicExposure,
    int MissedCheckIns,
    AlertThresholds Thresholds);

/// <summary>
/// The alert rules (issue #5), each with its source. Pure: the same facts give the same alerts. Item linkIds are the
/// CIPN Care check-in's (docs/instruments.md).
/// </summary>
public static class AlertRules
{
    public const string Asco2020 = "ASCO guideline, Loprinzi et al., J Clin Oncol 2020 (clinical-reference.md §6)";
    public const string Ctcae = "NCI CTCAE v5.0 (clinical-reference.md §1)";
    public const string RedFlags = "red-flag patterns, clinical-reference.md §7 (PMC7382348, PMC7035861)";
    public const string Steadi = "CDC STEADI (clinical-reference.md §8 and verification §6)";

    private static readonly string[] PainItems = ["pain-hands", "pain-feet"];
    private static readonly string[] MotorItems = ["cramps", "weakness-grip", "weakness-stairs", "weakness-chair", "balance"];
    private static readonly string[] AutonomicItems = ["dizziness-standing", "bowel-bladder", "palpitations"];
    private static readonly string[] DistalItems = ["numbness-feet", "tingling-feet", "weakness-grip", "numbness-hands", "tingling-hands"];

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
                    [$"sensory grade {earlier.SensoryGrade} → {latest.SensoryGrade}, motor grade {earlier.MotorGrade} → {latest.MotorGrade} since the {label} of {Day(earlier.At)}"],
                    worst >= t.GradeAtLeast ? PatientNextStep.ContactTeamToday : PatientNextStep.Routine);
            }
        }

        // Rapid progression: a rise of ≥ 2 grades within 4 weeks — also a pattern that suggests another cause.
        var window = input.Earlier.Where(e => e.At >= latest.At.AddDays(-t.RapidRiseWindowDays) && e.At < latest.At).ToList();
        var lowest = window.Count == 0 ? null : window.MinBy(e => Math.Max(e.SensoryGrade, e.MotorGrade));
        var rapid = lowest is not null && Math.Max(latest.SensoryGrade - lowest.SensoryGrade, latest.MotorGrade - lowest.MotorGrade) >= t.RapidRiseGrades;
        if (rapid)
        {
            Add(AlertCode.RapidProgression, AlertSeverity.High, "Rapid progression", $"rapid:{latest.SensoryGrade}/{latest.MotorGrade}",
                [$"grades rose by {t.RapidRiseGrades} or more within {t.RapidRiseWindowDays} days (from {Day(lowest!.At)})"], PatientNextStep.ContactTeamToday,
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
                        [$"new since {Day(previous.At)}: {string.Join(", ", fresh)}"], PatientNextStep.ContactTeamToday);
                }
            }
        }

        // Near-fainting: severe dizziness on standing.
        if (latest.Item("dizziness-standing") >= t.NearFaintingDizzinessAtLeast)
        {
            Add(AlertCode.NearFainting, AlertSeverity.High, "Severe dizziness on standing (near-fainting)", $"near-fainting:{latest.Item("dizziness-standing")}",
                [$"dizziness on standing {latest.Item("dizziness-standing")} of 4"], PatientNextStep.ContactTeamToday,
                new SuggestedAction("Check lying and standing blood pressure (orthostatic hypotension: a fall of ≥ 20 systolic or ≥ 10 diastolic within 3 minutes).", "Freeman 2011 consensus (clinical-reference.md §8)"));
        }

        // Falls: any fall; with an injury, urgent.
        var falls = latest.Item("falls");
        if (falls > 0)
        {
            var hurt = latest.Item("fall-injury") > 0;
            Add(hurt ? AlertCode.FallWithInjury : AlertCode.Fall, hurt ? AlertSeverity.Urgent : AlertSeverity.High, hurt ? "Fall with injury" : "Fall reported",
                $"{(hurt ? "fall-injury" : "fall")}:{latest.At:yyyy-MM-dd}", [$"{falls.ToString(CultureInfo.InvariantCulture)} fall(s) since the last check-in{(hurt ? ", hurt" : "")}"],
                hurt ? PatientNextStep.CallEmergency : PatientNextStep.ContactTeamToday,
                new SuggestedAction("Falls assessment and physical therapy referral; home safety, footwear, vision and medication review.", Steadi));
        }

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

        // Danger in the patient's own words.
        var signs = FreeTextTriage.Assess(latest.Notes);
        if (signs.FirstOrDefault(s => s.Kind == DangerKind.SelfHarm) is { } selfHarm)
        {
            Add(AlertCode.SelfHarmInWords, AlertSeverity.Urgent, "Words about self-harm or not wanting to live", $"self-harm:{latest.At:O}",
                [$"wrote: “{selfHarm.Matched}”"], PatientNextStep.CrisisLine,
                new SuggestedAction("Contact the patient today; assess risk; involve the crisis or mental-health team as your service requires.", "CIPN Care safety policy"));
        }

        var danger = signs.Where(s => s.Kind != DangerKind.SelfHarm).ToList();
        if (danger.Count > 0)
        {
            Add(AlertCode.DangerInWords, AlertSeverity.Urgent, "Danger signs in the patient's words", $"danger:{latest.At:O}",
                danger.Select(s => $"{s.Kind}: “{s.Matched}”"), PatientNextStep.CallEmergency);
        }

        // Two missed scheduled check-ins: reach out.
        if (input.MissedCheckIns >= t.MissedCheckIns)
        {
            Add(AlertCode.MissedCheckIns, AlertSeverity.Routine, "Missed check-ins", $"missed:{input.MissedCheckIns}",
                [$"{input.MissedCheckIns} scheduled check-ins missed"], PatientNextStep.Routine,
                new SuggestedAction("Reach out to the patient or their carer.", "issue #5 default"));
        }

        return alerts.OrderByDescending(a => a.Severity).ToList();
    }

    /// <summary>The alerts whose condition is not already open: the same condition does not alert again until it changes or worsens.</summary>
    public static IReadOnlyList<Alert> NotAlreadyOpen(IEnumerable<Alert> alerts, IEnumerable<string> openConditionKeys)
    {
        var open = openConditionKeys.ToHashSet(StringComparer.Ordinal);
        return alerts.Where(a => !open.Contains(a.ConditionKey)).ToList();
    }

    /// <summary>The most urgent next step among the alerts (routine when there is none).</summary>
    public static PatientNextStep NextStep(IEnumerable<Alert> alerts) =>
        alerts.Select(a => a.PatientStep).DefaultIfEmpty(PatientNextStep.Routine).Max();

    private static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
