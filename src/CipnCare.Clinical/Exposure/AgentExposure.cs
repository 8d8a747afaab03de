namespace CipnCare.Clinical.Exposure;

/// <summary>What a patient has received of one agent, against its sourced risk bands.</summary>
public sealed record AgentExposure(
    Agent Agent,
    int Doses,
    double CumulativeInBasis,
    double CumulativeMg,
    double? ThresholdInBasis,
    double? PercentOfThreshold,
    string RiskBand,
    DateTime FirstDose,
    DateTime LastDose,
    double? ProjectedInBasis,
    string? ProjectedRiskBand);
