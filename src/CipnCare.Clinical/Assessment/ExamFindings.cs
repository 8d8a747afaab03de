namespace CipnCare.Clinical.Assessment;

/// <summary>A finding on both sides of the body. Either side may be missing (not examined).</summary>
public sealed record Pair<T>(T Left, T Right)
{
    public IEnumerable<T> Both() => [Left, Right];
}

/// <summary>
/// How far up the limb a sensory loss reaches: the level the examiner found it normal above. The numbers are the
/// 0–4 anchors of the published modified-TNS sheet for pin and vibration (reference §4): 1 fingers/toes, 2 up to
/// wrist/ankle, 3 up to elbow/knee, 4 above elbow/knee.
/// </summary>
public enum SensoryLevel
{
    Normal = 0,
    FingersOrToes = 1,
    WristOrAnkle = 2,
    ElbowOrKnee = 3,
    AboveElbowOrKnee = 4,
}

public enum Proprioception
{
    Normal,
    Reduced,
    Absent,
}

/// <summary>Muscle groups tested with the MRC scale: two proximal, four distal.</summary>
public enum Muscle
{
    ShoulderAbduction,
    HipFlexion,
    WristExtension,
    FingerAbduction,
    AnkleDorsiflexion,
    GreatToeExtension,
}

/// <summary>Deep tendon reflexes, graded 0 absent, 1 reduced, 2 normal, 3 brisk, 4 with clonus.</summary>
public enum Reflex
{
    Biceps,
    Knee,
    Ankle,
}

public enum RombergResult
{
    Negative,
    Positive,
    UnableToStand,
}

public enum GaitFinding
{
    Normal,
    Unsteady,
    WideBased,
    HighStepping,
    UsesWalkingAid,
}

/// <summary>Autonomic symptoms asked about at the exam.</summary>
public enum AutonomicSymptom
{
    DizzinessOnStanding,
    Bowel,
    Bladder,
    Sweating,
    SexualFunction,
}

/// <summary>Skin of hands and feet and the shoes worn.</summary>
public sealed record SkinFindings(bool Cuts, bool Blisters, bool Ulcers, bool Burns, bool NailChanges, bool FootwearProblems, string? Note)
{
    public static SkinFindings None { get; } = new(false, false, false, false, false, false, null);

    public bool AnyProblem => Cuts || Blisters || Ulcers || Burns || NailChanges || FootwearProblems;
}

/// <summary>Sensation on both sides, hands and feet.</summary>
public sealed record Sensation(
    Pair<SensoryLevel?> LightTouchHands,
    Pair<SensoryLevel?> LightTouchFeet,
    Pair<int?> MonofilamentSitesFeltFeet,
    Pair<SensoryLevel?> PinHands,
    Pair<SensoryLevel?> PinFeet,
    Pair<SensoryLevel?> VibrationHands,
    Pair<SensoryLevel?> VibrationFeet,
    Pair<Proprioception?> ProprioceptionHands,
    Pair<Proprioception?> ProprioceptionFeet)
{
    public const int MonofilamentSites = 10;

    public static Sensation NotExamined { get; } = new(new(null, null), new(null, null), new(null, null), new(null, null), new(null, null),
        new(null, null), new(null, null), new(null, null), new(null, null));
}

/// <summary>Lying and standing blood pressure (mmHg) and heart rate (beats per minute).</summary>
public sealed record BloodPressure(int? Systolic, int? Diastolic, int? HeartRate)
{
    public static BloodPressure None { get; } = new(null, null, null);

    public bool HasPressure => Systolic is not null && Diastolic is not null;
}

/// <summary>Seconds each stance of the 4-stage balance test was held (0–10; stop at the first failure).</summary>
public sealed record BalanceStages(double? FeetTogether, double? SemiTandem, double? Tandem, double? SingleLeg)
{
    public const double HoldSeconds = 10;

    public static BalanceStages NotDone { get; } = new(null, null, null, null);
}

/// <summary>
/// One clinical assessment visit as examined: everything optional except what the examiner chose to record.
/// Validated by <see cref="ExamValidation"/>; scored by <see cref="ExamComposite"/>, <see cref="FallRisk"/> and
/// <see cref="OrthostaticHypotension"/>.
/// </summary>
public sealed record ExamFindings
{
    public SkinFindings Skin { get; init; } = SkinFindings.None;

    /// <summary>Where the patient feels sensory symptoms (tingling, numbness, pain) reach, as told at the exam.</summary>
    public SensoryLevel? SensorySymptoms { get; init; }

    /// <summary>Motor symptoms told at the exam: 0 none, 1 slight, 2 moderate, 3 needs help or an aid, 4 total loss.</summary>
    public int? MotorSymptoms { get; init; }

    public IReadOnlyList<AutonomicSymptom> AutonomicSymptoms { get; init; } = [];

    /// <summary>Whether autonomic symptoms were asked about (an empty list then means "none").</summary>
    public bool AutonomicAsked { get; init; }

    public Sensation Sensation { get; init; } = Sensation.NotExamined;

    /// <summary>MRC 0–5 for each muscle group tested.</summary>
    public IReadOnlyDictionary<Muscle, Pair<int?>> Strength { get; init; } = new Dictionary<Muscle, Pair<int?>>();

    public Pair<double?> GripKg { get; init; } = new(null, null);

    /// <summary>Reflex grades 0–4.</summary>
    public IReadOnlyDictionary<Reflex, Pair<int?>> Reflexes { get; init; } = new Dictionary<Reflex, Pair<int?>>();

    public RombergResult? Romberg { get; init; }
    public GaitFinding? Gait { get; init; }

    /// <summary>Timed Up and Go, seconds.</summary>
    public double? TugSeconds { get; init; }

    /// <summary>30-second chair stand: full stands counted.</summary>
    public int? ChairStands { get; init; }

    /// <summary>The patient used their arms to stand: by the CDC form the score is then 0.</summary>
    public bool ChairStandUsedArms { get; init; }

    public BalanceStages Balance { get; init; } = BalanceStages.NotDone;

    /// <summary>Nine-hole peg test, seconds per hand.</summary>
    public Pair<double?> PegSeconds { get; init; } = new(null, null);

    public BloodPressure Supine { get; init; } = BloodPressure.None;
    public BloodPressure StandingOneMinute { get; init; } = BloodPressure.None;
    public BloodPressure StandingThreeMinutes { get; init; } = BloodPressure.None;

    /// <summary>Clinician-graded CTCAE v5.0 peripheral sensory neuropathy, 0–4 (v5.0 has no grade 5 for it).</summary>
    public int? CtcaeSensory { get; init; }

    /// <summary>Clinician-graded CTCAE v5.0 peripheral motor neuropathy, 0–5.</summary>
    public int? CtcaeMotor { get; init; }

    public string? Notes { get; init; }

    /// <summary>The chair-stand count to score: 0 when the arms were used (CDC STEADI form).</summary>
    public int? ChairStandScore => ChairStands is null ? null : ChairStandUsedArms ? 0 : ChairStands;

    public int? Mrc(Muscle muscle, bool left) => Strength.TryGetValue(muscle, out var pair) ? (left ? pair.Left : pair.Right) : null;

    public int? ReflexGrade(Reflex reflex, bool left) => Reflexes.TryGetValue(reflex, out var pair) ? (left ? pair.Left : pair.Right) : null;
}
