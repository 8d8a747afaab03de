using CipnCare.Clinical.Exposure;

namespace CipnCare.Web.Features.Exposure;

/// <summary>A dated height and/or weight, used to convert doses at the date they were given.</summary>
public sealed class BodyMeasurementRecord
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public DateTime MeasuredAt { get; set; }
    public double? HeightCm { get; set; }
    public double? WeightKg { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>One agent of the patient's planned regimen.</summary>
public sealed class RegimenAgent
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string AgentCode { get; set; } = "";
    public double Dose { get; set; }
    public DoseUnit Unit { get; set; }
    public string Route { get; set; } = "";
    public double IntervalDays { get; set; }
    public int Cycles { get; set; }
    public int DosesPerCycle { get; set; } = 1;
    public string RecordedByUserId { get; set; } = "";
    public DateTime RecordedAt { get; set; }

    public PlannedAgent ToPlan() => new(AgentCode, Dose, Unit, IntervalDays, Cycles, DosesPerCycle);
}

/// <summary>One dose given, with its conversion at the time it was recorded.</summary>
public sealed class DoseAdministration
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string AgentCode { get; set; } = "";
    public DateTime AdministeredAt { get; set; }
    public double Amount { get; set; }
    public DoseUnit Unit { get; set; }
    public string Route { get; set; } = "";
    public double Mg { get; set; }
    public double InBasis { get; set; }
    public double? BsaM2 { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public DateTime RecordedAt { get; set; }

    /// <summary>Set on a correction: the dose it replaces, and why.</summary>
    public Guid? CorrectsId { get; set; }
    public string? CorrectionReason { get; set; }

    /// <summary>Set when a correction replaced this dose; it stays on the record but no longer counts.</summary>
    public DateTime? SupersededAt { get; set; }

    public Administration ToAdministration() => new(AgentCode, AdministeredAt, Amount, Unit);
}

/// <summary>A dose-safety finding kept on the record, with the clinician's acknowledgement.</summary>
public sealed class DoseFindingRecord
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid AdministrationId { get; set; }
    public DoseRule Rule { get; set; }
    public FindingSeverity Severity { get; set; }
    public string Message { get; set; } = "";
    public string Source { get; set; } = "";
    public string AcknowledgedByUserId { get; set; } = "";
    public DateTime AcknowledgedAt { get; set; }
    public string AcknowledgementReason { get; set; } = "";
}
