using System.Globalization;
using CipnCare.Clinical.Assessment;

namespace CipnCare.Web.Features.Assessments;

/// <summary>
/// The exam form's fields ⇄ <see cref="ExamFindings"/>. Parsing never throws: text that is not a number becomes an
/// error on its field, and the page shows the posted values again so nothing typed is lost.
/// </summary>
public static class ExamForm
{
    public static readonly string[] Sides = ["left", "right"];
    public static readonly (string Key, string Label)[] Modalities = [("lt", "Light touch"), ("pin", "Pin prick (sharp/dull)"), ("vib", "Vibration (128 Hz)")];
    public static readonly (string Key, string Label)[] Parts = [("hands", "Hands"), ("feet", "Feet")];
    public static readonly (string Key, string Label)[] BalanceStagesShown = [("feetTogether", "Feet side by side"), ("semiTandem", "Semi-tandem"), ("tandem", "Tandem (heel to toe)"), ("singleLeg", "Single leg")];
    public static readonly (string Key, string Label)[] Positions = [("supine", "Lying (after 5 minutes)"), ("standing1", "Standing, 1 minute"), ("standing3", "Standing, 3 minutes")];
    public static readonly (string Key, string Label)[] Skin = [("cuts", "Cuts"), ("blisters", "Blisters"), ("ulcers", "Ulcers"), ("burns", "Burns"), ("nails", "Nail changes"), ("footwear", "Footwear problems")];

    public static (ExamFindings Findings, Dictionary<string, string> Errors) Parse(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        string? Text(string key) => form.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        bool On(string key) => Text(key) is "on" or "true";
        double? Number(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            errors[key] = "Enter a number.";
            return null;
        }

        int? Whole(string key)
        {
            var value = Number(key);
            if (value is { } v && v != Math.Floor(v))
            {
                errors[key] = "Enter a whole number.";
                return null;
            }

            return value is { } w ? (int)Math.Clamp(w, int.MinValue, int.MaxValue) : null;
        }

        T? Choice<T>(string key)
            where T : struct, Enum
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value))
            {
                return value;
            }

            errors[key] = "Choose one of the options.";
            return null;
        }

        Pair<SensoryLevel?> Level(string mod, string part) => new(Choice<SensoryLevel>($"{mod}-{part}-left"), Choice<SensoryLevel>($"{mod}-{part}-right"));
        Pair<Proprioception?> Position(string part) => new(Choice<Proprioception>($"prop-{part}-left"), Choice<Proprioception>($"prop-{part}-right"));
        BloodPressure Bp(string position) => new(Whole($"{position}-systolic"), Whole($"{position}-diastolic"), Whole($"{position}-heartRate"));

        var strength = new Dictionary<Muscle, Pair<int?>>();
        foreach (var muscle in Enum.GetValues<Muscle>())
        {
            var pair = new Pair<int?>(Whole(ExamFields.Mrc(muscle, "left")), Whole(ExamFields.Mrc(muscle, "right")));
            if (pair.Left is not null || pair.Right is not null)
            {
                strength[muscle] = pair;
            }
        }

        var reflexes = new Dictionary<Reflex, Pair<int?>>();
        foreach (var reflex in Enum.GetValues<Reflex>())
        {
            var pair = new Pair<int?>(Whole(ExamFields.ReflexField(reflex, "left")), Whole(ExamFields.ReflexField(reflex, "right")));
            if (pair.Left is not null || pair.Right is not null)
            {
                reflexes[reflex] = pair;
            }
        }

        var autonomic = Enum.GetValues<AutonomicSymptom>().Where(s => On($"auto-{s}")).ToList();
        var findings = new ExamFindings
        {
            Skin = new SkinFindings(On("skin-cuts"), On("skin-blisters"), On("skin-ulcers"), On("skin-burns"), On("skin-nails"), On("skin-footwear"), Text("skinNote")),
            SensorySymptoms = Choice<SensoryLevel>("sensorySymptoms"),
            MotorSymptoms = Whole("motorSymptoms"),
            AutonomicSymptoms = autonomic,
            AutonomicAsked = autonomic.Count > 0 || On("auto-none"),
            Sensation = new Sensation(
                Level("lt", "hands"), Level("lt", "feet"),
                new(Whole("monofilament-left"), Whole("monofilament-right")),
                Level("pin", "hands"), Level("pin", "feet"),
                Level("vib", "hands"), Level("vib", "feet"),
                Position("hands"), Position("feet")),
            Strength = strength,
            GripKg = new(Number("grip-left"), Number("grip-right")),
            Reflexes = reflexes,
            Romberg = Choice<RombergResult>("romberg"),
            Gait = Choice<GaitFinding>("gait"),
            TugSeconds = Number("tug"),
            ChairStands = Whole("chairStands"),
            ChairStandUsedArms = On("chairArms"),
            Balance = new(Number("balance-feetTogether"), Number("balance-semiTandem"), Number("balance-tandem"), Number("balance-singleLeg")),
            PegSeconds = new(Number("peg-left"), Number("peg-right")),
            Supine = Bp("supine"),
            StandingOneMinute = Bp("standing1"),
            StandingThreeMinutes = Bp("standing3"),
            CtcaeSensory = Whole("ctcaeSensory"),
            CtcaeMotor = Whole("ctcaeMotor"),
            Notes = Text("notes"),
        };
        return (findings, errors);
    }

    /// <summary>The form's values for stored findings (to edit them).</summary>
    public static Dictionary<string, string> Values(ExamFindings f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var values = new Dictionary<string, string>();
        void Set(string key, object? value)
        {
            if (value is not null)
            {
                values[key] = value switch
                {
                    double d => d.ToString("0.##", CultureInfo.InvariantCulture),
                    bool b => b ? "on" : "",
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                };
            }
        }

        void Pair<T>(string prefix, Pair<T> pair)
        {
            Set($"{prefix}-left", pair.Left);
            Set($"{prefix}-right", pair.Right);
        }

        foreach (var (key, on) in new[] { ("cuts", f.Skin.Cuts), ("blisters", f.Skin.Blisters), ("ulcers", f.Skin.Ulcers), ("burns", f.Skin.Burns), ("nails", f.Skin.NailChanges), ("footwear", f.Skin.FootwearProblems) })
        {
            if (on)
            {
                values[$"skin-{key}"] = "on";
            }
        }

        Set("skinNote", f.Skin.Note);
        Set("sensorySymptoms", f.SensorySymptoms);
        Set("motorSymptoms", f.MotorSymptoms);
        foreach (var symptom in f.AutonomicSymptoms)
        {
            values[$"auto-{symptom}"] = "on";
        }

        if (f.AutonomicAsked && f.AutonomicSymptoms.Count == 0)
        {
            values["auto-none"] = "on";
        }

        var s = f.Sensation;
        Pair("lt-hands", s.LightTouchHands);
        Pair("lt-feet", s.LightTouchFeet);
        Pair("pin-hands", s.PinHands);
        Pair("pin-feet", s.PinFeet);
        Pair("vib-hands", s.VibrationHands);
        Pair("vib-feet", s.VibrationFeet);
        Pair("prop-hands", s.ProprioceptionHands);
        Pair("prop-feet", s.ProprioceptionFeet);
        Pair("monofilament", s.MonofilamentSitesFeltFeet);
        foreach (var (muscle, pair) in f.Strength)
        {
            Pair($"mrc-{muscle}", pair);
        }

        foreach (var (reflex, pair) in f.Reflexes)
        {
            Pair($"reflex-{reflex}", pair);
        }

        Pair("grip", f.GripKg);
        Pair("peg", f.PegSeconds);
        Set("romberg", f.Romberg);
        Set("gait", f.Gait);
        Set("tug", f.TugSeconds);
        Set("chairStands", f.ChairStands);
        if (f.ChairStandUsedArms)
        {
            values["chairArms"] = "on";
        }

        Set("balance-feetTogether", f.Balance.FeetTogether);
        Set("balance-semiTandem", f.Balance.SemiTandem);
        Set("balance-tandem", f.Balance.Tandem);
        Set("balance-singleLeg", f.Balance.SingleLeg);
        foreach (var (key, bp) in new[] { ("supine", f.Supine), ("standing1", f.StandingOneMinute), ("standing3", f.StandingThreeMinutes) })
        {
            Set($"{key}-systolic", bp.Systolic);
            Set($"{key}-diastolic", bp.Diastolic);
            Set($"{key}-heartRate", bp.HeartRate);
        }

        Set("ctcaeSensory", f.CtcaeSensory);
        Set("ctcaeMotor", f.CtcaeMotor);
        Set("notes", f.Notes);
        return values;
    }

    public static string LevelText(SensoryLevel level, string part) => (level, part) switch
    {
        (SensoryLevel.Normal, _) => "Normal",
        (SensoryLevel.FingersOrToes, "hands") => "Reduced in fingers",
        (SensoryLevel.FingersOrToes, _) => "Reduced in toes",
        (SensoryLevel.WristOrAnkle, "hands") => "Up to the wrist",
        (SensoryLevel.WristOrAnkle, _) => "Up to the ankle",
        (SensoryLevel.ElbowOrKnee, "hands") => "Up to the elbow",
        (SensoryLevel.ElbowOrKnee, _) => "Up to the knee",
        (SensoryLevel.AboveElbowOrKnee, "hands") => "Above the elbow",
        (SensoryLevel.AboveElbowOrKnee, _) => "Above the knee",
        _ => level.ToString(),
    };

    public static string GaitText(GaitFinding gait) => gait switch
    {
        GaitFinding.Normal => "Normal",
        GaitFinding.Unsteady => "Unsteady",
        GaitFinding.WideBased => "Wide-based",
        GaitFinding.HighStepping => "High-stepping (foot drop)",
        GaitFinding.UsesWalkingAid => "Uses a walking aid",
    };

    public static string RombergText(RombergResult romberg) => romberg switch
    {
        RombergResult.Negative => "Negative (steady with eyes closed)",
        RombergResult.Positive => "Positive (sways or falls with eyes closed)",
        RombergResult.UnableToStand => "Unable to stand feet together",
    };

    public static string AutonomicText(AutonomicSymptom symptom) => symptom switch
    {
        AutonomicSymptom.DizzinessOnStanding => "Dizziness on standing",
        AutonomicSymptom.Bowel => "Bowel changes (constipation, diarrhoea)",
        AutonomicSymptom.Bladder => "Bladder changes",
        AutonomicSymptom.Sweating => "Sweating changes",
        AutonomicSymptom.SexualFunction => "Sexual function changes",
    };
}
