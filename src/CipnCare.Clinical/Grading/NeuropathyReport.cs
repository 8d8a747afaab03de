namespace CipnCare.Clinical.Grading;

/// <summary>The facts a patient-reported CTCAE-equivalent grade is built from.</summary>
public sealed record NeuropathyReport(int WorstSeverity, bool LimitsInstrumentalAdl, bool LimitsSelfCareAdl);
