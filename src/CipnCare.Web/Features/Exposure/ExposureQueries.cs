using CipnCare.Clinical;
using CipnCare.Clinical.Exposure;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Exposure;

/// <summary>A recorded dose with the conversion made when it was recorded.</summary>
public sealed record StoredDose(Guid Id, NormalisedDose Dose)
{
    /// <summary>The dose as the rules see it, with the conversion stored with it; null for an agent no longer in the catalogue.</summary>
    public static StoredDose? Of(DoseAdministration record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // The time as stored (whole microseconds), so a dose kept in memory compares with others as one read back does.
        var given = record.ToAdministration();
        given = given with { At = UtcDateTimeConverter.Stored(given.At) };
        return AgentCatalogue.Find(record.AgentCode) is { } agent ? new(record.Id, new NormalisedDose(given, agent, record.Mg, record.InBasis, null)) : null;
    }
}

/// <summary>One patient's exposure data, as the rules need it.</summary>
public sealed record ExposureData(
    BsaFormula Formula,
    IReadOnlyList<BodyMeasurement> Measurements,
    IReadOnlyList<StoredDose> Doses,
    IReadOnlyDictionary<string, PlannedAgent> Plan,
    IReadOnlyList<DoseFindingRecord> Findings,
    TeamZone? Zone = null)
{
    /// <summary>
    /// The data as <see cref="ExposureQueries.LoadAsync"/> would read it once <paramref name="stored"/> and its findings are
    /// saved: the doses in time order (a dose of the same time after those before it) without the one it corrects, the
    /// findings after the others.
    /// </summary>
    public ExposureData With(DoseAdministration stored, IEnumerable<DoseFindingRecord> findings)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var dose = StoredDose.Of(stored);
        var others = Doses.Where(d => d.Id != stored.CorrectsId);
        return this with
        {
            Doses = [.. (dose is null ? others : others.Append(dose)).OrderBy(d => d.Dose.Source.At)],
            Findings = [.. Findings, .. findings],
        };
    }
}

public sealed record AgentExposureView(
    string Code,
    string Name,
    string? RxNormCode,
    string BasisUnit,
    int Doses,
    double CumulativeInBasis,
    double CumulativeMg,
    double? Threshold,
    double? PercentOfThreshold,
    string RiskBand,
    DateTime FirstDose,
    DateTime LastDose,
    double DaysSinceLastDose,
    double? ProjectedInBasis,
    string? ProjectedRiskBand,
    IReadOnlyList<string> Notes);

public sealed record DoseFindingView(Guid AdministrationId, DoseRule Rule, FindingSeverity Severity, string Message, string Source, DateTime AcknowledgedAt, string AcknowledgementReason);

public sealed record DoseHistoryView(Guid Id, string AgentCode, DateTime AdministeredAt, double Amount, DoseUnit Unit, string Route, double Mg, DateTime RecordedAt, Guid? CorrectsId, string? CorrectionReason, DateTime? SupersededAt);

/// <summary>How a dose reads on screen, the same in the summary and the exposure table: 2.6 mg/m² stays 2.6, not 3.</summary>
public static class DoseText
{
    public static string Amount(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"595 mg/m²: 70 % of the 850 mg/m² threshold (elevated)", or "(no threshold set)".</summary>
    public static string AgainstThreshold(AgentExposureView agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return $"{Amount(agent.CumulativeInBasis)} {agent.BasisUnit}" + (agent.Threshold is { } threshold && agent.PercentOfThreshold is { } percent
            ? $": {Percent(percent)} % of the {Amount(threshold)} {agent.BasisUnit} threshold ({agent.RiskBand})"
            : " (no threshold set)");
    }
}

/// <summary>The running cumulative dose after one dose.</summary>
public sealed record CumulativePointView(DateTime At, double CumulativeInBasis, double? PercentOfThreshold, string RiskBand);

/// <summary>One agent's cumulative dose over time (the points of its exposure curve).</summary>
public sealed record AgentTimelineView(string Code, string Name, string BasisUnit, double? Threshold, IReadOnlyList<CumulativePointView> Points);

/// <summary>One version of one agent's plan; the newest version of each agent is the current plan.</summary>
public sealed record RegimenVersionView(Guid Id, string AgentCode, string AgentName, int Version, bool Current, double Dose, DoseUnit Unit, string Route, double IntervalDays, int Cycles, int DosesPerCycle, DateTime RecordedAt, string RecordedBy);

public sealed record ExposureSummary(string BsaFormula, string CatalogueVersion, IReadOnlyList<AgentExposureView> Agents, IReadOnlyList<DoseFindingView> Findings, IReadOnlyList<AgentTimelineView> Timeline);

/// <summary>Reads of exposure data. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class ExposureQueries(CipnDbContext db, TimeProvider clock)
{
    public const BsaFormula DefaultFormula = BsaFormula.Mosteller;

    public async Task<ExposureData> LoadAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.Where(p => p.Id == patientId).Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (p, t) => new { p.BsaFormula, t.TimeZone })
            .FirstOrDefaultAsync(cancellationToken);
        var measurements = await db.BodyMeasurements.AsNoTracking().Where(m => m.PatientId == patientId)
            .Select(m => new BodyMeasurement(m.MeasuredAt, m.HeightCm, m.WeightKg)).ToListAsync(cancellationToken);
        var given = await db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == patientId && a.SupersededAt == null).OrderBy(a => a.AdministeredAt).ToListAsync(cancellationToken);
        var plan = await db.RegimenAgents.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(cancellationToken);
        var findings = await db.DoseFindings.AsNoTracking().Where(f => f.PatientId == patientId).OrderBy(f => f.AcknowledgedAt).ToListAsync(cancellationToken);

        // Stored doses keep the conversion made when they were recorded.
        var doses = given.Select(StoredDose.Of).OfType<StoredDose>().ToList();
        var latestPlan = plan.GroupBy(p => p.AgentCode).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.RecordedAt).First().ToPlan());
        return new(patient?.BsaFormula ?? default, measurements, doses, latestPlan, findings, TeamZone.FindOrUtc(patient?.TimeZone));
    }

    /// <summary>Whether a dose of the agent is on record (corrected doses do not count), without summarising the exposure.</summary>
    public Task<bool> HasDoseOfAsync(Guid patientId, string agentCode, CancellationToken cancellationToken) =>
        db.DoseAdministrations.AnyAsync(a => a.PatientId == patientId && a.AgentCode == agentCode && a.SupersededAt == null, cancellationToken);

    /// <summary>Every dose on record, oldest first, corrected ones included and marked.</summary>
    public Task<List<DoseHistoryView>> HistoryAsync(Guid patientId, CancellationToken cancellationToken) =>
        db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.AdministeredAt).ThenBy(a => a.RecordedAt)
            .Select(a => new DoseHistoryView(a.Id, a.AgentCode, a.AdministeredAt, a.Amount, a.Unit, a.Route, a.Mg, a.RecordedAt, a.CorrectsId, a.CorrectionReason, a.SupersededAt))
            .ToListAsync(cancellationToken);

    /// <summary>Every version of the regimen plan, by agent (catalogue order) then oldest first; edits add versions, none is overwritten.</summary>
    public async Task<List<RegimenVersionView>> RegimenAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var rows = await db.RegimenAgents.AsNoTracking().Where(r => r.PatientId == patientId)
            .Join(db.Users, r => r.RecordedByUserId, u => u.Id, (r, u) => new { Plan = r, u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Plan.AgentCode)
            .OrderBy(g => AgentCatalogue.IndexOf(g.Key))
            .SelectMany(g =>
            {
                var versions = g.OrderBy(r => r.Plan.RecordedAt).ThenBy(r => r.Plan.Id).ToList();
                return versions.Select((r, i) => new RegimenVersionView(
                    r.Plan.Id, r.Plan.AgentCode, AgentCatalogue.Find(r.Plan.AgentCode)?.Name ?? r.Plan.AgentCode, i + 1, i == versions.Count - 1,
                    r.Plan.Dose, r.Plan.Unit, r.Plan.Route, r.Plan.IntervalDays, r.Plan.Cycles, r.Plan.DosesPerCycle, r.Plan.RecordedAt, r.DisplayName));
            })
            .ToList();
    }

    public async Task<ExposureSummary> SummaryAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var data = await LoadAsync(patientId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var exposure = CumulativeExposure.Summarise(data.Doses.Select(d => d.Dose), data.Plan.Values, p =>
            DoseConversion.Normalise(new Administration(p.AgentCode, now, p.Dose, p.Unit), data.Measurements, data.Formula).Dose?.InBasis);
        var agents = exposure.Select(e => new AgentExposureView(
            e.Agent.Code, e.Agent.Name, e.Agent.RxNormCode, DoseSafety.Unit(e.Agent.Basis), e.Doses,
            Math.Round(e.CumulativeInBasis, 2), Math.Round(e.CumulativeMg, 1), e.ThresholdInBasis,
            e.PercentOfThreshold is { } p ? Math.Round(p, 1) : null, e.RiskBand, e.FirstDose, e.LastDose,
            Math.Round((now - e.LastDose).TotalDays, 1), e.ProjectedInBasis is { } pr ? Math.Round(pr, 2) : null, e.ProjectedRiskBand, e.Agent.Notes)).ToList();
        var findings = data.Findings.Select(f => new DoseFindingView(f.AdministrationId, f.Rule, f.Severity, f.Message, f.Source, f.AcknowledgedAt, f.AcknowledgementReason)).ToList();
        var timeline = ExposureTimeline.Build(data.Doses.Select(d => d.Dose)).Select(t => new AgentTimelineView(
            t.Agent.Code, t.Agent.Name, DoseSafety.Unit(t.Agent.Basis), t.Agent.Threshold?.From,
            t.Points.Select(p => new CumulativePointView(p.At, Math.Round(p.CumulativeInBasis, 2), p.PercentOfThreshold is { } pc ? Math.Round(pc, 1) : null, p.RiskBand)).ToList())).ToList();
        return new(data.Formula.ToString(), AgentCatalogue.Version, agents, findings, timeline);
    }
}
