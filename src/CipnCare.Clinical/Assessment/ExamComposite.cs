namespace CipnCare.Clinical.Assessment;

/// <summary>One 0–4 item of the composite, or null when the exam did not record what it needs.</summary>
public sealed record CompositeItem(string Code, string Name, int? Score, string Basis);

public sealed record ExamCompositeResult(IReadOnlyList<CompositeItem> Items, int? Total, int ItemsScored, string RulesVersion)
{
    public const int ItemCount = 7;
    public const int Maximum = 28;
}

/// <summary>
/// The CIPN Care exam composite: seven items scored 0–4 (total 0–28) in the structure of the published clinical Total
/// Neuropathy Score, TNSc (Cavaletti G et al., J Peripher Nerv Syst 2006;11:135; domains confirmed by Hughes 2008 —
/// clinical-reference.md §4 and verification §5): sensory, motor and autonomic symptoms, pin and vibration sensibility,
/// strength and deep tendon reflexes. It is <b>not</b> the TNSc form: the literature marks TNSc as ©, its licence and its
/// exact anchors are unverified, so this composite uses our own anchors, derived from the recorded findings:
/// <list type="bullet">
/// <item>Symptoms (sensory): how far up the limbs they reach, 0 none … 4 above elbow/knee (the anchor style of the
/// modified-TNS sheet in §4).</item>
/// <item>Symptoms (motor): 0 none, 1 slight, 2 moderate, 3 needs help or an aid, 4 total loss (same sheet).</item>
/// <item>Symptoms (autonomic): the number of autonomic symptoms, capped at 4 (our anchor).</item>
/// <item>Pin, vibration: the worst limb's level, 0 normal … 4 above elbow/knee (same sheet).</item>
/// <item>Strength: the weakest MRC grade, 5 → 0, 4 → 1, 3 → 2, 2 or 1 → 3, 0 → 4 (same sheet: "≥4+ 0; 3+–4 1; 3 2; 1–2 3; 0 4").</item>
/// <item>Reflexes: 0 all normal; 1 ankle reflex reduced; 2 ankle reflex absent; 3 ankle absent and others reduced;
/// 4 all absent (our anchor, length-dependent like the symptoms).</item>
/// </list>
/// The worse side counts (§4). The total is given only when all seven items are scored; scores are not comparable with
/// published TNSc values.
/// </summary>
public static class ExamComposite
{
    public const string Name = "CIPN Care exam composite (TNSc structure)";

    public static ExamCompositeResult Score(ExamFindings exam)
    {
        ArgumentNullException.ThrowIfNull(exam);
        var items = new List<CompositeItem>
        {
            new("sensory-symptoms", "Sensory symptoms", exam.SensorySymptoms is { } s ? (int)s : null, "extent of tingling, numbness or pain"),
            new("motor-symptoms", "Motor symptoms", exam.MotorSymptoms, "difficulty with hands, walking, stairs or rising"),
            new("autonomic-symptoms", "Autonomic symptoms", exam.AutonomicAsked ? Math.Min(exam.AutonomicSymptoms.Distinct().Count(), 4) : null, "number of autonomic symptoms"),
            new("pin", "Pin sensibility", Worst(exam.Sensation.PinHands, exam.Sensation.PinFeet), "worst limb level"),
            new("vibration", "Vibration sensibility", Worst(exam.Sensation.VibrationHands, exam.Sensation.VibrationFeet), "worst limb level"),
            new("strength", "Strength", StrengthScore(exam), "weakest MRC grade"),
            new("reflexes", "Deep tendon reflexes", ReflexScore(exam), "ankle first, then knee and biceps"),
        };
        var scored = items.Count(i => i.Score is not null);
        return new(items, scored == ExamCompositeResult.ItemCount ? items.Sum(i => i.Score!.Value) : null, scored, RulesVersion.Current);
    }

    /// <summary>The worst level over both sides of hands and feet, or null when none was examined.</summary>
    public static int? Worst(Pair<SensoryLevel?> hands, Pair<SensoryLevel?> feet)
    {
        ArgumentNullException.ThrowIfNull(hands);
        ArgumentNullException.ThrowIfNull(feet);
        var levels = hands.Both().Concat(feet.Both()).Where(l => l is not null).Select(l => (int)l!.Value).ToList();
        return levels.Count == 0 ? null : levels.Max();
    }

    public static int? StrengthScore(ExamFindings exam)
    {
        ArgumentNullException.ThrowIfNull(exam);
        var grades = exam.Strength.Values.SelectMany(p => p.Both()).Where(g => g is not null).Select(g => g!.Value).ToList();
        if (grades.Count == 0)
        {
            return null;
        }

        return grades.Min() switch
        {
            5 => 0,
            4 => 1,
            3 => 2,
            2 or 1 => 3,
            _ => 4,
        };
    }

    public static int? ReflexScore(ExamFindings exam)
    {
        ArgumentNullException.ThrowIfNull(exam);
        int? WorstOf(Reflex reflex) => exam.Reflexes.TryGetValue(reflex, out var pair) ? pair.Both().Min() : null; // Min skips nulls
        var ankle = WorstOf(Reflex.Ankle);
        if (ankle is null)
        {
            return null;
        }

        var others = new[] { WorstOf(Reflex.Knee), WorstOf(Reflex.Biceps) }.Where(g => g is not null).Select(g => g!.Value).ToList();
        var othersAbsent = others.Count > 0 && others.All(g => g == 0);
        var othersReduced = others.Any(g => g <= 1);
        return ankle switch
        {
            >= 2 => 0,
            1 => 1,
            _ when othersAbsent => 4,
            _ when othersReduced => 3,
            _ => 2,
        };
    }
}
