namespace CipnCare.Web.Features.CheckIns;

/// <summary>
/// A check-in stored by the foundation's fixed form, before the instrument engine. No longer written: at start-up
/// each one is copied, once, into a response to the retired check-in version 0.1.0 (<see cref="LegacyCheckIns"/>),
/// with the same id, so nothing recorded then is lost. The table is kept as it was.
/// </summary>
public sealed class CheckIn
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public string EnteredByUserId { get; set; } = "";
    public string EnteredByName { get; set; } = "";
    public string EnteredByRole { get; set; } = "";
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
