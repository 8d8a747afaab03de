namespace CipnCare.Clinical;

/// <summary>The version stamped on every derived clinical result, so a stored grade can be traced to the rules that made it.</summary>
public static class RulesVersion
{
    /// <remarks>
    /// 2026.2 (issue #13): fall risk with no screen and no tests is "not assessed"; check-in 1.1.0 grades each domain from
    /// its own daily-life answers; ASCO 2020 evidence labels come from a coded list the clinician picks from (free text is
    /// not rated). Results stored under 2026.1 keep their version.
    /// 2026.3: rapid progression measures each grade against itself (a sensory 0 → 2 within the window counts whatever
    /// that check-in's motor grade was; before, the rise was measured only from the check-in whose higher grade was lowest).
    /// </remarks>
    public const string Current = "2026.3";

    /// <summary>CTCAE version our patient-reported grades are equivalent to (clinical-reference.md §1).</summary>
    public const string Ctcae = "5.0";
}
