namespace CipnCare.Clinical.CarePlans;

/// <summary>
/// Goal Attainment Scaling: each goal scored −2 (much less than expected), −1 (less), 0 (the expected level),
/// +1 (more) or +2 (much more than expected). The summary T-score follows Kiresuk &amp; Sherman (Community Ment Health J
/// 1968;4:443): T = 50 + 10·Σwᵢxᵢ / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²) with ρ = 0.3 and equal weights; 50 means goals met as
/// expected on average. (Not in clinical-reference.md; cited here.)
/// </summary>
public static class GoalAttainment
{
    public const int Lowest = -2;
    public const int Highest = 2;
    public const double AssumedCorrelation = 0.3;

    public static bool IsLevel(int level) => level is >= Lowest and <= Highest;

    public static string Describe(int level) => level switch
    {
        -2 => "much less than expected",
        -1 => "somewhat less than expected",
        0 => "the expected level",
        1 => "somewhat more than expected",
        2 => "much more than expected",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "GAS levels are −2 to +2."),
    };

    /// <summary>The GAS T-score for the goals' current levels (equal weights), or null without goals.</summary>
    public static double? TScore(IReadOnlyCollection<int> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0)
        {
            return null;
        }

        if (levels.Any(l => !IsLevel(l)))
        {
            throw new ArgumentOutOfRangeException(nameof(levels), "GAS levels are −2 to +2.");
        }

        double n = levels.Count;
        var denominator = Math.Sqrt(((1 - AssumedCorrelation) * n) + (AssumedCorrelation * n * n));
        return Math.Round(50 + (10 * levels.Sum() / denominator), 1);
    }
}
