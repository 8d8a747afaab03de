using CipnCare.Clinical.Exposure;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Exposure;

namespace CipnCare.Web.Features.Demo;

/// <summary>
/// Demo regimens run through the real rules: each dose is converted and checked as if entered, and a dose with
/// findings must come with the acknowledgement reason a clinician would give.
/// </summary>
internal sealed class DemoExposure(CipnDbContext db, DateTime now, string clinicianId)
{
    public void Body(Guid patientId, double heightCm, double weightKg, int daysAgo) =>
        db.BodyMeasurements.Add(new BodyMeasurementRecord
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            MeasuredAt = now.Date.AddDays(-daysAgo),
            HeightCm = heightCm,
            WeightKg = weightKg,
            RecordedByUserId = clinicianId,
            RecordedAt = now,
        });

    public void Plan(Guid patientId, PlannedAgent plan, string route) =>
        db.RegimenAgents.Add(new RegimenAgent
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            AgentCode = plan.AgentCode,
            Dose = plan.Dose,
            Unit = plan.Unit,
            Route = route,
            IntervalDays = plan.IntervalDays,
            Cycles = plan.Cycles,
            DosesPerCycle = plan.DosesPerCycle,
            RecordedByUserId = clinicianId,
            RecordedAt = now,
        });

    /// <summary>Doses on the given days before today (09:00 UTC), oldest first; <paramref name="reasons"/> acknowledges findings by dose index.</summary>
    public void Doses(Guid patientId, IReadOnlyList<BodyMeasurement> body, PlannedAgent? plan, string agentCode, double amount, DoseUnit unit, string route, IEnumerable<int> daysAgo, IReadOnlyDictionary<int, string>? reasons = null)
    {
        var given = new List<NormalisedDose>();
        var index = 0;
        foreach (var days in daysAgo.OrderDescending())
        {
            var administration = new Administration(agentCode, now.Date.AddDays(-days).AddHours(9), amount, unit);
            var dose = DoseConversion.Normalise(administration, body, ExposureQueries.DefaultFormula).Dose
                ?? throw new InvalidOperationException($"Demo dose of {agentCode} cannot be converted.");
            var planned = plan is null ? null : DoseConversion.Normalise(administration with { Amount = plan.Dose, Unit = plan.Unit }, body, ExposureQueries.DefaultFormula).Dose;
            var findings = DoseSafety.Check(dose, given, plan, planned);
            var reason = reasons?.GetValueOrDefault(index);
            if (findings.Count > 0 && reason is null)
            {
                throw new InvalidOperationException($"Demo dose {index} of {agentCode} has findings ({string.Join(", ", findings.Select(f => f.Rule))}) but no acknowledgement.");
            }

            var record = new DoseAdministration
            {
                Id = Guid.CreateVersion7(),
                PatientId = patientId,
                AgentCode = agentCode,
                AdministeredAt = administration.At,
                Amount = amount,
                Unit = unit,
                Route = route,
                Mg = dose.Mg,
                InBasis = dose.InBasis,
                BsaM2 = dose.Body?.BsaM2,
                RecordedByUserId = clinicianId,
                RecordedAt = administration.At,
            };
            db.DoseAdministrations.Add(record);
            db.DoseFindings.AddRange(findings.Select(f => new DoseFindingRecord
            {
                Id = Guid.CreateVersion7(),
                PatientId = patientId,
                AdministrationId = record.Id,
                Rule = f.Rule,
                Severity = f.Severity,
                Message = f.Message,
                Source = f.Source,
                AcknowledgedByUserId = clinicianId,
                AcknowledgedAt = administration.At,
                AcknowledgementReason = reason!,
            }));
            given.Add(dose);
            index++;
        }
    }
}
