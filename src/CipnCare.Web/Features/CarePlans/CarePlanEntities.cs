using CipnCare.Clinical.CarePlans;

namespace CipnCare.Web.Features.CarePlans;

public enum GoalStatus
{
    Active,
    Achieved,
    Stopped,
}

/// <summary>A goal in the patient's own words, with the expected level described for Goal Attainment Scaling.</summary>
public sealed class Goal
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>The patient's words: "button my shirt".</summary>
    public string Text { get; set; } = "";

    /// <summary>What the expected level (0) looks like: "buttons a shirt alone in under five minutes".</summary>
    public string ExpectedOutcome { get; set; } = "";
    public int BaselineLevel { get; set; } = -1;
    public DateOnly? TargetDate { get; set; }
    public GoalStatus Status { get; set; }
    public string SetByUserId { get; set; } = "";
    public string SetByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A goal reviewed at a visit: its GAS level (−2…+2) on that day.</summary>
public sealed class GoalReview
{
    public Guid Id { get; set; }
    public Guid GoalId { get; set; }
    public Guid PatientId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public int Level { get; set; }
    public string? Note { get; set; }
    public string ReviewedByName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>Something the patient is trying: a medicine, therapy, device, care routine or supplement.</summary>
public sealed class Intervention
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public InterventionType Type { get; set; }
    public string Name { get; set; } = "";
    public string? Dose { get; set; }
    public string? Provider { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? StoppedOn { get; set; }
    public string? Note { get; set; }

    /// <summary>The ASCO 2020 entry the clinician picked from the coded list (InterventionEvidence.Entries); null = not rated.</summary>
    public string? EvidenceCode { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public DateTime RecordedAt { get; set; }

    /// <summary>When it last changed (recorded, its guideline entry set, stopped); with its ratings, its FHIR meta.lastUpdated.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The patient's (or carer's, or clinician's on their behalf) rating of an intervention: relief and side effects.</summary>
public sealed class InterventionRatingRecord
{
    public Guid Id { get; set; }
    public Guid InterventionId { get; set; }
    public Guid PatientId { get; set; }
    public DateTime RatedAt { get; set; }
    public int Relief { get; set; }
    public int SideEffects { get; set; }
    public string? Note { get; set; }
    public string RatedByName { get; set; } = "";
    public string RatedByRole { get; set; } = "";
}

public enum ReferralService
{
    Physiatry,
    PhysicalTherapy,
    OccupationalTherapy,
    IntegrativeMedicine,
    Neurology,
    Podiatry,
    PainService,
}

public enum ReferralStatus
{
    Proposed,
    Sent,
    Scheduled,
    Done,
    Declined,
}

public sealed class Referral
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public ReferralService Service { get; set; }
    public string Reason { get; set; } = "";
    public ReferralStatus Status { get; set; }
    public DateOnly ProposedOn { get; set; }

    /// <summary>The date of the latest status (sent, appointment, done or declined).</summary>
    public DateOnly? StatusDate { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
