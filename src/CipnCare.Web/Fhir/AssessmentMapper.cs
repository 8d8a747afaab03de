using System.Globalization;
using CipnCare.Clinical.Assessment;
using CipnCare.Web.Features.Assessments;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Assessments as FHIR: the visit is an <see cref="Encounter"/>; findings and function tests are <c>exam</c>
/// Observations, lying and standing blood pressure <c>vital-signs</c> Observations (LOINC), results <c>laboratory</c>,
/// <c>procedure</c> (nerve conduction, QST) or <c>imaging</c> Observations with referenceRange and interpretation.
/// Codes without a checked LOINC code are in the CIPN Care assessment CodeSystem (docs/fhir.md). Pure mapping.
/// </summary>
public static class AssessmentMapper
{
    public const string AssessmentSystem = "https://cipncare.org/fhir/CodeSystem/assessment";
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string InterpretationSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    public static Encounter ToEncounter(AssessmentView visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var day = new FhirDateTime(visit.VisitDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new Encounter
        {
            Id = visit.VisitId.ToString(),
            Meta = FhirCodes.ChangedAt(visit.RecordedAt),
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
            Type = [new CodeableConcept(AssessmentSystem, "cipn-assessment", "CIPN clinical assessment")],
            Subject = new ResourceReference($"Patient/{visit.PatientId}"),
            Participant = [new Encounter.ParticipantComponent { Individual = new ResourceReference { Display = visit.ExaminerName } }],
            Period = new Period(day, day),
        };
    }

    /// <summary>Every Observation of one visit: exam findings, function tests, derived scores and vital signs.</summary>
    public static List<Observation> ToObservations(AssessmentView visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var f = visit.Findings;
        var list = new List<Observation>();
        Observation Add(string code, string display, string category, DataType? value, params Observation.ComponentComponent[] components)
        {
            var observation = new Observation
            {
                Id = $"{visit.VisitId}-{code}",
                Meta = FhirCodes.ChangedAt(visit.RecordedAt),
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept(CategorySystem, category, category == "exam" ? "Exam" : "Vital Signs")],
                Code = new CodeableConcept(AssessmentSystem, code, display),
                Subject = new ResourceReference($"Patient/{visit.PatientId}"),
                Encounter = new ResourceReference($"Encounter/{visit.VisitId}"),
                Effective = new FhirDateTime(visit.VisitDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Value = value,
                Component = components.ToList(),
            };
            list.Add(observation);
            return observation;
        }

        // Derived: composite, orthostatic result, fall risk.
        var composite = Add("exam-composite", ExamComposite.Name, "exam", visit.Composite.Total is { } total ? new Integer(total) : null,
            visit.Composite.Items.Where(i => i.Score is not null).Select(i => Component(i.Code, i.Name, new Integer(i.Score!.Value))).ToArray());
        if (visit.Composite.Total is null)
        {
            composite.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed");
        }

        composite.Note = [new Annotation { Text = "Seven items 0–4 in the TNSc structure with CIPN Care anchors; not the licensed TNSc form (docs/assessment.md)." }];
        var fall = Add("fall-risk", "Fall risk (CDC STEADI structure)", "exam", new CodeableConcept(AssessmentSystem, $"fall-risk-{FallRisk.Describe(visit.FallRisk.Level).Replace(' ', '-')}", FallRisk.Describe(visit.FallRisk.Level)));
        fall.Note = visit.FallRisk.Reasons.Select(r => new Annotation { Text = r }).ToList();

        // Vital signs: LOINC blood-pressure panel with position-specific components.
        var bpIds = new List<ResourceReference>();
        foreach (var (key, label, bp, standing) in new[] { ("bp-lying", "Blood pressure lying", f.Supine, false), ("bp-standing-1min", "Blood pressure standing 1 minute", f.StandingOneMinute, true), ("bp-standing-3min", "Blood pressure standing 3 minutes", f.StandingThreeMinutes, true) })
        {
            if (!bp.HasPressure)
            {
                continue;
            }

            var components = new List<Observation.ComponentComponent>
            {
                LoincComponent(standing ? "8460-8" : "8461-6", standing ? "Systolic blood pressure--standing" : "Systolic blood pressure--supine", bp.Systolic!.Value, "mm[Hg]", "mmHg"),
                LoincComponent(standing ? "8454-1" : "8455-8", standing ? "Diastolic blood pressure--standing" : "Diastolic blood pressure--supine", bp.Diastolic!.Value, "mm[Hg]", "mmHg"),
            };
            if (bp.HeartRate is { } hr)
            {
                components.Add(LoincComponent("8867-4", "Heart rate", hr, "/min", "beats/minute"));
            }

            var observation = Add(key, label, "vital-signs", null, [.. components]);
            observation.Code = new CodeableConcept(Loinc, "85354-9", "Blood pressure panel with all children optional") { Text = label };
            bpIds.Add(new ResourceReference($"Observation/{observation.Id}"));
        }

        if (visit.Orthostatic.Present is { } present)
        {
            var oh = Add("orthostatic-hypotension", "Orthostatic hypotension (Freeman 2011 consensus)", "exam", new FhirBoolean(present),
                Component("systolic-fall", "Systolic fall on standing", Mmhg(visit.Orthostatic.SystolicFall!.Value)),
                Component("diastolic-fall", "Diastolic fall on standing", Mmhg(visit.Orthostatic.DiastolicFall!.Value)));
            oh.DerivedFrom = bpIds;
        }

        // Function tests.
        if (f.TugSeconds is { } tug)
        {
            Add("timed-up-and-go", "Timed Up and Go", "exam", Seconds(tug));
        }

        if (f.ChairStandScore is { } stands)
        {
            Add("chair-stand-30s", "30-second chair stand (stands)", "exam", new Integer(stands));
        }

        var balance = new[] { ("feet-together", "Feet side by side", f.Balance.FeetTogether), ("semi-tandem", "Semi-tandem", f.Balance.SemiTandem), ("tandem", "Tandem", f.Balance.Tandem), ("single-leg", "Single leg", f.Balance.SingleLeg) }
            .Where(s => s.Item3 is not null).Select(s => Component(s.Item1, s.Item2, Seconds(s.Item3!.Value))).ToArray();
        if (balance.Length > 0)
        {
            Add("balance-4-stage", "4-stage balance test (seconds held)", "exam", null, balance);
        }

        AddPair("nine-hole-peg", "Nine-hole peg test", f.PegSeconds, Seconds, "hand");
        AddPair("grip-strength", "Grip strength (dynamometer)", f.GripKg, v => new Quantity((decimal)v, "kg", Ucum), "hand");
        AddPair("monofilament-sites-felt", "10 g monofilament sites felt (of 10)", AsDouble(f.Sensation.MonofilamentSitesFeltFeet), v => new Integer((int)v), "foot");

        // Sensation per modality, strength and reflexes: one Observation each, a component per limb or muscle and side.
        foreach (var (code, name, hands, feet) in new[] { ("pin-sensibility", "Pin prick level", f.Sensation.PinHands, f.Sensation.PinFeet), ("vibration-sensibility", "Vibration level", f.Sensation.VibrationHands, f.Sensation.VibrationFeet), ("light-touch", "Light touch level", f.Sensation.LightTouchHands, f.Sensation.LightTouchFeet) })
        {
            var parts = new[] { ("left-hand", hands.Left), ("right-hand", hands.Right), ("left-foot", feet.Left), ("right-foot", feet.Right) }
                .Where(p => p.Item2 is not null).Select(p => Component(p.Item1, $"{name}, {p.Item1.Replace('-', ' ')}", new CodeableConcept(AssessmentSystem, $"level-{(int)p.Item2!.Value}", p.Item2.Value.ToString()))).ToArray();
            if (parts.Length > 0)
            {
                Add(code, $"{name} (0 normal … 4 above elbow/knee)", "exam", null, parts);
            }
        }

        var mrc = f.Strength.SelectMany(m => new[] { ("left", m.Value.Left), ("right", m.Value.Right) }.Where(s => s.Item2 is not null)
            .Select(s => Component($"mrc-{Kebab(m.Key.ToString())}-{s.Item1}", $"{ExamFields.Name(m.Key)}, {s.Item1}", new Integer(s.Item2!.Value)))).ToArray();
        if (mrc.Length > 0)
        {
            Add("strength-mrc", "Muscle strength (MRC 0–5)", "exam", null, mrc);
        }

        var reflexes = f.Reflexes.SelectMany(r => new[] { ("left", r.Value.Left), ("right", r.Value.Right) }.Where(s => s.Item2 is not null)
            .Select(s => Component($"reflex-{Kebab(r.Key.ToString())}-{s.Item1}", $"{r.Key} reflex, {s.Item1}", new Integer(s.Item2!.Value)))).ToArray();
        if (reflexes.Length > 0)
        {
            Add("reflexes", "Deep tendon reflexes (0–4)", "exam", null, reflexes);
        }

        if (f.Romberg is { } romberg)
        {
            Add("romberg", "Romberg test", "exam", new CodeableConcept(AssessmentSystem, $"romberg-{Kebab(romberg.ToString())}", ExamForm.RombergText(romberg)));
        }

        if (f.Gait is { } gait)
        {
            Add("gait", "Gait observation", "exam", new CodeableConcept(AssessmentSystem, $"gait-{Kebab(gait.ToString())}", ExamForm.GaitText(gait)));
        }

        if (f.Skin.AnyProblem || f.Skin.Note is not null)
        {
            var skin = Add("skin-inspection", "Skin and foot inspection", "exam", new FhirBoolean(f.Skin.AnyProblem),
                new[] { ("cuts", f.Skin.Cuts), ("blisters", f.Skin.Blisters), ("ulcers", f.Skin.Ulcers), ("burns", f.Skin.Burns), ("nail-changes", f.Skin.NailChanges), ("footwear-problems", f.Skin.FootwearProblems) }
                    .Select(s => Component(s.Item1, s.Item1.Replace('-', ' '), new FhirBoolean(s.Item2))).ToArray());
            if (f.Skin.Note is { } note)
            {
                skin.Note = [new Annotation { Text = note }];
            }
        }

        if (f.CtcaeSensory is { } sensory)
        {
            Add("ctcae-sensory-grade", "CTCAE v5.0 peripheral sensory neuropathy grade (clinician)", "exam", new Integer(sensory));
        }

        if (f.CtcaeMotor is { } motor)
        {
            Add("ctcae-motor-grade", "CTCAE v5.0 peripheral motor neuropathy grade (clinician)", "exam", new Integer(motor));
        }

        return list;

        void AddPair(string code, string display, Pair<double?> pair, Func<double, DataType> value, string part)
        {
            var sides = new[] { ("left", pair.Left), ("right", pair.Right) }.Where(s => s.Item2 is not null)
                .Select(s => Component($"{s.Item1}-{part}", $"{display}, {s.Item1} {part}", value(s.Item2!.Value))).ToArray();
            if (sides.Length > 0)
            {
                Add(code, display, "exam", null, sides);
            }
        }
    }

    /// <summary>Overloads the int pair (monofilament) onto the double one.</summary>
    private static Pair<double?> AsDouble(Pair<int?> pair) => new(pair.Left, pair.Right);

    public static Observation ToObservation(DiagnosticView result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var category = result.Kind switch
        {
            DiagnosticKind.Laboratory => ("laboratory", "Laboratory"),
            DiagnosticKind.Imaging => ("imaging", "Imaging"),
            DiagnosticKind.NerveConduction or DiagnosticKind.QuantitativeSensory => ("procedure", "Procedure"),
        };
        var code = new CodeableConcept(AssessmentSystem, result.Code, result.Name);
        if (result.Loinc is { } loinc)
        {
            code.Coding.Insert(0, new Coding(Loinc, loinc, result.Name));
        }

        var observation = new Observation
        {
            Id = result.Id.ToString(),
            Meta = FhirCodes.ChangedAt(result.RecordedAt),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(CategorySystem, category.Item1, category.Item2)],
            Code = code,
            Subject = new ResourceReference($"Patient/{result.PatientId}"),
            Effective = new FhirDateTime(result.TakenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        if (result.Value is { } value)
        {
            observation.Value = new Quantity((decimal)value, result.Unit ?? "1", Ucum) { Unit = result.Unit, Code = UcumCode(result.Unit) };
        }
        else if (result.Text is { } text)
        {
            observation.Value = new FhirString(text);
        }

        if (result.ReferenceLow is not null || result.ReferenceHigh is not null)
        {
            observation.ReferenceRange =
            [
                new Observation.ReferenceRangeComponent
                {
                    Low = result.ReferenceLow is { } low ? new Quantity((decimal)low, UcumCode(result.Unit), Ucum) { Unit = result.Unit } : null,
                    High = result.ReferenceHigh is { } high ? new Quantity((decimal)high, UcumCode(result.Unit), Ucum) { Unit = result.Unit } : null,
                },
            ];
        }

        if (result.Flag is { } flag)
        {
            var (c, d) = flag switch
            {
                RangeFinding.Low => ("L", "Low"),
                RangeFinding.High => ("H", "High"),
                RangeFinding.Abnormal => ("A", "Abnormal"),
                RangeFinding.Normal => ("N", "Normal"),
            };
            observation.Interpretation = [new CodeableConcept(InterpretationSystem, c, d)];
        }

        if (result.Value is not null && result.Text is { } report)
        {
            observation.Note = [new Annotation { Text = report }];
        }

        return observation;
    }

    /// <summary>UCUM for our display units ("mIU/L" is m[IU]/L in UCUM).</summary>
    public static string? UcumCode(string? unit) => unit switch
    {
        null => null,
        "mIU/L" => "m[IU]/L",
        _ => unit,
    };

    private static Observation.ComponentComponent Component(string code, string display, DataType value) =>
        new() { Code = new CodeableConcept(AssessmentSystem, code, display), Value = value };

    private static Observation.ComponentComponent LoincComponent(string code, string display, int value, string ucum, string unit) =>
        new() { Code = new CodeableConcept(Loinc, code, display), Value = new Quantity(value, ucum, Ucum) { Unit = unit } };

    private static Quantity Seconds(double value) => new((decimal)value, "s", Ucum) { Unit = "s" };

    private static Quantity Mmhg(int value) => new(value, "mm[Hg]", Ucum) { Unit = "mmHg" };

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
