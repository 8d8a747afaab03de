namespace CipnCare.Web.Features.Diagnoses;

/// <summary>
/// A cancer diagnosis as an EHR records it (FHIR <c>Condition</c>, aligned with mCODE's primary cancer condition):
/// a SNOMED CT or ICD-10-CM code with its words, the clinical and verification status, when it began. Recorded,
/// never edited here: the EHR is the source; a correction arrives as a new condition.
/// </summary>
public sealed class CancerCondition
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }

    /// <summary><see cref="CancerConditions.Snomed"/> or <see cref="CancerConditions.Icd10Cm"/>.</summary>
    public string CodeSystem { get; set; } = "";

    public string Code { get; set; } = "";

    /// <summary>The diagnosis in words ("Adenocarcinoma of sigmoid colon").</summary>
    public string Text { get; set; } = "";

    /// <summary>FHIR condition-clinical code: active, recurrence, relapse, inactive, remission, resolved.</summary>
    public string ClinicalStatus { get; set; } = "active";

    /// <summary>FHIR condition-ver-status code: confirmed, provisional, differential, unconfirmed, refuted, entered-in-error.</summary>
    public string VerificationStatus { get; set; } = "confirmed";

    public DateOnly? OnsetDate { get; set; }

    /// <summary>Where the cancer began, in words (optional).</summary>
    public string? BodySite { get; set; }

    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }

    /// <summary>The sending system's identifiers for this diagnosis, as sent.</summary>
    public List<ConditionIdentifier> Identifiers { get; set; } = [];
}
