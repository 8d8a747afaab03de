using CipnCare.Clinical.Exposure;

namespace CipnCare.Web.Features.Exposure;

/// <summary>
/// The one path a dose takes from entry to record — used by the clinician's entry, FHIR, Bundle import and the
/// demo: convert at the body size of its date, check it against the other doses and the plan, and build the
/// rows that store it with its findings.
/// </summary>
public static class DoseEntry
{
    public sealed record Evaluation(NormaliseResult Converted, IReadOnlyList<DoseFinding> Findings);

    public static Evaluation Evaluate(Administration given, ExposureData data, IEnumerable<NormalisedDose> others)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(data);
        var converted = DoseConversion.Normalise(given, data.Measurements, data.Formula);
        if (converted.Dose is not { } dose)
        {
            return new(converted, []);
        }

        var plan = data.Plan.GetValueOrDefault(given.AgentCode);
        var plannedDose = plan is null ? null : DoseConversion.Normalise(given with { Amount = plan.Dose, Unit = plan.Unit }, data.Measurements, data.Formula).Dose;
        return new(converted, DoseSafety.Check(dose, [.. others], plan, plannedDose, data.Zone));
    }

    public static (DoseAdministration Dose, List<DoseFindingRecord> Findings) ToRecords(
        Guid patientId, NormalisedDose dose, string route, IReadOnlyList<DoseFinding> findings, string userId, DateTime recordedAt, string acknowledgementReason, Guid? corrects = null, string? correctionReason = null)
    {
        ArgumentNullException.ThrowIfNull(dose);
        var record = new DoseAdministration
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            AgentCode = dose.Agent.Code,
            AdministeredAt = dose.Source.At,
            Amount = dose.Source.Amount,
            Unit = dose.Source.Unit,
            Route = route.Trim(),
            Mg = dose.Mg,
            InBasis = dose.InBasis,
            BsaM2 = dose.Body?.BsaM2,
            RecordedByUserId = userId,
            RecordedAt = recordedAt,
            CorrectsId = corrects,
            CorrectionReason = correctionReason?.Trim(),
        };
        var rows = findings.Select(f => new DoseFindingRecord
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            AdministrationId = record.Id,
            Rule = f.Rule,
            Severity = f.Severity,
            Message = f.Message,
            Source = f.Source,
            AcknowledgedByUserId = userId,
            AcknowledgedAt = recordedAt,
            AcknowledgementReason = acknowledgementReason,
        }).ToList();
        return (record, rows);
    }
}
