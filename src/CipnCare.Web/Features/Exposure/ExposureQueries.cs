using CipnCare.Clinical.Exposure;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Exposure;

/// <summary>A recorded dose with the conversion made when it was recorded.</summary>
public sealed record StoredDose(Guid Id, NormalisedDose Dose);

/// <summary>One patient's exposure data, as the rules need it.</summary>
public sealed record ExposureData(
    BsaFormula Formula,
    IReadOnlyList<BodyMeasurement> Measurements,
    IReadOnlyList<StoredDose> Doses,
    IReadOnlyDictionary<string, PlannedAgent> Plan,
    IReadOnlyList<DoseFindingRecord> Findings);

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

public sealed record ExposureSummary(string BsaFormula, string CatalogueVersion, IReadOnlyList<AgentExposureView> Agents, IReadOnlyList<DoseFindingView> Findings);

/// <summary>Reads of exposure data. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class ExposureQueries(CipnDbContext db, TimeProvider clock)
{
    public const BsaFormula DefaultFormula = BsaFormula.Mosteller;

    public async Task<ExposureData> LoadAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var formula = await db.Patients.Where(p => p.Id == patientId).Select(p => p.BsaFormula).FirstOrDefaultAsync(cancellationToken);
        var measurements = await db.BodyMeasurements.AsNoTracking().Where(m => m.PatientId == patientId)
            .Select(m => new BodyMeasurement(m.MeasuredAt, m.HeightCm, m.WeightKg)).ToListAsync(cancellationToken);
        var given = await db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == patientId && a.SupersededAt == null).OrderBy(a => a.AdministeredAt).ToListAsync(cancellationToken);
        var plan = await db.RegimenAgents.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(cancellationToken);
        var findings = await db.DoseFindings.AsNoTracking().Where(f => f.PatientId == patientId).OrderBy(f => f.AcknowledgedAt).ToListAsync(cancellationToken);

        // Stored doses keep the conversion made when they were recorded.
        var doses = given
            .Select(a => (Record: a, Agent: AgentCatalogue.Find(a.AgentCode)))
            .Where(x => x.Agent is not null)
            .Select(x => new StoredDose(x.Record.Id, new NormalisedDose(x.Record.ToAdministration(), x.Agent!, x.Record.Mg, x.Record.InBasis, null)))
            .ToList();
        var latestPlan = plan.GroupBy(p => p.AgentCode).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.RecordedAt).First().ToPlan());
        return new(formula, measurements, doses, latestPlan, findings);
    }

    /// <summary>Every dose on record, oldest first, corrected ones included and marked.</summary>
    public Task<List<DoseHistoryView>> HistoryAsync(Guid patientId, CancellationToken cancellationToken) =>
        db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.AdministeredAt).ThenBy(a => a.RecordedAt)
            .Select(a => new DoseHistoryView(a.Id, a.AgentCode, a.AdministeredAt, a.Amount, a.Unit, a.Route, a.Mg, a.RecordedAt, a.CorrectsId, a.CorrectionReason, a.SupersededAt))
            .ToListAsync(cancellationToken);

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
        return new(data.Formula.ToString(), AgentCatalogue.Version, agents, findings);
    }
}
