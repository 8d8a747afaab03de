namespace CipnCare.Clinical.CheckIns;

/// <summary>
/// The items of the foundation neuropathy check-in, past-7-days recall (the PRO-CTCAE recall period,
/// clinical-reference.md §2). Severity items use a 0–4 scale with plain anchors; the wording is ours.
/// </summary>
public static class CheckInItems
{
    public const string NumbnessHands = "numbness-hands";
    public const string NumbnessFeet = "numbness-feet";
    public const string TinglingHands = "tingling-hands";
    public const string TinglingFeet = "tingling-feet";
    public const string PainHands = "pain-hands";
    public const string PainFeet = "pain-feet";
    public const string Weakness = "weakness";
    public const string Balance = "balance";
    public const string Falls = "falls";
    public const string DizzinessOnStanding = "dizziness-standing";

    public const int MinSeverity = 0;
    public const int MaxSeverity = 4;

    /// <summary>Plain-language anchors for 0–4 (the PRO-CTCAE severity scale's shape, clinical-reference.md §2).</summary>
    public static IReadOnlyList<string> SeverityAnchors { get; } = ["None", "Mild", "Moderate", "Severe", "Very severe"];

    /// <summary>Anchors for the fall count item.</summary>
    public static IReadOnlyList<string> CountAnchors { get; } = ["None", "1", "2", "3", "4 or more"];

    public static IReadOnlyList<CheckInItem> All { get; } =
    [
        new(NumbnessHands, "Numbness in your hands or fingers", SymptomDomain.Sensory),
        new(NumbnessFeet, "Numbness in your feet or toes", SymptomDomain.Sensory),
        new(TinglingHands, "Tingling or \"pins and needles\" in your hands or fingers", SymptomDomain.Sensory),
        new(TinglingFeet, "Tingling or \"pins and needles\" in your feet or toes", SymptomDomain.Sensory),
        new(PainHands, "Burning, shooting or aching pain in your hands or fingers", SymptomDomain.Sensory),
        new(PainFeet, "Burning, shooting or aching pain in your feet or toes", SymptomDomain.Sensory),
        new(Weakness, "Weakness in your hands, arms or legs", SymptomDomain.Motor),
        new(Balance, "Feeling unsteady or losing your balance", SymptomDomain.Motor),
        new(Falls, "How many times you have fallen since your last check-in", SymptomDomain.Motor, IsCount: true),
        new(DizzinessOnStanding, "Dizziness or light-headedness when you stand up", SymptomDomain.Autonomic),
    ];

    public static CheckInItem Get(string id) =>
        All.FirstOrDefault(i => i.Id == id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown check-in item.");
}
