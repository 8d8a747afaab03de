namespace CipnCare.Clinical.Assessment;

/// <summary>
/// Impossible values in an exam, each with a message the examiner can act on. Keys name the form field
/// (<see cref="ExamFields"/>), so the form can put the message beside the input.
/// </summary>
public static class ExamValidation
{
    public const int MaxNoteLength = 4000;
    public const double MinTugSeconds = 2;
    public const double MaxTugSeconds = 300;
    public const int MaxChairStands = 40;
    public const double MaxGripKg = 120;
    public const double MinPegSeconds = 5;
    public const double MaxPegSeconds = 600;
    public const int MinSystolic = 50;
    public const int MaxSystolic = 280;
    public const int MinDiastolic = 20;
    public const int MaxDiastolic = 180;
    public const int MinHeartRate = 20;
    public const int MaxHeartRate = 250;

    public static IReadOnlyDictionary<string, string> Check(ExamFindings exam)
    {
        ArgumentNullException.ThrowIfNull(exam);
        var errors = new Dictionary<string, string>();

        foreach (var (muscle, pair) in exam.Strength)
        {
            Side(errors, pair, side => ExamFields.Mrc(muscle, side), v => v is >= 0 and <= 5, $"{ExamFields.Name(muscle)}: MRC grades are 0 (no movement) to 5 (normal power).");
        }

        foreach (var (reflex, pair) in exam.Reflexes)
        {
            Side(errors, pair, side => ExamFields.ReflexField(reflex, side), v => v is >= 0 and <= 4, $"{reflex} reflex: grades are 0 (absent) to 4 (with clonus).");
        }

        Side(errors, exam.Sensation.MonofilamentSitesFeltFeet, side => $"monofilament-{side}", v => v is >= 0 and <= Sensation.MonofilamentSites,
            $"Monofilament: count the sites felt, 0 to {Sensation.MonofilamentSites}.");
        Side(errors, exam.GripKg, side => $"grip-{side}", v => v is >= 0 and <= MaxGripKg, $"Grip strength is 0 to {MaxGripKg} kg.");
        Side(errors, exam.PegSeconds, side => $"peg-{side}", v => v is >= MinPegSeconds and <= MaxPegSeconds,
            $"Nine-hole peg time is {MinPegSeconds} to {MaxPegSeconds} seconds; leave it empty if the test could not be done.");

        if (exam.TugSeconds is { } tug && tug is < MinTugSeconds or > MaxTugSeconds || exam.TugSeconds is double.NaN)
        {
            errors["tug"] = $"Timed Up and Go is {MinTugSeconds} to {MaxTugSeconds} seconds; leave it empty if the test could not be done.";
        }

        if (exam.ChairStands is { } stands && stands is < 0 or > MaxChairStands)
        {
            errors["chairStands"] = $"The 30-second chair stand counts 0 to {MaxChairStands} stands.";
        }

        var stages = new[] { ("feetTogether", exam.Balance.FeetTogether), ("semiTandem", exam.Balance.SemiTandem), ("tandem", exam.Balance.Tandem), ("singleLeg", exam.Balance.SingleLeg) };
        foreach (var (name, seconds) in stages)
        {
            if (seconds is { } s && s is < 0 or > BalanceStages.HoldSeconds)
            {
                errors[$"balance-{name}"] = $"Each balance stance is held 0 to {BalanceStages.HoldSeconds} seconds.";
            }
        }

        Pressure(errors, "supine", exam.Supine);
        Pressure(errors, "standing1", exam.StandingOneMinute);
        Pressure(errors, "standing3", exam.StandingThreeMinutes);

        if (exam.MotorSymptoms is { } motor && motor is < 0 or > 4)
        {
            errors["motorSymptoms"] = "Motor symptoms are 0 (none) to 4 (total loss of function).";
        }

        if (exam.CtcaeSensory is { } sensory && sensory is < 0 or > 4)
        {
            errors["ctcaeSensory"] = "CTCAE v5.0 sensory neuropathy is graded 0 to 4 (it has no grade 5).";
        }

        if (exam.CtcaeMotor is { } motorGrade && motorGrade is < 0 or > 5)
        {
            errors["ctcaeMotor"] = "CTCAE v5.0 motor neuropathy is graded 0 to 5.";
        }

        if (exam.Notes?.Length > MaxNoteLength)
        {
            errors["notes"] = $"Notes are at most {MaxNoteLength} characters.";
        }

        if (exam.Skin.Note?.Length > MaxNoteLength)
        {
            errors["skinNote"] = $"The skin note is at most {MaxNoteLength} characters.";
        }

        return errors;
    }

    private static void Side<T>(Dictionary<string, string> errors, Pair<T?> pair, Func<string, string> field, Func<T, bool> valid, string message)
        where T : struct
    {
        if (pair.Left is { } left && !valid(left))
        {
            errors[field("left")] = message;
        }

        if (pair.Right is { } right && !valid(right))
        {
            errors[field("right")] = message;
        }
    }

    private static void Pressure(Dictionary<string, string> errors, string position, BloodPressure bp)
    {
        if (bp.Systolic is { } sys && sys is < MinSystolic or > MaxSystolic)
        {
            errors[$"{position}-systolic"] = $"Systolic pressure is {MinSystolic} to {MaxSystolic} mmHg.";
        }

        if (bp.Diastolic is { } dia && dia is < MinDiastolic or > MaxDiastolic)
        {
            errors[$"{position}-diastolic"] = $"Diastolic pressure is {MinDiastolic} to {MaxDiastolic} mmHg.";
        }
        else if (bp is { Systolic: { } s, Diastolic: { } d } && d >= s)
        {
            errors[$"{position}-diastolic"] = "Diastolic pressure must be lower than systolic.";
        }

        if ((bp.Systolic is null) != (bp.Diastolic is null))
        {
            errors[$"{position}-{(bp.Systolic is null ? "systolic" : "diastolic")}"] = "Give both systolic and diastolic pressure.";
        }

        if (bp.HeartRate is { } hr && hr is < MinHeartRate or > MaxHeartRate)
        {
            errors[$"{position}-heartRate"] = $"Heart rate is {MinHeartRate} to {MaxHeartRate} beats per minute.";
        }
    }
}

/// <summary>The exam form's field names, shared by the form, the validation messages and the tests.</summary>
public static class ExamFields
{
    public static string Mrc(Muscle muscle, string side) => $"mrc-{muscle}-{side}";

    public static string ReflexField(Reflex reflex, string side) => $"reflex-{reflex}-{side}";

    public static string Name(Muscle muscle) => muscle switch
    {
        Muscle.ShoulderAbduction => "Shoulder abduction",
        Muscle.HipFlexion => "Hip flexion",
        Muscle.WristExtension => "Wrist extension",
        Muscle.FingerAbduction => "Finger spreading",
        Muscle.AnkleDorsiflexion => "Ankle dorsiflexion",
        Muscle.GreatToeExtension => "Big-toe extension",
    };

    public static bool IsProximal(Muscle muscle) => muscle is Muscle.ShoulderAbduction or Muscle.HipFlexion;
}
