using CipnCare.Clinical.CheckIns;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>A check-in as the API and pages show it, with its change from the one before.</summary>
public sealed record CheckInView(
    Guid Id,
    Guid PatientId,
    DateTime SubmittedAt,
    string EnteredByName,
    string EnteredByRole,
    IReadOnlyDictionary<string, int> Scores,
    bool LimitsEverydayTasks,
    bool LimitsSelfCare,
    string? Notes,
    int SensoryScore,
    int MotorScore,
    int AutonomicScore,
    int TotalScore,
    int SensoryGrade,
    int MotorGrade,
    string CtcaeVersion,
    string RulesVersion,
    CheckInChange Change)
{
    public static CheckInView From(CheckIn c, CheckIn? previous) => new(
        c.Id, c.PatientId, c.SubmittedAt, c.EnteredByName, c.EnteredByRole, c.Scores(), c.LimitsEverydayTasks, c.LimitsSelfCare, c.Notes,
        c.SensoryScore, c.MotorScore, c.AutonomicScore, c.TotalScore, c.SensoryGrade, c.MotorGrade, c.CtcaeVersion, c.RulesVersion,
        CheckInChange.Between(previous?.Point(), c.Point()));

    /// <summary>Views for a history ordered newest first, each compared with the one before it.</summary>
    public static List<CheckInView> History(IReadOnlyList<CheckIn> newestFirst) =>
        newestFirst.Select((c, i) => From(c, i + 1 < newestFirst.Count ? newestFirst[i + 1] : null)).ToList();
}
