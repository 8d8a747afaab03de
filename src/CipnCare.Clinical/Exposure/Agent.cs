namespace CipnCare.Clinical.Exposure;

/// <summary>A single-dose cap that holds in one regimen: the one whose planned interval is <paramref name="IntervalDays"/>.</summary>
public sealed record RegimenCap(double IntervalDays, double CapMg, string Regimen, string Source);

/// <summary>
/// One neurotoxic agent. Every fact carries its source; a fact the reference could not verify is left null and
/// <see cref="Gaps"/> says so — never an invented threshold. <paramref name="MinimumIntervalHours"/> is a label's
/// absolute minimum between doses; <paramref name="RegimenCaps"/> replace <paramref name="PerDoseCapMg"/> in the
/// regimens they name; <paramref name="DoseWeightCapKg"/> is the most weight a mg/kg dose is calculated on;
/// <paramref name="OnceDaily"/> agents are taken every day, so a dose a day after the last is not a duplicate.
/// </summary>
public sealed record Agent(
    string Code,
    string Name,
    string? RxNormCode,
    DoseUnit Basis,
    double? PerDoseCapMg,
    double? ShortestUsualIntervalDays,
    IReadOnlyList<RiskBand> RiskBands,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Gaps,
    double? MinimumIntervalHours = null,
    IReadOnlyList<RegimenCap>? RegimenCaps = null,
    double? DoseWeightCapKg = null,
    bool OnceDaily = false)
{
    /// <summary>The threshold percentages are reported against: the highest sourced band, if any.</summary>
    public RiskBand? Threshold => RiskBands.Count == 0 ? null : RiskBands[^1];
}
