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

    /// <summary>A version of one agent's plan, saved <paramref name="recordedDaysAgo"/> days before today.</summary>
    public void Plan(Guid patientId, PlannedAgent plan, string route, int recordedDaysAgo = 0) =>
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
            RecordedAt = now.AddDays(-recordedDaysAgo),
        });

    /// <summary>Doses on the given days before today (15:00 UTC: morning in New York, 09:00 in Chicago), oldest first; <paramref name="reasons"/> acknowledges findings by dose index.</summary>
    public List<DoseAdministration> Doses(Guid patientId, IReadOnlyList<BodyMeasurement> body, PlannedAgent? plan, string agentCode, double amount, DoseUnit unit, string route, IEnumerable<int> daysAgo, IReadOnlyDictionary<int, string>? reasons = null)
    {
        var plans = plan is null ? new Dictionary<string, PlannedAgent>() : new Dictionary<string, PlannedAgent> { [plan.AgentCode] = plan };
        var given = new List<NormalisedDose>();
        var records = new List<DoseAdministration>();
        var index = 0;
        foreach (var days in daysAgo.OrderDescending())
        {
            var administration = new Administration(agentCode, now.Date.AddDays(-days).AddHours(15), amount, unit);
            var data = new ExposureData(ExposureQueries.DefaultFormula, body, [], plans, []); // the doses so far are passed as "others"
            var (converted, findings) = DoseEntry.Evaluate(administration, data, given);
            var dose = converted.Dose ?? throw new InvalidOperationException($"Demo dose of {agentCode} cannot be converted: {string.Join(" ", converted.Problems)}");
            var reason = reasons?.GetValueOrDefault(index);
            if (findings.Count > 0 && reason is null)
            {
                throw new InvalidOperationException($"Demo dose {index} of {agentCode} has findings ({string.Join(", ", findings.Select(f => f.Rule))}) but no acknowledgement.");
            }

            var (record, findingRows) = DoseEntry.ToRecords(patientId, dose, route, findings, clinicianId, administration.At, reason ?? "");
            db.DoseAdministrations.Add(record);
            db.DoseFindings.AddRange(findingRows);
            given.Add(dose);
            records.Add(record);
            index++;
        }

        return records;
    }

    /// <summary>
    /// Makes <paramref name="corrected"/> a correction: an earlier entry of the same dose with a mistyped amount is
    /// added, superseded by it, as the correction form leaves it.
    /// </summary>
    public void MistypedBefore(DoseAdministration corrected, IReadOnlyList<BodyMeasurement> body, double mistypedAmount, string reason)
    {
        var typo = corrected.ToAdministration() with { Amount = mistypedAmount };
        var dose = DoseConversion.Normalise(typo, body, ExposureQueries.DefaultFormula).Dose
            ?? throw new InvalidOperationException("Demo mistyped dose cannot be converted.");
        var (original, _) = DoseEntry.ToRecords(corrected.PatientId, dose, corrected.Route, [], clinicianId, corrected.RecordedAt.AddHours(-2), "");
        original.SupersededAt = corrected.RecordedAt;
        db.DoseAdministrations.Add(original);
        corrected.CorrectsId = original.Id;
        corrected.CorrectionReason = reason;
    }
}
