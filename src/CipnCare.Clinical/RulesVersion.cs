namespace CipnCare.Clinical;

/// <summary>The version stamped on every derived clinical result, so a stored grade can be traced to the rules that made it.</summary>
public static class RulesVersion
{
    public const string Current = "2026.1";

    /// <summary>CTCAE version our patient-reported grades are equivalent to (clinical-reference.md §1).</summary>
    public const string Ctcae = "5.0";
}
