namespace CipnCare.Clinical.Assessment;

public enum DiagnosticKind
{
    NerveConduction,
    QuantitativeSensory,
    Laboratory,
    Imaging,
}

/// <summary>Which side of the reference range points to another cause of neuropathy.</summary>
public enum OtherCauseWhen
{
    Never,
    Low,
    High,
    LowOrHigh,

    /// <summary>A qualitative result reported abnormal (e.g. a monoclonal protein on immunofixation).</summary>
    Abnormal,
}

/// <summary>
/// A test the assessment records. <see cref="Loinc"/> is given only where the code was checked against public FHIR
/// examples; otherwise the result is coded in the CIPN Care CodeSystem by <see cref="Code"/> (docs/fhir.md).
/// Default reference ranges are typical adult values with their source; the reporting laboratory's own range, when
/// entered, always replaces them. Nerve conduction and QST have no defaults: their normal limits depend on age,
/// height, temperature and the laboratory, so only an entered range gives a flag.
/// </summary>
public sealed record DiagnosticTest(
    string Code,
    string Name,
    DiagnosticKind Kind,
    string? Loinc,
    string? Unit,
    double? Low,
    double? High,
    string? RangeSource,
    OtherCauseWhen OtherCause,
    string? Why);

public static class DiagnosticCatalogue
{
    /// <summary>2026.2: fasting glucose is LOINC 1558-6 (2345-7 has no fasting qualifier; issue #13).</summary>
    public const string Version = "2026.2";

    /// <summary>A unit as people write it: UCUM's "u" (micro) becomes "µ" ("umol/L" → "µmol/L", "uV" → "µV"); the stored UCUM code stays.</summary>
    public static string? DisplayUnit(string? ucum) =>
        ucum is null ? null : System.Text.RegularExpressions.Regex.Replace(ucum, @"(?<![A-Za-z])u(?=(?:mol|g|V|L|IU|m|s)\b)", "µ");

    private const string Ada = "American Diabetes Association, Standards of Care: fasting glucose 100–125 mg/dL and HbA1c 5.7–6.4 % are prediabetes";
    private const string Typical = "typical adult range (MedlinePlus lab test pages); use the reporting laboratory's range";

    public static IReadOnlyList<DiagnosticTest> All { get; } =
    [
        new("sural-snap", "Sural sensory nerve action potential (SNAP) amplitude", DiagnosticKind.NerveConduction, null, "uV", null, null, null, OtherCauseWhen.Never, null),
        new("sural-cv", "Sural sensory conduction velocity", DiagnosticKind.NerveConduction, null, "m/s", null, null, null, OtherCauseWhen.Low, "slow conduction suggests demyelination"),
        new("peroneal-cmap", "Peroneal compound muscle action potential (CMAP) amplitude", DiagnosticKind.NerveConduction, null, "mV", null, null, null, OtherCauseWhen.Never, null),
        new("peroneal-cv", "Peroneal motor conduction velocity", DiagnosticKind.NerveConduction, null, "m/s", null, null, null, OtherCauseWhen.Low, "slow conduction suggests demyelination"),
        new("ncs-emg-report", "Nerve conduction / EMG interpretation", DiagnosticKind.NerveConduction, null, null, null, null, null, OtherCauseWhen.Abnormal, "the report is not typical of a length-dependent axonal neuropathy"),
        new("qst-vibration", "Quantitative sensory testing: vibration detection threshold", DiagnosticKind.QuantitativeSensory, null, null, null, null, null, OtherCauseWhen.Never, null),
        new("qst-report", "Quantitative sensory testing interpretation", DiagnosticKind.QuantitativeSensory, null, null, null, null, null, OtherCauseWhen.Never, null),
        new("glucose-fasting", "Glucose, fasting", DiagnosticKind.Laboratory, "1558-6", "mg/dL", 70, 99, Ada, OtherCauseWhen.High, "raised glucose: diabetes causes neuropathy"),
        new("hba1c", "Haemoglobin A1c", DiagnosticKind.Laboratory, "4548-4", "%", null, 5.6, Ada, OtherCauseWhen.High, "raised HbA1c: diabetes causes neuropathy"),
        new("b12", "Vitamin B12", DiagnosticKind.Laboratory, "2132-9", "pg/mL", 200, 900, Typical, OtherCauseWhen.Low, "low B12 causes neuropathy"),
        new("methylmalonic-acid", "Methylmalonic acid", DiagnosticKind.Laboratory, null, "umol/L", null, 0.4, Typical, OtherCauseWhen.High, "raised methylmalonic acid points to B12 deficiency"),
        new("folate", "Folate", DiagnosticKind.Laboratory, "2284-8", "ng/mL", 3, null, Typical, OtherCauseWhen.Low, "low folate"),
        new("tsh", "Thyroid-stimulating hormone (TSH)", DiagnosticKind.Laboratory, "3016-3", "mIU/L", 0.4, 4.0, Typical, OtherCauseWhen.LowOrHigh, "abnormal thyroid function"),
        new("creatinine", "Creatinine", DiagnosticKind.Laboratory, "2160-0", "mg/dL", 0.6, 1.3, Typical, OtherCauseWhen.High, "kidney impairment can cause neuropathy"),
        new("spep-ife", "Serum protein electrophoresis with immunofixation", DiagnosticKind.Laboratory, null, null, null, null, null, OtherCauseWhen.Abnormal, "a monoclonal protein (paraproteinaemic neuropathy)"),
        new("other-lab", "Other laboratory test", DiagnosticKind.Laboratory, null, null, null, null, null, OtherCauseWhen.Abnormal, "an abnormal result the clinician marked"),
        new("imaging", "Imaging report", DiagnosticKind.Imaging, null, null, null, null, null, OtherCauseWhen.Abnormal, "imaging reported abnormal"),
    ];

    public static DiagnosticTest? Find(string? code) => All.FirstOrDefault(t => t.Code == code);
}

public enum RangeFinding
{
    Normal,
    Low,
    High,
    Abnormal,
}

/// <summary>A stored diagnostic result as the rules see it.</summary>
public sealed record DiagnosticValue(string Code, DateOnly On, double? Value, double? Low, double? High, bool? ReportedAbnormal)
{
    /// <summary>L/H against the range (entered, else the catalogue default), or the reported abnormal flag; null when neither applies.</summary>
    public RangeFinding? Flag => Value is { } v && (Low is not null || High is not null)
        ? v < Low ? RangeFinding.Low : v > High ? RangeFinding.High : RangeFinding.Normal
        : ReportedAbnormal switch
        {
            true => RangeFinding.Abnormal,
            false => RangeFinding.Normal,
            null => null,
        };
}
