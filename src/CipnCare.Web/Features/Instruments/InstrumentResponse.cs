using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// One completed response to one instrument version, with who entered it (the patient, a caregiver on their behalf,
/// or a clinician from a phone call or paper form). Answers are stored as JSON keyed by linkId; the scores made
/// from them at submission are rows of <see cref="ResponseScore"/>.
/// </summary>
public sealed class InstrumentResponse
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid InstrumentId { get; set; }
    public DateTime AuthoredAt { get; set; }

    /// <summary>When it was stored (a paper form entered later is authored earlier); responses never change after.</summary>
    public DateTime RecordedAt { get; set; }
    public string EnteredByUserId { get; set; } = "";
    public string EnteredByName { get; set; } = "";
    public string EnteredByRole { get; set; } = "";

    /// <summary>Set by the form or the Idempotency-Key header so a retried submit stores one response.</summary>
    public string? SubmissionKey { get; set; }

    public string AnswersJson { get; set; } = "{}";

    /// <summary>The language the questions were shown in ("en", "es"): the language of any free text, shown to clinicians beside it.</summary>
    public string Language { get; set; } = Languages.English;
    public string RulesVersion { get; set; } = "";

    /// <summary>What the person was told to do next after sending it (from the alert rules; routine when none fired).</summary>
    public CipnCare.Clinical.Alerts.PatientNextStep NextStep { get; set; }

    /// <summary>
    /// The check-in's sensory and motor grades as scored (its <see cref="ResponseScore"/> rows coded
    /// <c>pro-sensory-grade</c> and <c>pro-motor-grade</c>; null when its instrument scores none), kept on the row so the
    /// rapid-rise rule reads a window of check-ins without their scores (issue #17).
    /// </summary>
    public int? SensoryGrade { get; set; }

    public int? MotorGrade { get; set; }

    public List<ResponseScore> Scores { get; set; } = [];
}

/// <summary>A score derived from a response (FHIR: an Observation derivedFrom the QuestionnaireResponse).</summary>
public sealed class ResponseScore
{
    public Guid Id { get; set; }
    public Guid ResponseId { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>A code of https://cipncare.org/fhir/CodeSystem/cipn (docs/fhir.md).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Order within the response, as the scoring definition lists its scores.</summary>
    public int Position { get; set; }

    /// <summary>Null when too few items were answered to score it; <see cref="Reasons"/> says why.</summary>
    public double? Value { get; set; }
    public string? Unit { get; set; }
    public string? CtcaeVersion { get; set; }
    public string Reasons { get; set; } = "";
    public DateTime EffectiveAt { get; set; }

    /// <summary>When its response was stored: its FHIR meta.lastUpdated.</summary>
    public DateTime RecordedAt { get; set; }
}
