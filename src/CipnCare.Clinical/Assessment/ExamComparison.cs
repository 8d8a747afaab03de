namespace CipnCare.Clinical.Assessment;

public enum FindingDirection
{
    Better,
    Worse,
}

/// <summary>One finding that changed between two assessments, by how much, and whether that is better or worse.</summary>
public sealed record FindingChange(string Code, string Finding, string Before, string After, double Delta, string Unit, FindingDirection Direction);

/// <summary>
/// What changed from the previous assessment to this one: every composite item and total, the function tests, grip,
/// peg, CTCAE grades and the orthostatic falls. Findings measured only once are not compared. Direction is clinical:
/// a longer TUG is worse, more chair stands are better.
/// </summary>
public static class ExamComparison
{
    public static IReadOnlyList<FindingChange> Compare(ExamFindings previous, ExamFindings current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changes = new List<FindingChange>();
        void Add(string code, string finding, double? before, double? after, string unit, bool higherIsWorse, string format = "0.#")
        {
            if (before is not { } b || after is not { } a || Math.Abs(a - b) < 1e-9)
            {
                return;
            }

            var culture = System.Globalization.CultureInfo.InvariantCulture;
            changes.Add(new(code, finding, b.ToString(format, culture), a.ToString(format, culture), Math.Round(a - b, 2), unit,
                (a > b) == higherIsWorse ? FindingDirection.Worse : FindingDirection.Better));
        }

        var (was, now) = (ExamComposite.Score(previous), ExamComposite.Score(current));
        Add("composite-total", ExamComposite.Name, was.Total, now.Total, "of 28", higherIsWorse: true);
        foreach (var item in now.Items)
        {
            Add(item.Code, item.Name, was.Items.First(i => i.Code == item.Code).Score, item.Score, "of 4", higherIsWorse: true);
        }

        Add("tug", "Timed Up and Go", previous.TugSeconds, current.TugSeconds, "s", higherIsWorse: true);
        Add("chair-stand", "30-second chair stand", previous.ChairStandScore, current.ChairStandScore, "stands", higherIsWorse: false);
        Add("tandem", "Tandem stance", previous.Balance.Tandem, current.Balance.Tandem, "s", higherIsWorse: false);
        Add("grip-left", "Grip, left", previous.GripKg.Left, current.GripKg.Left, "kg", higherIsWorse: false);
        Add("grip-right", "Grip, right", previous.GripKg.Right, current.GripKg.Right, "kg", higherIsWorse: false);
        Add("peg-left", "Nine-hole peg, left", previous.PegSeconds.Left, current.PegSeconds.Left, "s", higherIsWorse: true);
        Add("peg-right", "Nine-hole peg, right", previous.PegSeconds.Right, current.PegSeconds.Right, "s", higherIsWorse: true);
        Add("monofilament-left", "Monofilament sites felt, left foot", previous.Sensation.MonofilamentSitesFeltFeet.Left, current.Sensation.MonofilamentSitesFeltFeet.Left, "of 10", higherIsWorse: false);
        Add("monofilament-right", "Monofilament sites felt, right foot", previous.Sensation.MonofilamentSitesFeltFeet.Right, current.Sensation.MonofilamentSitesFeltFeet.Right, "of 10", higherIsWorse: false);
        Add("ctcae-sensory", "CTCAE sensory grade", previous.CtcaeSensory, current.CtcaeSensory, "", higherIsWorse: true);
        Add("ctcae-motor", "CTCAE motor grade", previous.CtcaeMotor, current.CtcaeMotor, "", higherIsWorse: true);
        var (oWas, oNow) = (Orthostatic(previous), Orthostatic(current));
        Add("orthostatic-systolic-fall", "Systolic fall on standing", oWas.SystolicFall, oNow.SystolicFall, "mmHg", higherIsWorse: true, format: "0");
        return changes;
    }

    private static OrthostaticResult Orthostatic(ExamFindings exam) =>
        OrthostaticHypotension.Assess(exam.Supine, exam.StandingOneMinute, exam.StandingThreeMinutes);
}
