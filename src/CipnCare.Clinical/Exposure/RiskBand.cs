namespace CipnCare.Clinical.Exposure;

/// <summary>
/// A cumulative dose (in the agent's basis unit) from which neuropathy risk is reported to rise, with its source.
/// Bands are ordered by <see cref="From"/>; below the first band the risk band is "below threshold".
/// </summary>
public sealed record RiskBand(double From, string Name, string Source);
