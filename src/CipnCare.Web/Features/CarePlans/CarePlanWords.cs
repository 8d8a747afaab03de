using System.Globalization;
using CipnCare.Clinical.CarePlans;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>
/// The care plan's words patients and carers read, in the page's language (issue #20): how a goal is going, its
/// status, how something being tried is working, the kinds of intervention and referral. English reads exactly as
/// <see cref="GoalAttainment.Describe"/>, <see cref="InterventionEffect.Summary"/> and <see cref="CarePlanQueries"/>
/// word it (those stay for the clinician's note and FHIR). A page makes one from its injected localizer:
/// <c>new CarePlanWords(localizer)</c>.
/// </summary>
public sealed class CarePlanWords(IStringLocalizer<CarePlanWords> L)
{
    /// <summary>A Goal Attainment Scaling level in words: "the expected level".</summary>
    public string Level(int level) => level switch
    {
        -2 => L["much less than expected"],
        -1 => L["somewhat less than expected"],
        0 => L["the expected level"],
        1 => L["somewhat more than expected"],
        2 => L["much more than expected"],
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "GAS levels are −2 to +2."),
    };

    /// <summary>A goal's status, lower case: "achieved".</summary>
    public string Status(GoalStatus status) => status switch
    {
        GoalStatus.Active => L["active"],
        GoalStatus.Achieved => L["achieved"],
        _ => L["stopped"],
    };

    /// <summary>How something being tried is working, from the patient's ratings (as <see cref="InterventionEffect.Summary"/>).</summary>
    public string Effect(InterventionEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (effect is not { Ratings: > 0, LatestRelief: { } relief, MeanRelief: { } mean, LatestSideEffects: { } side })
        {
            return L["not rated yet"];
        }

        var average = mean.ToString("0.#", CultureInfo.InvariantCulture);
        var words = side switch
        {
            0 => L["no side effects"],
            1 => L["mild side effects"],
            2 => L["moderate side effects"],
            _ => L["severe side effects"],
        };
        return effect.Ratings == 1
            ? L["relief {0} of 10 lately (average {1} over {2} rating), {3}", relief, average, effect.Ratings, words]
            : L["relief {0} of 10 lately (average {1} over {2} ratings), {3}", relief, average, effect.Ratings, words];
    }

    /// <summary>A side-effect choice: none, mild, moderate, severe.</summary>
    public string SideEffect(int level) => level switch
    {
        0 => L["none"],
        1 => L["mild"],
        2 => L["moderate"],
        _ => L["severe"],
    };

    /// <summary>The kind of intervention (as <see cref="CarePlanQueries.TypeText"/>).</summary>
    public string Kind(InterventionType type) => type switch
    {
        InterventionType.Medication => L["Medicine"],
        InterventionType.PhysicalTherapy => L["Physical therapy (balance, gait, strength)"],
        InterventionType.OccupationalTherapy => L["Occupational therapy (fine motor, dexterity, equipment)"],
        InterventionType.Integrative => L["Integrative therapy (acupuncture, massage, lymph drainage)"],
        InterventionType.Device => L["Device (cane, walker, brace)"],
        InterventionType.FootAndSkinCare => L["Foot and skin care"],
        InterventionType.Supplement => L["Supplement"],
        _ => L["Other"],
    };

    /// <summary>The service referred to (as <see cref="CarePlanQueries.ServiceText"/>).</summary>
    public string Service(ReferralService service) => service switch
    {
        ReferralService.Physiatry => L["Physiatry (rehabilitation medicine)"],
        ReferralService.PhysicalTherapy => L["Physical therapy"],
        ReferralService.OccupationalTherapy => L["Occupational therapy"],
        ReferralService.IntegrativeMedicine => L["Integrative medicine"],
        ReferralService.Neurology => L["Neurology"],
        ReferralService.Podiatry => L["Podiatry"],
        _ => L["Pain service"],
    };

    /// <summary>Where a referral is, lower case: "sent".</summary>
    public string Status(ReferralStatus status) => status switch
    {
        ReferralStatus.Proposed => L["proposed"],
        ReferralStatus.Sent => L["sent"],
        ReferralStatus.Scheduled => L["scheduled"],
        ReferralStatus.Done => L["done"],
        _ => L["declined"],
    };

    /// <summary>Where a referral is and since (or, scheduled, for) which day: "sent 20 Nov 2026".</summary>
    public string Status(ReferralStatus status, string day) => status switch
    {
        ReferralStatus.Proposed => L["proposed {0}", day],
        ReferralStatus.Sent => L["sent {0}", day],
        ReferralStatus.Scheduled => L["scheduled {0}", day],
        ReferralStatus.Done => L["done {0}", day],
        _ => L["declined {0}", day],
    };
}
