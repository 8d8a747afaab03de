namespace CipnCare.Web.Features.CheckIns;

/// <summary>One submitted neuropathy check-in with the scores derived from it at submission time.</summary>
public sealed class CheckIn
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public DateTime SubmittedAt { get; set; }

    /// <summary>Who typed it in: the patient, a caregiver on their behalf, or a clinician (phone, paper).</summary>
    public string EnteredByUserId { get; set; } = "";
    public string EnteredByName { get; set; } = "";
    public string EnteredByRole { get; set; } = "";

    /// <summary>Set by the form or the Idempotency-Key header so a retried submit stores one check-in.</summary>
    public string? SubmissionKey { get; set; }

    public int NumbnessHands { get; set; }
    public int NumbnessFeet { get; set; }
    public int TinglingHands { get; set; }
    public int TinglingFeet { get; set; }
    public int PainHands { get; set; }
    public int PainFeet { get; set; }
    public int Weakness { get; set; }
    public int Balance { get; set; }
    public int Falls { get; set; }
    public int DizzinessOnStanding { get; set; }
    public bool LimitsEverydayTasks { get; set; }
    public bool LimitsSelfCare { get; set; }
    public string? Notes { get; set; }

    public int SensoryScore { get; set; }
    public int MotorScore { get; set; }
    public int AutonomicScore { get; set; }
    public int TotalScore { get; set; }
    public int SensoryGrade { get; set; }
    public int MotorGrade { get; set; }
    public string CtcaeVersion { get; set; } = "";
    public string RulesVersion { get; set; } = "";
}
