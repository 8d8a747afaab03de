namespace CipnCare.Clinical.Grading;

/// <summary>
/// Patient-reported grade equivalent to NCI CTCAE v5.0 peripheral sensory and motor neuropathy
/// (clinical-reference.md §1): G2 = moderate symptoms limiting instrumental ADL (meals, shopping,
/// telephone, money); G3 = severe symptoms limiting self-care ADL (bathing, dressing, eating, toilet).
/// G4 (life-threatening, urgent intervention) cannot be self-reported and is left to the clinician.
/// Symptoms without any limitation are graded 1: PRO-CTCAE-style mild symptoms. This is a patient-reported
/// equivalent, not a clinician CTCAE grade; the version is stored with it.
/// </summary>
public static class PatientReportedGrade
{
    public static Grade From(NeuropathyReport r, string symptoms) => r switch
    {
        { WorstSeverity: 0 } => new(0, RulesVersion.Ctcae, [$"no {symptoms} symptoms reported"]),
        { LimitsSelfCareAdl: true } => new(3, RulesVersion.Ctcae, [$"{symptoms} symptoms with self-care limited (bathing, dressing, eating, toilet)"]),
        { LimitsInstrumentalAdl: true } => new(2, RulesVersion.Ctcae, [$"{symptoms} symptoms with everyday tasks limited (meals, shopping, phone, money)"]),
        _ => new(1, RulesVersion.Ctcae, [$"{symptoms} symptoms without limitation of daily activities"]),
    };
}
