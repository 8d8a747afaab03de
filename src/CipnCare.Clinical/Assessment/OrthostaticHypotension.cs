namespace CipnCare.Clinical.Assessment;

/// <summary>The orthostatic test's result with the numbers behind it. <see cref="Present"/> is null when it was not measured.</summary>
public sealed record OrthostaticResult(
    bool? Present,
    int? SystolicFall,
    int? DiastolicFall,
    int? HeartRateRise,
    bool SupineHypertension,
    IReadOnlyList<string> Reasons,
    string RulesVersion)
{
    public static OrthostaticResult NotMeasured { get; } = new(null, null, null, null, false, ["lying and standing blood pressure not both recorded"], Clinical.RulesVersion.Current);
}

/// <summary>
/// Orthostatic hypotension by the consensus definition: a sustained fall of systolic pressure ≥ 20 mmHg or diastolic
/// ≥ 10 mmHg within 3 minutes of standing (Freeman R et al., Clin Auton Res 2011;21(2):69–72, PMID 21431947;
/// clinical-reference.md §8 and verification §7). Readings at 1 and 3 minutes are compared with the lying reading;
/// the larger fall counts. With supine hypertension a systolic fall of ≥ 30 mmHg may be more appropriate (same
/// source): that is reported for the clinician, the result itself uses the standard criterion.
/// </summary>
public static class OrthostaticHypotension
{
    public const int SystolicFallAtLeast = 20;
    public const int DiastolicFallAtLeast = 10;

    /// <summary>
    /// Supine hypertension: supine systolic ≥ 140 or diastolic ≥ 90 mmHg (Fanciulli A et al., Clin Auton Res
    /// 2018;28:355 consensus on supine hypertension — not in clinical-reference.md; used only to add a note).
    /// </summary>
    public const int SupineHypertensiveSystolic = 140;
    public const int SupineHypertensiveDiastolic = 90;

    public static OrthostaticResult Assess(BloodPressure supine, BloodPressure standingOneMinute, BloodPressure standingThreeMinutes)
    {
        ArgumentNullException.ThrowIfNull(supine);
        ArgumentNullException.ThrowIfNull(standingOneMinute);
        ArgumentNullException.ThrowIfNull(standingThreeMinutes);
        var standing = new[] { (Minute: 1, Bp: standingOneMinute), (Minute: 3, Bp: standingThreeMinutes) }.Where(s => s.Bp.HasPressure).ToList();
        if (!supine.HasPressure || standing.Count == 0)
        {
            return OrthostaticResult.NotMeasured;
        }

        var systolicFall = standing.Max(s => supine.Systolic!.Value - s.Bp.Systolic!.Value);
        var diastolicFall = standing.Max(s => supine.Diastolic!.Value - s.Bp.Diastolic!.Value);
        var rates = standing.Where(s => s.Bp.HeartRate is not null).Select(s => s.Bp.HeartRate!.Value).ToList();
        int? rise = supine.HeartRate is { } lying && rates.Count > 0 ? rates.Max() - lying : null;
        var supineHypertension = supine.Systolic >= SupineHypertensiveSystolic || supine.Diastolic >= SupineHypertensiveDiastolic;

        var reasons = new List<string>();
        foreach (var (minute, bp) in standing)
        {
            reasons.Add($"at {minute} min standing {bp.Systolic}/{bp.Diastolic} vs lying {supine.Systolic}/{supine.Diastolic} mmHg: systolic {Change(supine.Systolic!.Value - bp.Systolic!.Value)}, diastolic {Change(supine.Diastolic!.Value - bp.Diastolic!.Value)}");
        }

        var present = systolicFall >= SystolicFallAtLeast || diastolicFall >= DiastolicFallAtLeast;
        reasons.Add(present
            ? $"meets the consensus criterion (systolic fall ≥ {SystolicFallAtLeast} or diastolic fall ≥ {DiastolicFallAtLeast} mmHg within 3 minutes)"
            : $"below the consensus criterion (systolic fall ≥ {SystolicFallAtLeast} or diastolic fall ≥ {DiastolicFallAtLeast} mmHg)");
        if (supineHypertension)
        {
            reasons.Add("supine hypertension: a systolic fall of ≥ 30 mmHg may be the more appropriate criterion");
        }

        return new(present, systolicFall, diastolicFall, rise, supineHypertension, reasons, RulesVersion.Current);
    }

    private static string Change(int fall) => fall >= 0 ? $"fell {fall}" : $"rose {-fall}";
}
