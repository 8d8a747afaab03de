namespace CipnCare.Clinical.Exposure;

/// <summary>
/// The neurotoxic agents CIPN Care tracks. Facts come from ../shared/clinical-reference.md ("ref"), its
/// verification pass winning where the two disagree. RxNorm ingredient codes are only those the verification
/// pass confirmed (ref verification §9); the others are left out until confirmed through RxNav.
/// </summary>
public static class AgentCatalogue
{
    /// <summary>2026.2: bortezomib's 72-hour minimum, brentuximab vedotin's regimen caps and 100 kg dosing weight, enfortumab vedotin's 125 mg cap, once-daily oral agents (issue #13).</summary>
    public const string Version = "2026.2";
    public const string AgentSystem = "https://cipncare.org/fhir/CodeSystem/agent";

    private const string Review = "PMC8236465 Table 1 (Support Care Cancer review)";
    private const string NoThreshold = "No cumulative-dose threshold in our sources: none is shown.";
    private const string NoInterval = "Usual interval not verified in our sources: interval checks use the regimen plan only.";
    private const string NoRxNorm = "RxNorm ingredient code not yet verified: query RxNav findRxcuiByString tty=IN.";

    public static IReadOnlyList<Agent> All { get; } =
    [
        new("oxaliplatin", "Oxaliplatin", "32592", DoseUnit.MgPerM2, null, 14,
            [
                new(550, "elevated", "cumulative >550 mg/m² raises risk: PMC8236465 Table 1; German S3 guideline"),
                new(850, "high", "FOLFOX4: neuropathy intensifies at about 10 cycles (≈850 mg/m²), Bull Cancer 2001"),
            ],
            ["Acute cold-triggered paresthesia and throat dysesthesia within hours of infusion.",
             "Coasting: symptoms may worsen for up to ~3 months after the last dose (Pachman 2015).",
             "Label: persistent grade 2 neurosensory events → 75 mg/m² (adjuvant) or 65 mg/m² (advanced) (US label)."],
            ["FOLFOX 85 mg/m² q2w × 12 and CAPOX 130 mg/m² q3w × 8: US label; Shahriari-Ahmadi 2015"],
            ["The often-quoted 780 mg/m² threshold is unsourced and left out."]),
        new("cisplatin", "Cisplatin", "2555", DoseUnit.MgPerM2, null, 1,
            [new(300, "elevated", "onset usually after cumulative >300 mg/m²: Amptoulach & Tsavaris 2011; PMC8236465")],
            ["Sensory neuronopathy; coasting for ~3 months after stopping."],
            ["Testicular: 20 mg/m²/day × 5 days (shortest interval 1 day); ovarian 75–100 mg/m² q4w: cisplatin label"],
            ["No source for a 400 mg/m² threshold."]),
        new("carboplatin", "Carboplatin", "40048", DoseUnit.Mg, null, null, [],
            ["Much less neurotoxic than cisplatin except at high doses; dosed by AUC (Calvert), recorded in mg."],
            ["Peripheral neuropathy 4–15%: Paraplatin label via drugs.com"],
            [NoThreshold, NoInterval]),
        new("paclitaxel", "Paclitaxel", "56946", DoseUnit.MgPerM2, null, 7, [],
            ["Risk depends on the per-course dose (250–300 mg/m² q3w: 71% dose-limiting) and the cumulative dose (Postma 1995)."],
            ["80 mg/m² weekly × 12 or 175 mg/m² q3w: Sparano 2008 NEJM"],
            ["No clear cumulative threshold (mild symptoms up to 1,400 mg/m²); the reference's '>250–300 mg/m²' is a per-course dose."]),
        new("nab-paclitaxel", "nab-Paclitaxel (protein-bound)", null, DoseUnit.MgPerM2, null, null, [],
            ["Label (NSCLC): grade 3–4 sensory neuropathy → 75, then 50 mg/m², then discontinue."],
            ["Pancreas 125 mg/m²: ABRAXANE label excerpt"],
            [NoRxNorm + " 589511 is probably the Abraxane brand code.", NoThreshold, NoInterval]),
        new("docetaxel", "Docetaxel", "72962", DoseUnit.MgPerM2, null, 21,
            [
                new(300, "elevated", "cumulative >300 mg/m² a risk factor in one cohort: Cheng 2020, Breast Care"),
                new(600, "high", "severe neuropathy mainly >600 mg/m²: Hilkens 1997, Ann Oncol"),
            ],
            ["Label: severe peripheral neuropathy → 100 → 75 → 60 mg/m² (breast)."],
            ["60–100 mg/m² q3w (breast), 75 mg/m² q3w (other): docetaxel label via drugs.com"],
            ["No source for a 400 mg/m² threshold."]),
        new("vincristine", "Vincristine", "11202", DoseUnit.MgPerM2, 2, 7,
            [new(4, "elevated", "cumulative >2–6 mg/m² (PMC8236465) and 4–10 mg/m² (German S3): 4 mg/m² lies in both ranges")],
            ["Single dose capped at 2 mg absolute (drugs.com dosage; Haim 1994).", "Sensory, cramps, distal weakness and autonomic (constipation)."],
            ["1.4 mg/m² IV, usually weekly, maximum 2 mg per dose: drugs.com vincristine dosage"],
            []),
        new("vinblastine", "Vinblastine", "11198", DoseUnit.MgPerM2, null, null, [],
            [],
            ["RxCUI 11198: LinkML enum pages"],
            [NoThreshold, NoInterval, "Whether it is less neurotoxic than vincristine is unverified."]),
        new("vinorelbine", "Vinorelbine", "39541", DoseUnit.MgPerM2, null, null, [],
            ["Less neurotoxic than vincristine (Fazeny 1996)."],
            ["RxCUI 39541: LinkML enum pages"],
            [NoThreshold, NoInterval]),
        new("eribulin", "Eribulin", null, DoseUnit.MgPerM2, null, 7, [],
            ["Reductions 1.4 → 1.1 → 0.7 mg/m², then stop; do not re-escalate."],
            ["1.4 mg/m² on days 1 and 8 of a 21-day cycle: label via guidelinecentral"],
            [NoRxNorm, NoThreshold]),
        new("ixabepilone", "Ixabepilone", null, DoseUnit.MgPerM2, null, 21, [],
            ["Grade 2 ≥7 days or grade 3 <7 days → −20%; grade 3 ≥7 days or disabling → discontinue (PMC2730126)."],
            ["40 mg/m² every 3 weeks: Skyscape monograph"],
            [NoRxNorm, NoThreshold]),
        new("bortezomib", "Bortezomib", "358258", DoseUnit.MgPerM2, null, 3,
            [
                new(16, "elevated", "cumulative >16–26 mg/m²: PMC8236465"),
                new(26, "high", "cumulative >26 mg/m²: German S3 guideline"),
            ],
            ["Subcutaneous use gives less neuropathy than IV (Moreau 2011).", "Painful small-fibre and autonomic neuropathy, including orthostatic hypotension.",
             "Classic modification: G1 with pain or G2 → 1.0 mg/m²; G2 with pain or G3 → hold, then 0.7 mg/m²; G4 → stop (PMC1936263)."],
            ["VELCADE label (dosage): at least 72 hours between consecutive doses", "1.3 mg/m² on days 1, 4, 8 and 11 every 21 days (shortest interval 3 days): VELCADE via MIMS"],
            [],
            MinimumIntervalHours: 72),
        new("thalidomide", "Thalidomide", "10432", DoseUnit.Mg, null, 1,
            [new(20_000, "elevated", "cumulative >20 g: PMC8236465; but treatment duration predicted neuropathy better than cumulative dose (Mileshkin 2006)")],
            ["Risk grows with time on treatment: 38% at 6 months, 73% at 12 months."],
            ["200 mg once daily (US myeloma label)"],
            [],
            OnceDaily: true),
        new("lenalidomide", "Lenalidomide", "342369", DoseUnit.Mg, null, 1, [],
            ["Worsening neuropathy 2.4% vs 19.1% with thalidomide in one cohort."],
            ["Daily oral dosing"],
            [NoThreshold],
            OnceDaily: true),
        new("pomalidomide", "Pomalidomide", null, DoseUnit.Mg, null, 1, [],
            ["Neuropathy 18% in the original label, no grade ≥3."],
            ["4 mg on days 1–21 of 28: Pomalyst 2013 label"],
            [NoRxNorm, NoThreshold],
            OnceDaily: true),
        new("brentuximab-vedotin", "Brentuximab vedotin", "1147320", DoseUnit.MgPerKg, 180, 14, [],
            ["Dose is calculated on at most 100 kg. Older label: grade 2–3 neuropathy → hold until ≤ grade 1, then 1.2 mg/kg; grade 4 → discontinue."],
            ["ADCETRIS USPI: alone 1.8 mg/kg up to 180 mg every 3 weeks; with AVD 1.2 mg/kg up to 120 mg every 2 weeks; dose calculated on at most 100 kg"],
            [NoThreshold],
            RegimenCaps: [new(14, 120, "with AVD (every 2 weeks)", "ADCETRIS USPI: with AVD 1.2 mg/kg up to 120 mg every 2 weeks")],
            DoseWeightCapKg: 100),
        new("polatuzumab-vedotin", "Polatuzumab vedotin", null, DoseUnit.MgPerKg, null, 21, [],
            ["Median onset of neuropathy 2.1 months; may worsen pre-existing neuropathy."],
            ["1.8 mg/kg every 21 days: drugcentral label excerpt"],
            [NoRxNorm, NoThreshold]),
        new("enfortumab-vedotin", "Enfortumab vedotin", null, DoseUnit.MgPerKg, 125, 7, [],
            ["Secondary source: grade 2 → withhold until ≤ grade 1, then reduce; grade ≥3 → discontinue."],
            ["PADCEV label (DailyMed): 1.25 mg/kg, maximum 125 mg a dose, on days 1, 8 and 15 of a 28-day cycle"],
            [NoRxNorm, NoThreshold]),
    ];

    public static Agent? Find(string code) => All.FirstOrDefault(a => a.Code == code);

    public static Agent? FindByRxNorm(string rxNormCode) => All.FirstOrDefault(a => a.RxNormCode == rxNormCode);

    /// <summary>The agent's position in the catalogue (for a stable display order); -1 when unknown.</summary>
    public static int IndexOf(string code) => All.ToList().FindIndex(a => a.Code == code);
}
