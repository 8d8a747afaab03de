using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Localization;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Patients;

/// <summary>
/// What a patient's own numbers mean, in words a patient or carer reads (issue #20: never a raw score without its
/// meaning). The grades follow the check-in's patient-reported grading, modelled on NCI CTCAE v5.0 (grade 1 does not
/// limit daily life, 2 limits everyday tasks, 3 limits self-care: https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm).
/// The words are in the language of the page or email being written (the UI culture; Spanish in PlainWords.es.resx).
/// </summary>
public sealed class PlainWords
{
    /// <summary>Reads the UI culture at each call, like an injected localizer, so the helpers stay static for every page that uses them.</summary>
    private static readonly IStringLocalizer<PlainWords> L = Languages.LocalizerFor<PlainWords>();

    private PlainWords()
    {
    }

    /// <summary>Who entered something, as a page says it: "patient", "caregiver", "clinician".</summary>
    public static string Role(string role) => role switch
    {
        Accounts.Roles.Patient => L["patient"],
        Accounts.Roles.Caregiver => L["caregiver"],
        Accounts.Roles.Clinician => L["clinician"],
        _ => role.ToLowerInvariant(),
    };

    public static string Sensory(int grade) => grade switch
    {
        <= 0 => L["no numbness, tingling or nerve pain"],
        1 => L["numbness, tingling or nerve pain that does not get in the way of daily life"],
        2 => L["numbness, tingling or nerve pain that gets in the way of everyday tasks, like buttons, cooking or walking far"],
        _ => L["numbness, tingling or nerve pain that gets in the way of looking after yourself, like washing or dressing"],
    };

    public static string Motor(int grade) => grade switch
    {
        <= 0 => L["no weakness"],
        1 => L["some weakness or cramps that do not get in the way of daily life"],
        2 => L["weakness that gets in the way of everyday tasks"],
        _ => L["weakness that gets in the way of looking after yourself"],
    };

    /// <summary>
    /// A clinician's CTCAE v5.0 grade (sensory 0–4, motor 0–5) in words. CTCAE grade 1 is "asymptomatic" (found at the
    /// exam only), 2 limits instrumental activities of daily living, 3 limits self-care, 4 is life-threatening
    /// (https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm); a patient reading grade 4 is not
    /// given the word but told the team will talk it through.
    /// </summary>
    public static string ClinicianGrade(int grade) => grade switch
    {
        <= 0 => L["no nerve changes"],
        1 => L["nerve changes the exam found, without symptoms"],
        2 => L["symptoms that get in the way of everyday tasks"],
        3 => L["symptoms that get in the way of looking after yourself"],
        _ => L["very severe: your care team will talk this through with you"],
    };

    /// <summary>How the latest check-in compares with the one before, for "how you have been".</summary>
    public static string Change(ChangeDirection direction) => direction switch
    {
        ChangeDirection.FirstReport => L["This was the first check-in, so there is nothing to compare with yet."],
        ChangeDirection.Worse => L["That is worse than the check-in before."],
        ChangeDirection.Better => L["That is better than the check-in before."],
        ChangeDirection.Unchanged => L["That is about the same as the check-in before."],
    };
}
