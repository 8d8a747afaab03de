namespace CipnCare.Clinical.Instruments;

public enum Aggregation
{
    Sum,
    Mean,
}

/// <summary>
/// A subscale: the items it adds up (sum or mean), items scored in reverse, how many must be answered, and an
/// optional linear transform of the result to 0–100 using the items' score range (the EORTC method:
/// (raw − min) / (max − min) × 100 on the mean; a sum is transformed on its per-item mean the same way).
/// A sum with unanswered items is prorated: mean of the answered × number of items.
/// </summary>
public sealed record Subscale(
    string Code,
    string Name,
    IReadOnlyList<string> Items,
    Aggregation Method,
    int MinAnswered,
    double ItemMin,
    double ItemMax,
    bool TransformTo100 = false,
    IReadOnlyList<string>? Reversed = null);

/// <summary>
/// A patient-reported CTCAE v5.0-equivalent neuropathy grade (0–3) from the worst of the severity items and
/// two yes/no items: whether symptoms limit everyday (instrumental) tasks and whether they limit self-care.
/// </summary>
public sealed record GradeRule(string Code, string Name, string Symptoms, IReadOnlyList<string> SeverityItems, string InstrumentalAdlItem, string SelfCareAdlItem);

/// <summary>A PRO-CTCAE symptom term's composite grade (Basch 2021) from its frequency, severity and interference items.</summary>
public sealed record CompositeRule(string Code, string Name, string? FrequencyItem = null, string? SeverityItem = null, string? InterferenceItem = null);

public enum DerivedKind
{
    /// <summary>The item's own score (one item).</summary>
    Value,

    /// <summary>The highest score among the items answered.</summary>
    Max,

    /// <summary>How many of the items scored at least <see cref="DerivedValue.AtLeast"/>.</summary>
    CountAtLeast,
}

/// <summary>A value read off the answers (worst pain, number of falls, number of "yes" on a screen).</summary>
public sealed record DerivedValue(string Code, string Name, DerivedKind Kind, IReadOnlyList<string> Items, double AtLeast = 1, string? Unit = null);

/// <summary>
/// An item the alert rules watch (issue #12): an alert names it when it rises by <see cref="RiseBy"/> or more since the
/// previous response or the baseline, or rises to <see cref="SevereAt"/> or above (severe, very severe); with
/// <see cref="AlertWhenSevere"/> (autonomic items, worst pain) every response at or above <see cref="SevereAt"/> alerts.
/// <see cref="Label"/> is how the clinician sees it named ("numbness in the feet"); <see cref="Max"/> is the top of its scale.
/// </summary>
public sealed record ItemAlert(string LinkId, string Label, double SevereAt, double RiseBy, double Max, bool AlertWhenSevere = false);

/// <summary>How an instrument is scored. Every code is from the CodeSystem https://cipncare.org/fhir/CodeSystem/cipn.</summary>
public sealed record ScoringDefinition(
    IReadOnlyList<Subscale> Subscales,
    IReadOnlyList<GradeRule> Grades,
    IReadOnlyList<CompositeRule> Composites,
    IReadOnlyList<DerivedValue> Derived,
    IReadOnlyList<ItemAlert>? Alerts = null)
{
    public static ScoringDefinition None { get; } = new([], [], [], []);

    /// <summary>The items the alert rules watch (none unless the scoring file has an "alerts" list).</summary>
    public IReadOnlyList<ItemAlert> WatchedItems => Alerts ?? [];

    /// <summary>Every code this scoring produces, in order.</summary>
    public IEnumerable<string> Codes =>
        Subscales.Select(s => s.Code).Concat(Grades.Select(g => g.Code)).Concat(Composites.Select(c => c.Code)).Concat(Derived.Select(d => d.Code));
}
