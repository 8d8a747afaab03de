namespace CipnCare.Clinical.Exposure;

/// <summary>One point of an agent's running cumulative dose: after the dose given at <see cref="At"/>.</summary>
public sealed record CumulativePoint(DateTime At, double CumulativeInBasis, double? PercentOfThreshold, string RiskBand);

/// <summary>An agent's cumulative dose over time, for drawing beside the symptom grades.</summary>
public sealed record AgentTimeline(Agent Agent, IReadOnlyList<CumulativePoint> Points);

public static class ExposureTimeline
{
    /// <summary>
    /// The running cumulative dose of each agent (in catalogue order), one point per dose in date order, with the
    /// percent of the agent's threshold (its highest sourced band; null when none is sourced) and the band reached.
    /// </summary>
    public static IReadOnlyList<AgentTimeline> Build(IEnumerable<NormalisedDose> doses) =>
        doses
            .GroupBy(d => d.Agent.Code)
            .OrderBy(g => AgentCatalogue.IndexOf(g.Key))
            .Select(g =>
            {
                var agent = g.First().Agent;
                var threshold = agent.Threshold?.From;
                var running = 0.0;
                var points = g.OrderBy(d => d.Source.At).Select(d =>
                {
                    running += d.InBasis;
                    return new CumulativePoint(d.Source.At, running, threshold is { } t ? 100 * running / t : null, CumulativeExposure.BandFor(agent, running));
                }).ToList();
                return new AgentTimeline(agent, points);
            })
            .ToList();
}
