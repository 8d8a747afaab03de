namespace CipnCare.Clinical.Exposure;

/// <summary>Cumulative dose per agent, its risk band and percent of the agent's threshold, and where the plan leads.</summary>
public static class CumulativeExposure
{
    public const string BelowThreshold = "below threshold";
    public const string NoThreshold = "no sourced threshold";

    /// <summary>
    /// The band a cumulative dose is in: the last band whose lower bound it has reached. Reaching a bound counts
    /// (the sources say "above" or "about"; the conservative reading flags the dose that reaches it).
    /// </summary>
    public static string BandFor(Agent agent, double cumulativeInBasis)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (agent.RiskBands.Count == 0)
        {
            return NoThreshold;
        }

        return agent.RiskBands.LastOrDefault(b => cumulativeInBasis >= b.From - Tolerance)?.Name ?? BelowThreshold;
    }

    /// <summary>
    /// Summarises normalised doses per agent (in catalogue order). With a plan, projects the cumulative dose at the
    /// end of it: what has been given plus the planned doses still to come (<paramref name="plannedDoseInBasis"/>
    /// gives each planned agent's dose in its basis unit).
    /// </summary>
    public static IReadOnlyList<AgentExposure> Summarise(
        IEnumerable<NormalisedDose> doses,
        IEnumerable<PlannedAgent>? plan = null,
        Func<PlannedAgent, double?>? plannedDoseInBasis = null)
    {
        var planned = (plan ?? []).ToDictionary(p => p.AgentCode);
        return doses
            .GroupBy(d => d.Agent.Code)
            .OrderBy(g => AgentCatalogue.IndexOf(g.Key))
            .Select(g =>
            {
                var agent = g.First().Agent;
                var cumulative = g.Sum(d => d.InBasis);
                var threshold = agent.Threshold?.From;
                double? projected = null;
                if (planned.TryGetValue(agent.Code, out var p) && plannedDoseInBasis?.Invoke(p) is { } perDose)
                {
                    projected = cumulative + (Math.Max(0, p.TotalDoses - g.Count()) * perDose);
                }

                return new AgentExposure(
                    agent,
                    g.Count(),
                    cumulative,
                    g.Sum(d => d.Mg),
                    threshold,
                    threshold is { } t ? 100 * cumulative / t : null,
                    BandFor(agent, cumulative),
                    g.Min(d => d.Source.At),
                    g.Max(d => d.Source.At),
                    projected,
                    projected is { } pr ? BandFor(agent, pr) : null);
            })
            .ToList();
    }

    /// <summary>Rounding slack so 12 × 85 mg/m² reaches exactly 1020, not 1019.9999.</summary>
    internal const double Tolerance = 1e-9;
}
