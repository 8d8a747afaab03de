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
    NotAddressed,
}

public sealed record Evidence(EvidenceLabel Label, string Text, string Source);

/// <summary>
/// Evidence labels from the ASCO guideline (Loprinzi et al., J Clin Oncol 2020; clinical-reference.md §6): the drug or
/// therapy named is looked up first, then the type. Prevention and treatment are rated separately in the guideline; the
/// text says which.
/// </summary>
public static class InterventionEvidence
{
    public const string Asco = "ASCO 2020, Loprinzi et al., J Clin Oncol 2020;38:3325–3348, https://doi.org/10.1200/JCO.20.01399";

    private static readonly (string[] Names, Evidence Evidence)[] ByName =
    [
        (["duloxetine"], new(EvidenceLabel.MayBeOffered, "May be offered for painful established CIPN (moderate; benefit limited).", Asco)),
        (["gabapentin", "pregabalin"], new(EvidenceLabel.NoRecommendation, "Treatment: no recommendation (inconclusive). Prevention: recommended against.", Asco)),
        (["amitriptyline", "nortriptyline", "tricyclic"], new(EvidenceLabel.NoRecommendation, "Treatment: no recommendation (tricyclics inconclusive). Prevention (amitriptyline): recommended against.", Asco)),
        (["venlafaxine"], new(EvidenceLabel.RecommendedAgainst, "Prevention: recommended against.", Asco)),
        (["acetyl-l-carnitine", "acetyl l-carnitine", "carnitine"], new(EvidenceLabel.RecommendedAgainst, "Do not offer for prevention; discourage its use (strong).", Asco)),
        (["vitamin b", "vitamin e", "omega-3", "glutathione", "calcium", "magnesium", "n-acetylcysteine", "goshajinkigan", "metformin", "minocycline"], new(EvidenceLabel.RecommendedAgainst, "Prevention: recommended against.", Asco)),
        (["cannabinoid", "cannabis"], new(EvidenceLabel.NoRecommendation, "Treatment: no recommendation (oral cannabinoids inconclusive). Prevention: recommended against.", Asco)),
        (["baclofen", "ketamine", "topical gel"], new(EvidenceLabel.NoRecommendation, "Treatment: no recommendation (topical baclofen/amitriptyline/ketamine gel).", Asco)),
        (["acupuncture"], new(EvidenceLabel.NoRecommendation, "Prevention and treatment: no recommendation (preliminary evidence of possible benefit).", Asco)),
        (["scrambler"], new(EvidenceLabel.NoRecommendation, "Treatment: no recommendation.", Asco)),
        (["cryotherapy", "frozen glove", "cold glove", "compression"], new(EvidenceLabel.NoRecommendation, "Prevention: no recommendation outside trials (preliminary evidence of possible benefit).", Asco)),
    ];

    public static Evidence For(InterventionType type, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        foreach (var (names, evidence) in ByName)
        {
            if (names.Any(n => lower.Contains(n, StringComparison.Ordinal)))
            {
                return evidence;
            }
        }

        return type switch
        {
            InterventionType.PhysicalTherapy => new(EvidenceLabel.NoRecommendation, "Exercise: no recommendation for prevention or treatment (preliminary evidence of possible benefit).", Asco),
            InterventionType.Integrative => new(EvidenceLabel.NotAddressed, "Not rated by the guideline (acupuncture: no recommendation).", Asco),
            InterventionType.Supplement => new(EvidenceLabel.NotAddressed, "Not rated by the guideline; several supplements are recommended against for prevention.", Asco),
            InterventionType.Medication => new(EvidenceLabel.NotAddressed, "Not rated by the guideline.", Asco),
            InterventionType.OccupationalTherapy or InterventionType.Device or InterventionType.FootAndSkinCare or InterventionType.Other =>
                new(EvidenceLabel.NotAddressed, "Not rated by the guideline (supportive care).", Asco),
        };
    }
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
