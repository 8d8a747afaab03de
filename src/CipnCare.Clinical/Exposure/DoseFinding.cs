namespace CipnCare.Clinical.Exposure;

public enum DoseRule
{
    AbovePerDoseCap,
    AbovePlannedDose,
    ShortInterval,
    DuplicateWithin24Hours,
    UnitBasisMismatch,
    CrossesRiskBand,
}

/// <summary>High: could harm now (cap, interval, duplicate, unit confusion). Moderate: needs a look (plan deviation, band crossed).</summary>
public enum FindingSeverity
{
    High,
    Moderate,
}

/// <summary>A dose-safety finding: the clinician must acknowledge it, with a reason, to proceed.</summary>
public sealed record DoseFinding(DoseRule Rule, FindingSeverity Severity, string Message, string Source);
