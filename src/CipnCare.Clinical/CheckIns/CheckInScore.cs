using CipnCare.Clinical.Grading;

namespace CipnCare.Clinical.CheckIns;

/// <summary>
/// The derived values of one check-in. Domain scores are plain sums of the 0–4 severity items
/// (sensory 0–24, motor 0–8 from weakness and balance, autonomic 0–4); falls are a count and are not summed.
/// </summary>
public sealed record CheckInScore(
    int SensoryScore,
    int MotorScore,
    int AutonomicScore,
    int TotalScore,
    int Falls,
    Grade SensoryGrade,
    Grade MotorGrade,
    string RulesVersion);
