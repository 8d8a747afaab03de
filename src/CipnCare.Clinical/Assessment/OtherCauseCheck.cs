using CipnCare.Clinical.Alerts;

namespace CipnCare.Clinical.Assessment;

/// <summary>
/// "Consider another cause" from the exam and the tests: the red-flag patterns of clinical-reference.md §7 that an exam
/// can show (asymmetry, proximal or motor-predominant weakness, sensory ataxia) and other-cause laboratory results
/// outside their range (AAN practice parameter, England 2009: glucose, B12 with methylmalonic acid, serum protein
/// immunofixation; common panel: folate, TSH, renal function). The prompt lists why; it feeds the alert rules as a
/// routine "consider another cause" alert. It never says what the cause is.
/// </summary>
public static class OtherCauseCheck
{
    /// <summary>Left and right differ by this many levels or grades: asymmetric.</summary>
    public const int AsymmetryAtLeast = 2;

    public static IReadOnlyList<string> Reasons(ExamFindings? exam, IReadOnlyList<DiagnosticValue> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reasons = new List<string>();
        if (exam is not null)
        {
            ExamReasons(exam, reasons);
        }

        // The newest result of each test counts.
        foreach (var latest in results.GroupBy(r => r.Code).Select(g => g.OrderByDescending(r => r.On).First()))
        {
            if (DiagnosticCatalogue.Find(latest.Code) is not { } test || latest.Flag is not { } flag)
            {
                continue;
            }

            var counts = test.OtherCause switch
            {
                OtherCauseWhen.Low => flag == RangeFinding.Low,
                OtherCauseWhen.High => flag == RangeFinding.High,
                OtherCauseWhen.LowOrHigh => flag is RangeFinding.Low or RangeFinding.High,
                OtherCauseWhen.Abnormal => flag != RangeFinding.Normal,
                OtherCauseWhen.Never => false,
            };
            if (counts)
            {
                var value = latest.Value is { } v ? $" {v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} {test.Unit}".TrimEnd() : "";
                reasons.Add($"{test.Name}{value} ({flag.ToString().ToLowerInvariant()}, {latest.On:yyyy-MM-dd}): {test.Why}");
            }
        }

        return reasons;
    }

    /// <summary>The routine alert the reasons raise, or null without reasons. Its key changes when the reasons do.</summary>
    public static Alert? ToAlert(IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (reasons.Count == 0)
        {
            return null;
        }

        var key = "other-cause-exam:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('|', reasons))))[..16];
        return new Alert(AlertCode.ConsiderOtherCause, AlertSeverity.Routine, "Consider another cause (exam and tests)", reasons,
            [new SuggestedAction("Review the findings for a cause other than chemotherapy; consider a neurology review.", AlertRules.RedFlags)],
            PatientNextStep.Routine, key, RulesVersion.Current);
    }

    private static void ExamReasons(ExamFindings exam, List<string> reasons)
    {
        var s = exam.Sensation;
        foreach (var (name, pair) in new[] { ("pin prick in the hands", s.PinHands), ("pin prick in the feet", s.PinFeet), ("vibration in the hands", s.VibrationHands), ("vibration in the feet", s.VibrationFeet), ("light touch in the hands", s.LightTouchHands), ("light touch in the feet", s.LightTouchFeet) })
        {
            if (pair is { Left: { } l, Right: { } r } && Math.Abs((int)l - (int)r) >= AsymmetryAtLeast)
            {
                reasons.Add($"asymmetric {name} (left {Describe(l)}, right {Describe(r)})");
            }
        }

        foreach (var (muscle, pair) in exam.Strength)
        {
            if (pair is { Left: { } l, Right: { } r } && Math.Abs(l - r) >= AsymmetryAtLeast)
            {
                reasons.Add($"asymmetric strength in {ExamFields.Name(muscle).ToLowerInvariant()} (MRC left {l}, right {r})");
            }
        }

        foreach (var (reflex, pair) in exam.Reflexes)
        {
            if (pair is { Left: { } l, Right: { } r } && Math.Abs(l - r) >= AsymmetryAtLeast)
            {
                reasons.Add($"asymmetric {reflex.ToString().ToLowerInvariant()} reflex (left {l}, right {r})");
            }
        }

        var proximal = exam.Strength.Where(m => ExamFields.IsProximal(m.Key)).SelectMany(m => m.Value.Both()).Min();
        var distal = exam.Strength.Where(m => !ExamFields.IsProximal(m.Key)).SelectMany(m => m.Value.Both()).Min();
        if (proximal is { } p && p <= 3 && (distal is null || p < distal))
        {
            reasons.Add($"proximal weakness (MRC {p} at the shoulder or hip{(distal is { } d ? $", distal {d}" : "")})");
        }

        var feetPosition = exam.Sensation.ProprioceptionFeet.Both().Any(x => x == Proprioception.Absent);
        if (exam.Romberg == RombergResult.Positive && feetPosition)
        {
            reasons.Add("sensory ataxia: positive Romberg with lost joint-position sense (platinum drugs can also cause this)");
        }
    }

    private static string Describe(SensoryLevel level) => level switch
    {
        SensoryLevel.Normal => "normal",
        SensoryLevel.FingersOrToes => "fingers/toes",
        SensoryLevel.WristOrAnkle => "to wrist/ankle",
        SensoryLevel.ElbowOrKnee => "to elbow/knee",
        SensoryLevel.AboveElbowOrKnee => "above elbow/knee",
    };
}
