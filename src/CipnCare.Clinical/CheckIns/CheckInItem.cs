namespace CipnCare.Clinical.CheckIns;

/// <summary>
/// One question of the foundation check-in. The wording is our own (no licensed instrument text).
/// <paramref name="IsCount"/> items record a number (0 to 4, where 4 means "4 or more") rather than a severity.
/// </summary>
public sealed record CheckInItem(string Id, string Question, SymptomDomain Domain, bool IsCount = false);
