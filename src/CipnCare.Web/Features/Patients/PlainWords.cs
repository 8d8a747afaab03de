using CipnCare.Clinical.CheckIns;

namespace CipnCare.Web.Features.Patients;

/// <summary>
/// What a patient's own numbers mean, in words a patient or carer reads (issue #20: never a raw score without its
/// meaning). The grades follow the check-in's patient-reported grading, modelled on NCI CTCAE v5.0 (grade 1 does not
/// limit daily life, 2 limits everyday tasks, 3 limits self-care: https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm).
/// </summary>
public static class PlainWords
{
    public static string Sensory(int grade) => grade switch
    {
        <= 0 => "no numbness, tingling or nerve pain",
        1 => "numbness, tingling or nerve pain that does not get in the way of daily life",
        2 => "numbness, tingling or nerve pain that gets in the way of everyday tasks, like buttons, cooking or walking far",
        _ => "numbness, tingling or nerve pain that gets in the way of looking after yourself, like washing or dressing",
    };

    public static string Motor(int grade) => grade switch
    {
        <= 0 => "no weakness",
        1 => "some weakness or cramps that do not get in the way of daily life",
        2 => "weakness that gets in the way of everyday tasks",
        _ => "weakness that gets in the way of looking after yourself",
    };

    /// <summary>
    /// A clinician's CTCAE v5.0 grade (sensory 0–4, motor 0–5) in words. CTCAE grade 1 is "asymptomatic" (found at the
    /// exam only), 2 limits instrumental activities of daily living, 3 limits self-care, 4 is life-threatening
    /// (https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm); a patient reading grade 4 is not
    /// given the word but told the team will talk it through.
    /// </summary>
    public static string ClinicianGrade(int grade) => grade switch
    {
        <= 0 => "no nerve changes",
        1 => "nerve changes the exam found, without symptoms",
        2 => "symptoms that get in the way of everyday tasks",
        3 => "symptoms that get in the way of looking after yourself",
        _ => "very severe: your care team will talk this through with you",
    };

    /// <summary>How the latest check-in compares with the one before, for "how you have been".</summary>
    public static string Change(ChangeDirection direction) => direction switch
    {
        ChangeDirection.FirstReport => "This was the first check-in, so there is nothing to compare with yet.",
        ChangeDirection.Worse => "That is worse than the check-in before.",
        ChangeDirection.Better => "That is better than the check-in before.",
        ChangeDirection.Unchanged => "That is about the same as the check-in before.",
    };
}
