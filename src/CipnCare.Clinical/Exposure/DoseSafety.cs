using System.Globalization;

namespace CipnCare.Clinical.Exposure;

/// <summary>
/// Checks one dose before it is stored, against the patient's other doses and the regimen plan. The rules and
/// their limits are the CIPN Care exposure issue's (#4), applied to the catalogue's sourced facts, with issue #13's
/// corrections: a label's minimum interval is absolute (bortezomib: 72 h), a cap can depend on the regimen
/// (brentuximab vedotin with AVD: 120 mg), once-daily agents are not duplicates a day apart, and an interval checked
/// without a regimen plan is a moderate "no plan on record" finding.
/// </summary>
public static class DoseSafety
{
    /// <summary>More than this fraction above the planned dose is a finding (+10 %).</summary>
    public const double PlannedDoseTolerance = 0.10;

    /// <summary>An interval shorter than this fraction of the planned (or shortest usual) interval is a finding.</summary>
    public const double MinimumIntervalFraction = 0.75;

    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// For once-daily agents: a second dose under 12 h after the last, or on the same local calendar day, is a duplicate
    /// (our rule, not a label's; docs/exposure.md).
    /// </summary>
    public static readonly TimeSpan OnceDailyDuplicateWindow = TimeSpan.FromHours(12);

    /// <param name="proposed">The dose being recorded.</param>
    /// <param name="others">The patient's other recorded doses (any agent, any time; the proposed one excluded).</param>
    /// <param name="plan">The planned regimen agent for this agent, if there is a plan.</param>
    /// <param name="plannedDose">The plan's dose, normalised with the same body size as <paramref name="proposed"/>.</param>
    /// <param name="zone">The care team's time zone: "the same day" is its calendar day and times in messages are its clock (UTC when none).</param>
    public static IReadOnlyList<DoseFinding> Check(NormalisedDose proposed, IReadOnlyList<NormalisedDose> others, PlannedAgent? plan = null, NormalisedDose? plannedDose = null, TeamZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(others);
        zone ??= TeamZone.Utc;
        var agent = proposed.Agent;
        var findings = new List<DoseFinding>();
        var sameAgent = others.Where(o => o.Agent.Code == agent.Code).ToList();

        var regimenCap = plan is null ? null : agent.RegimenCaps?.FirstOrDefault(c => Math.Abs(c.IntervalDays - plan.IntervalDays) < CumulativeExposure.Tolerance);
        if ((regimenCap?.CapMg ?? agent.PerDoseCapMg) is { } cap && proposed.Mg > cap + CumulativeExposure.Tolerance)
        {
            findings.Add(new(DoseRule.AbovePerDoseCap, FindingSeverity.High,
                $"{agent.Name} {Mg(proposed.Mg)} is above the {Mg(cap)} single-dose maximum{(regimenCap is null ? "" : $" {regimenCap.Regimen}")}.",
                regimenCap?.Source ?? FirstSource(agent)));
        }

        if (proposed.Source.Unit != DoseUnit.Mg && proposed.Source.Unit != agent.Basis)
        {
            findings.Add(new(DoseRule.UnitBasisMismatch, FindingSeverity.High,
                $"{agent.Name} is dosed in {Unit(agent.Basis)}, but this dose was entered in {Unit(proposed.Source.Unit)}. Check the unit.",
                "Agent catalogue dose basis"));
        }

        if (plannedDose is not null && proposed.Mg > plannedDose.Mg * (1 + PlannedDoseTolerance) + CumulativeExposure.Tolerance)
        {
            var over = 100 * ((proposed.Mg / plannedDose.Mg) - 1);
            findings.Add(new(DoseRule.AbovePlannedDose, FindingSeverity.Moderate,
                $"{agent.Name} {Mg(proposed.Mg)} is {over.ToString("0", CultureInfo.InvariantCulture)}% above the planned {Mg(plannedDose.Mg)} ({Amount(plannedDose.Source)}).",
                "Regimen plan: more than 10% above the planned dose"));
        }

        var window = agent.OnceDaily ? OnceDailyDuplicateWindow : DuplicateWindow;
        var nearest = sameAgent.OrderBy(o => Math.Abs((o.Source.At - proposed.Source.At).Ticks)).FirstOrDefault();
        var gapHours = nearest is null ? (double?)null : Math.Abs((nearest.Source.At - proposed.Source.At).TotalHours);
        var sameDay = agent.OnceDaily ? sameAgent.FirstOrDefault(o => zone.DayOf(o.Source.At) == zone.DayOf(proposed.Source.At)) : null;
        if (gapHours < window.TotalHours)
        {
            findings.Add(new(DoseRule.DuplicateWithin24Hours, FindingSeverity.High,
                $"Another {agent.Name} dose ({Amount(nearest!.Source)}) is recorded at {zone.Stamp(nearest.Source.At)}, within {window.TotalHours.ToString("0", CultureInfo.InvariantCulture)} hours of this one.",
                agent.OnceDaily ? "A second dose of a once-daily agent under 12 hours after the last (CIPN Care rule)" : "A second dose of the same agent within 24 hours"));
        }
        else if (sameDay is not null)
        {
            // Once daily means one dose a calendar day where the patient lives: 07:00 and 21:00 on the same day are two.
            findings.Add(new(DoseRule.DuplicateWithin24Hours, FindingSeverity.High,
                $"Another {agent.Name} dose ({Amount(sameDay.Source)}) is recorded on the same day, at {zone.Stamp(sameDay.Source.At)}.",
                "A second dose of a once-daily agent on the same local calendar day (CIPN Care rule)"));
        }
        else if (agent.MinimumIntervalHours is { } minimumHours)
        {
            // A label's minimum interval is absolute: never scaled by 75 %.
            if (gapHours < minimumHours - CumulativeExposure.Tolerance)
            {
                findings.Add(new(DoseRule.ShortInterval, FindingSeverity.High,
                    $"Only {gapHours.Value.ToString("0", CultureInfo.InvariantCulture)} hours from the {agent.Name} dose of {zone.Stamp(nearest!.Source.At)}; the label requires at least {minimumHours.ToString("0", CultureInfo.InvariantCulture)} hours between doses.",
                    FirstSource(agent)));
            }
        }
        else if ((plan?.IntervalDays ?? agent.ShortestUsualIntervalDays) is { } intervalDays && gapHours / 24 is { } days
            && days < (MinimumIntervalFraction * intervalDays) - CumulativeExposure.Tolerance)
        {
            var gap = $"Only {days.ToString("0.#", CultureInfo.InvariantCulture)} days from the {agent.Name} dose of {zone.DayOf(nearest!.Source.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            findings.Add(plan is null
                ? new(DoseRule.ShortInterval, FindingSeverity.Moderate,
                    $"{gap}. No regimen plan is on record; the shortest usual interval is {intervalDays.ToString("0.#", CultureInfo.InvariantCulture)} days. Record the plan if this schedule is intended.",
                    FirstSource(agent))
                : new(DoseRule.ShortInterval, FindingSeverity.High,
                    $"{gap}; the planned interval is {intervalDays.ToString("0.#", CultureInfo.InvariantCulture)} days (a finding below 75%).",
                    "Regimen plan interval"));
        }

        var before = sameAgent.Sum(o => o.InBasis);
        var after = before + proposed.InBasis;
        foreach (var band in agent.RiskBands.Where(b => before < b.From - CumulativeExposure.Tolerance && after >= b.From - CumulativeExposure.Tolerance))
        {
            findings.Add(new(DoseRule.CrossesRiskBand, FindingSeverity.Moderate,
                $"Cumulative {agent.Name} reaches {Amount(after, agent.Basis)}, crossing {Amount(band.From, agent.Basis)} ({band.Name} neuropathy risk).",
                band.Source));
        }

        return findings;
    }

    private static string FirstSource(Agent agent) => agent.Sources.Count > 0 ? agent.Sources[0] : agent.Name;

    private static string Mg(double mg) => Amount(mg, DoseUnit.Mg);

    private static string Amount(Administration a) => Amount(a.Amount, a.Unit);

    private static string Amount(double value, DoseUnit unit) => $"{value.ToString("0.##", CultureInfo.InvariantCulture)} {Unit(unit)}";

    public static string Unit(DoseUnit unit) => unit switch
    {
        DoseUnit.Mg => "mg",
        DoseUnit.MgPerM2 => "mg/m²",
        DoseUnit.MgPerKg => "mg/kg",
    };
}
