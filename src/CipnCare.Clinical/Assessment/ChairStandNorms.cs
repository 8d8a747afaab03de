namespace CipnCare.Clinical.Assessment;

/// <summary>Sex for the norms tables, which are published for men and women only.</summary>
public enum NormSex
{
    Female,
    Male,
}

/// <summary>
/// The CDC STEADI 30-Second Chair Stand form's "below average" scores by age band and sex, from Rikli &amp; Jones
/// (J Aging Phys Act 1999;7:162–181): a score below the band's value indicates fall risk (clinical-reference.md §8,
/// verification §10). There is no norm under 60 or over 94; the result then says so instead of guessing.
/// </summary>
public static class ChairStandNorms
{
    public const string Source = "CDC STEADI 30-Second Chair Stand form (Rikli & Jones 1999), https://www.cdc.gov/steadi/";

    // (from age, to age, men: below this, women: below this)
    private static readonly (int From, int To, int Men, int Women)[] Bands =
    [
        (60, 64, 14, 12),
        (65, 69, 12, 11),
        (70, 74, 12, 10),
        (75, 79, 11, 10),
        (80, 84, 10, 9),
        (85, 89, 8, 8),
        (90, 94, 7, 4),
    ];

    /// <summary>The score a person of this age and sex must reach to be at least average, or null when no norm exists.</summary>
    public static int? AverageAtLeast(int ageYears, NormSex sex)
    {
        foreach (var band in Bands)
        {
            if (ageYears >= band.From && ageYears <= band.To)
            {
                return sex == NormSex.Male ? band.Men : band.Women;
            }
        }

        return null;
    }

    /// <summary>True when below average for age and sex, false when not, null when there is no norm.</summary>
    public static bool? BelowAverage(int stands, int ageYears, NormSex sex) =>
        AverageAtLeast(ageYears, sex) is { } norm ? stands < norm : null;
}
