namespace CipnCare.Clinical.Instruments;

/// <summary>
/// PRO-CTCAE composite grade 0–3 from a symptom term's frequency, severity and interference scores (each 0–4),
/// implemented from the lookup tables of Basch E et al., Clin Trials 2021;18(1):104–114 (doi:10.1177/1740774520975120),
/// as tabulated in clinical-reference.md §2. Rule: when the first attribute (frequency, or severity when there is no
/// frequency item) is 0, the composite is 0. Note the top grade is 3.
/// </summary>
public static class ProCtcaeComposite
{
    private static readonly int[] FrequencyOnly = [0, 1, 1, 2, 3];
    private static readonly int[] SeverityOnly = [0, 1, 2, 3, 3];
    private static readonly int[] InterferenceOnly = [0, 1, 1, 2, 2];

    // [severity 0–4][interference 0–4]
    private static readonly int[][] SeverityInterference =
    [
        [0, 0, 0, 0, 0],
        [1, 1, 1, 2, 2],
        [1, 1, 2, 2, 3],
        [1, 2, 2, 3, 3],
        [2, 2, 2, 3, 3],
    ];

    // [frequency 1–4][interference 0–4]
    private static readonly int[][] FrequencyInterference =
    [
        [1, 1, 1, 2, 2],
        [1, 1, 1, 2, 2],
        [1, 1, 2, 3, 3],
        [1, 1, 2, 3, 3],
    ];

    // [frequency 1–4][severity 0–4]: as frequency × interference except frequency 2 / severity 2 → 2.
    private static readonly int[][] FrequencySeverity =
    [
        [1, 1, 1, 2, 2],
        [1, 1, 2, 2, 2],
        [1, 1, 2, 3, 3],
        [1, 1, 2, 3, 3],
    ];

    // [frequency 1–4][severity 0–4][interference 0–4]
    private static readonly int[][][] FrequencySeverityInterference =
    [
        [[0, 1, 1, 2, 2], [1, 1, 1, 2, 2], [1, 2, 2, 2, 3], [2, 2, 2, 3, 3], [2, 2, 3, 3, 3]],
        [[0, 1, 1, 2, 2], [1, 1, 1, 2, 2], [2, 2, 2, 3, 3], [2, 2, 2, 3, 3], [2, 2, 3, 3, 3]],
        [[1, 1, 1, 2, 2], [1, 1, 1, 2, 2], [2, 2, 2, 3, 3], [2, 2, 3, 3, 3], [2, 2, 3, 3, 3]],
        [[1, 1, 1, 2, 2], [1, 1, 2, 2, 3], [2, 2, 2, 3, 3], [2, 2, 3, 3, 3], [2, 2, 3, 3, 3]],
    ];

    /// <summary>
    /// The composite grade, or null when an attribute the term uses is missing while the first is above 0 (the
    /// later attributes are only skipped — and count as 0 — when the first is 0).
    /// </summary>
    public static int? Grade(int? frequency, int? severity, int? interference, bool hasFrequency, bool hasSeverity, bool hasInterference)
    {
        foreach (var value in new[] { frequency, severity, interference })
        {
            if (value is < 0 or > 4)
            {
                throw new ArgumentOutOfRangeException(nameof(frequency), value, "PRO-CTCAE item scores are 0 to 4.");
            }
        }

        var first = hasFrequency ? frequency : hasSeverity ? severity : interference;
        if (first is null)
        {
            return null;
        }

        if (first == 0)
        {
            return 0;
        }

        if ((hasFrequency && frequency is null) || (hasSeverity && severity is null) || (hasInterference && interference is null))
        {
            return null;
        }

        return (hasFrequency, hasSeverity, hasInterference) switch
        {
            (true, true, true) => FrequencySeverityInterference[frequency!.Value - 1][severity!.Value][interference!.Value],
            (true, true, false) => FrequencySeverity[frequency!.Value - 1][severity!.Value],
            (true, false, true) => FrequencyInterference[frequency!.Value - 1][interference!.Value],
            (false, true, true) => SeverityInterference[severity!.Value][interference!.Value],
            (true, false, false) => FrequencyOnly[frequency!.Value],
            (false, true, false) => SeverityOnly[severity!.Value],
            (false, false, true) => InterferenceOnly[interference!.Value],
            (false, false, false) => null,
        };
    }
}
