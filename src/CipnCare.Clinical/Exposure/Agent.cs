namespace CipnCare.Clinical.Exposure;

/// <summary>
/// One neurotoxic agent. Every fact carries its source; a fact the reference could not verify is left null and
/// <see cref="Gaps"/> says so — never an invented threshold.
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
    IReadOnlyList<string> Gaps)
{
    /// <summary>The threshold percentages are reported against: the highest sourced band, if any.</summary>
    public RiskBand? Threshold => RiskBands.Count == 0 ? null : RiskBands[^1];
}
