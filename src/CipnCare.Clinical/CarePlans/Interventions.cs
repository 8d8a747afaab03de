namespace CipnCare.Clinical.CarePlans;

public enum InterventionType
{
    Medication,
    PhysicalTherapy,
    OccupationalTherapy,
    Integrative,
    Device,
    FootAndSkinCare,
    Supplement,
    Other,
}

/// <summary>How the ASCO 2020 guideline rates an intervention. Information for the clinician, never an instruction.</summary>
public enum EvidenceLabel
{
    MayBeOffered,
    NoRecommendation,
    RecommendedAgainst,

    /// <summary>No guideline entry was picked: free text is never matched to the guideline.</summary>
    NotRated,
}

/// <summary>Whether a guideline entry is about preventing CIPN or treating established CIPN: the guideline rates them apart.</summary>
public enum EvidenceSetting
{
    Prevention,
    Treatment,
}

/// <summary>
/// One entry of the coded list a clinician picks from: what the guideline says about this intervention in this setting,
/// the recommendation it comes from and its strength (null for "no recommendation").
/// </summary>
public sealed record GuidelineEntry(string Code, string Name, EvidenceSetting Setting, EvidenceLabel Label, string Recommendation, string? Strength, string Text);

public sealed record Evidence(EvidenceLabel Label, string Text, string Source, GuidelineEntry? Entry = null);

/// <summary>
/// Evidence labels from the ASCO guideline (Loprinzi et al., J Clin Oncol 2020;38:3325–3348, doi:10.1200/JCO.20.01399):
/// a coded list, prevention (recommendations 1.2–1.4) and treatment rated apart. The label comes only from the entry the
/// clinician picked; an intervention without one is "not rated" — its name is never matched against the list, so B12 for
/// a measured deficiency, calcium for bone health or compression stockings for low blood pressure on standing are not
/// mistaken for the prevention agents the guideline recommends against.
/// </summary>
public static class InterventionEvidence
{
    public const string Asco = "ASCO 2020, Loprinzi et al., J Clin Oncol 2020;38:3325–3348, https://doi.org/10.1200/JCO.20.01399";

    private const string AgainstText = "Prevention: do not offer (ASCO 2020 recommendation 1.4, moderate). This is about preventing CIPN, not other uses.";
    private const string NoPreventionText = "Prevention: no recommendation outside clinical trials; preliminary evidence suggests possible benefit (ASCO 2020 recommendation 1.3).";
    private const string NoTreatmentText = "Treatment of established CIPN: no recommendation; the evidence is inconclusive (ASCO 2020).";

    public static Evidence NotRated { get; } = new(EvidenceLabel.NotRated, "Not rated: no guideline entry was picked for it.", Asco);

    /// <summary>The coded list, prevention first, in the guideline's order.</summary>
    public static IReadOnlyList<GuidelineEntry> Entries { get; } =
    [
        new("prevention-acetyl-l-carnitine", "Acetyl-L-carnitine", EvidenceSetting.Prevention, EvidenceLabel.RecommendedAgainst, "1.2", "strong",
            "Prevention: do not offer, and discourage its use (ASCO 2020 recommendation 1.2, strong)."),
        .. new[] { ("acupuncture", "Acupuncture"), ("cryotherapy", "Cryotherapy (frozen gloves or socks)"), ("compression", "Compression therapy (surgical gloves)"), ("exercise", "Exercise therapy"), ("gm1", "GM-1 (monosialotetrahexosylganglioside)") }
            .Select(e => new GuidelineEntry($"prevention-{e.Item1}", e.Item2, EvidenceSetting.Prevention, EvidenceLabel.NoRecommendation, "1.3", null, NoPreventionText)),
        .. new[]
        {
            ("retinoic-acid", "All-trans retinoic acid"), ("amifostine", "Amifostine"), ("amitriptyline", "Amitriptyline"), ("calcium-magnesium", "Calcium and magnesium infusions"),
            ("calmangafodipir", "Calmangafodipir"), ("cannabinoids", "Cannabinoids"), ("carbamazepine", "Carbamazepine"), ("l-carnosine", "L-carnosine"),
            ("ddtc", "Diethyldithiocarbamate (DDTC)"), ("gabapentin-pregabalin", "Gabapentin or pregabalin"), ("glutamate", "Glutamate"),
            ("glutathione", "Glutathione (with paclitaxel and carboplatin)"), ("goshajinkigan", "Goshajinkigan"), ("metformin", "Metformin"), ("minocycline", "Minocycline"),
            ("n-acetylcysteine", "N-acetylcysteine"), ("nimodipine", "Nimodipine"), ("omega-3", "Omega-3 fatty acids"), ("org-2766", "Org 2766"),
            ("oxcarbazepine", "Oxcarbazepine"), ("rhulif", "Recombinant human leukaemia inhibitory factor (rhuLIF)"), ("venlafaxine", "Venlafaxine"),
            ("vitamin-b", "Vitamin B"), ("vitamin-e", "Vitamin E"),
        }.Select(e => new GuidelineEntry($"prevention-{e.Item1}", e.Item2, EvidenceSetting.Prevention, EvidenceLabel.RecommendedAgainst, "1.4", "moderate", AgainstText)),
        new("treatment-duloxetine", "Duloxetine", EvidenceSetting.Treatment, EvidenceLabel.MayBeOffered, "treatment", "moderate",
            "Treatment of painful established CIPN: may be offered (ASCO 2020, moderate); the benefit is limited."),
        .. new[]
        {
            ("exercise", "Exercise therapy"), ("acupuncture", "Acupuncture"), ("scrambler", "Scrambler therapy"), ("gabapentin-pregabalin", "Gabapentin or pregabalin"),
            ("tricyclics", "Tricyclic antidepressants"), ("topical-gel", "Topical baclofen, amitriptyline and ketamine gel"), ("cannabinoids", "Oral cannabinoids"),
        }.Select(e => new GuidelineEntry($"treatment-{e.Item1}", e.Item2, EvidenceSetting.Treatment, EvidenceLabel.NoRecommendation, "treatment", null, NoTreatmentText)),
    ];

    private static readonly Dictionary<string, GuidelineEntry> ByCode = Entries.ToDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>The entry with this exact code, or null (no code, or one not on the list).</summary>
    public static GuidelineEntry? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>The evidence for the entry picked; "not rated" without one.</summary>
    public static Evidence For(string? code) => Find(code) is { } entry ? new(entry.Label, entry.Text, Asco, entry) : NotRated;
}

/// <summary>One rating the patient gave an intervention at a check-in: relief 0–10, side effects 0 none … 3 severe.</summary>
public sealed record InterventionRating(DateTime At, int Relief, int SideEffects);

public sealed record InterventionEffect(int Ratings, double? MeanRelief, int? LatestRelief, double? MeanSideEffects, int? LatestSideEffects, string Summary);

/// <summary>How an intervention is working for this patient, from their ratings.</summary>
public static class InterventionEffects
{
    public const int MaxRelief = 10;
    public const int MaxSideEffects = 3;

    public static InterventionEffect Aggregate(IReadOnlyList<InterventionRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0)
        {
            return new(0, null, null, null, null, "not rated yet");
        }

        var ordered = ratings.OrderBy(r => r.At).ToList();
        var latest = ordered[^1];
        var meanRelief = Math.Round(ordered.Average(r => r.Relief), 1);
        var meanSide = Math.Round(ordered.Average(r => r.SideEffects), 1);
        var words = latest.SideEffects switch
        {
            0 => "no side effects",
            1 => "mild side effects",
            2 => "moderate side effects",
            _ => "severe side effects",
        };
        var summary = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"relief {latest.Relief} of 10 lately (average {meanRelief:0.#} over {ordered.Count} rating{(ordered.Count == 1 ? "" : "s")}), {words}");
        return new(ordered.Count, meanRelief, latest.Relief, meanSide, latest.SideEffects, summary);
    }
}
