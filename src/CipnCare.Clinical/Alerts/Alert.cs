namespace CipnCare.Clinical.Alerts;

/// <summary>How fast a clinician must see it. Ordered: a higher value is more severe.</summary>
public enum AlertSeverity
{
    Routine,
    High,
    Urgent,
}

/// <summary>What the patient is told to do next, by severity.</summary>
public enum PatientNextStep
{
    /// <summary>Routine tips; the care team will review.</summary>
    Routine,

    /// <summary>Contact your care team today.</summary>
    ContactTeamToday,

    /// <summary>Call emergency services now.</summary>
    CallEmergency,

    /// <summary>Crisis-line guidance at once (self-harm language), with emergency services.</summary>
    CrisisLine,
}

public enum AlertCode
{
    SensoryGrade,
    MotorGrade,
    WorseThanBefore,
    RapidProgression,
    NewMotorSymptoms,
    NewAutonomicSymptoms,
    NearFainting,
    Fall,
    FallWithInjury,
    ConsiderOtherCause,
    PainfulNeuropathy,
    ImpairmentDuringTreatment,
    DangerInWords,
    SelfHarmInWords,
    MissedCheckIns,

    /// <summary>A watched item rose by two or more levels, or to severe or very severe (issue #12).</summary>
    SymptomMuchWorse,

    /// <summary>A watched item that alerts whenever severe (autonomic items, worst pain ≥ 7/10).</summary>
    SevereSymptom,

    /// <summary>A fall with a serious injury: hit head, possible broken bone, cannot get up, or happening now.</summary>
    FallWithSeriousInjury,

    /// <summary>A fall described in the patient's words that the falls question did not count.</summary>
    FallInWords,

    /// <summary>Distress without risk in the patient's words.</summary>
    DistressInWords,

    /// <summary>A dose-safety finding on a dose imported without a person seeing it (FHIR).</summary>
    DoseSafetyFinding,

    /// <summary>A patient's or carer's message has waited past the team's reply target (issue #19).</summary>
    MessageWaiting,

    /// <summary>A check-in note in a language the safety check reads less well (Spanish, issue #20) that it found nothing
    /// urgent in: a person reads it today.</summary>
    NoteToRead,
}

/// <summary>A suggestion for the clinician, with the guideline or reference it comes from. Never shown to patients.</summary>
public sealed record SuggestedAction(string Text, string Source);

/// <summary>
/// One alert: its severity, the evidence behind it, what the clinician might consider, and what the patient is told.
/// <see cref="ConditionKey"/> names the condition and its level ("sensory-grade:2"): an open alert with the same key is
/// not raised again; a worse level is a new key.
/// </summary>
public sealed record Alert(
    AlertCode Code,
    AlertSeverity Severity,
    string Title,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<SuggestedAction> Suggestions,
    PatientNextStep PatientStep,
    string ConditionKey,
    string RulesVersion);
