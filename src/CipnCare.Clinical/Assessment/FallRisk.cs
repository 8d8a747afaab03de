using System.Globalization;
namespace CipnCare.Clinical.Assessment;

public enum FallRiskLevel
{
    Low,
    Moderate,
    High,

    /// <summary>No screening answer and no function test: nothing to call low (issue #13).</summary>
    NotAssessed,
}

/// <summary>What the fall-risk rules read: the patient's reports and the exam's function tests.</summary>
public sealed record FallRiskInput(
    int FallsPastYear,
    bool FallWithInjury,
    bool? Unsteady,
    bool? WorriedAboutFalling,
    double? TugSeconds,
    int? ChairStandScore,
    int? AgeYears,
    NormSex? Sex,
    double? TandemSeconds,
    bool? OrthostaticHypotension,
    bool FeetSensoryLoss,
    bool FootOrFootwearProblem);

/// <summary>A recommendation for the care team (never shown to patients as an instruction).</summary>
public sealed record FallRecommendation(string Code, string Text, string Source);

public sealed record FallRiskResult(
    FallRiskLevel Level,
    bool ScreenedAtRisk,
    bool GaitStrengthOrBalanceProblem,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<FallRecommendation> Recommendations,
    string RulesVersion);

/// <summary>
/// Fall risk in the shape of the CDC STEADI algorithm (clinical-reference.md §8 and verification §6, §10).
/// <list type="bullet">
/// <item>Screen: a fall in the past year, feeling unsteady, or worry about falling — "yes" to any is screened at risk.</item>
/// <item>Gait, strength or balance problem: Timed Up and Go ≥ 12 s; 30-second chair stand below the age/sex norm;
/// tandem stance not held for 10 s.</item>
/// <item>Level: high with two or more falls, a fall with injury, or a fall together with a gait, strength or balance
/// problem; moderate with a problem and no fall; low otherwise. These three levels follow the 2017 STEADI algorithm as
/// secondary transcriptions give it — the level wording is not in the verified reference, so the reasons always list
/// the findings themselves.</item>
/// <item>Recommendations: the STEADI interventions each finding implies (PT for gait/strength/balance, home safety,
/// feet and footwear, vision, medication review, orthostatic blood pressure).</item>
/// </list>
/// </summary>
public static class FallRisk
{
    /// <summary>The level in words people read ("not assessed").</summary>
    public static string Describe(FallRiskLevel level) => level switch
    {
        FallRiskLevel.Low => "low",
        FallRiskLevel.Moderate => "moderate",
        FallRiskLevel.High => "high",
        FallRiskLevel.NotAssessed => "not assessed",
    };

    public const double TugAtRiskSeconds = 12;
    public const string Steadi = "CDC STEADI, https://www.cdc.gov/steadi/";

    public static FallRiskResult Assess(FallRiskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reasons = new List<string>();
        if (input.FallsPastYear > 0)
        {
            reasons.Add($"{input.FallsPastYear} fall{(input.FallsPastYear == 1 ? "" : "s")} reported in the past year{(input.FallWithInjury ? ", at least one with injury" : "")}");
        }

        if (input.Unsteady == true)
        {
            reasons.Add("feels unsteady when standing or walking");
        }

        if (input.WorriedAboutFalling == true)
        {
            reasons.Add("worries about falling");
        }

        var screened = input.FallsPastYear > 0 || input.Unsteady == true || input.WorriedAboutFalling == true;

        var problem = false;
        if (input.TugSeconds is { } tug && tug >= TugAtRiskSeconds)
        {
            problem = true;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Timed Up and Go {tug:0.#} s (≥ {TugAtRiskSeconds:0} s is at risk)"));
        }

        if (input is { ChairStandScore: { } stands, AgeYears: { } age, Sex: { } sex })
        {
            var norm = ChairStandNorms.AverageAtLeast(age, sex);
            if (norm is { } n && stands < n)
            {
                problem = true;
                reasons.Add($"30-second chair stand {stands} (below average for a {(sex == NormSex.Male ? "man" : "woman")} aged {age}: under {n})");
            }
            else if (norm is null)
            {
                reasons.Add($"30-second chair stand {stands}: no published norm for age {age}");
            }
        }

        if (input.TandemSeconds is { } tandem && tandem < BalanceStages.HoldSeconds)
        {
            problem = true;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"tandem stance held {tandem:0.#} s (under {BalanceStages.HoldSeconds:0} s)"));
        }

        if (input.OrthostaticHypotension == true)
        {
            reasons.Add("orthostatic hypotension");
        }

        if (input.FeetSensoryLoss)
        {
            reasons.Add("reduced feeling in the feet");
        }

        var assessed = input.FallsPastYear > 0 || input.FallWithInjury || input.Unsteady is not null || input.WorriedAboutFalling is not null
            || input.TugSeconds is not null || input.ChairStandScore is not null || input.TandemSeconds is not null;
        var level = input.FallsPastYear >= 2 || input.FallWithInjury || (input.FallsPastYear >= 1 && problem) ? FallRiskLevel.High
            : problem ? FallRiskLevel.Moderate
            : assessed ? FallRiskLevel.Low
            : FallRiskLevel.NotAssessed;

        var recommendations = new List<FallRecommendation>();
        if (problem)
        {
            recommendations.Add(new("physical-therapy", "Refer to physical therapy for gait, strength and balance training.", Steadi));
        }

        var atRisk = screened || problem;
        if (atRisk)
        {
            recommendations.Add(new("home-safety", "Discuss home safety (lighting, rugs, rails, night lights) and share the home-safety guidance.", Steadi));
        }

        if (input.FeetSensoryLoss || input.FootOrFootwearProblem)
        {
            recommendations.Add(new("feet-footwear", "Check feet and footwear; advise well-fitting, closed shoes and daily foot checks.", Steadi));
        }

        if (atRisk)
        {
            recommendations.Add(new("vision", "Check vision (annual eye examination).", Steadi));
            recommendations.Add(new("medication-review", "Review medicines that raise fall risk (sedatives, opioids, antihypertensives, gabapentinoids).", Steadi));
        }

        if (input.OrthostaticHypotension == true)
        {
            recommendations.Add(new("orthostatic", "Manage orthostatic hypotension (review causes and medicines; advise rising slowly).", Steadi));
        }

        return new(level, screened, problem, reasons, recommendations, RulesVersion.Current);
    }
}
