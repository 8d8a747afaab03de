using System.Globalization;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Instruments;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>
/// A check-in (a response to any version of the CIPN Care check-in) as the pages and the patient list show it: its
/// 0–100 scores, patient-reported grades, falls, the note, and its change from the check-in before.
/// </summary>
public sealed record CheckInSummary(
    Guid ResponseId,
    Guid PatientId,
    DateTime At,
    string Version,
    string EnteredByName,
    string EnteredByRole,
    double? SensorySubscale,
    double? MotorSubscale,
    double? AutonomicSubscale,
    double? SymptomScore,
    int SensoryGrade,
    int MotorGrade,
    int? Falls,
    bool? FallInjury,
    string? Notes,
    string CtcaeVersion,
    CheckInChange Change)
{
    /// <summary>What the patient was told to do after sending it (the safety net's next step).</summary>
    public CipnCare.Clinical.Alerts.PatientNextStep NextStep { get; init; }

    public const string SensoryCode = "sensory-subscale";
    public const string MotorCode = "motor-subscale";
    public const string AutonomicCode = "autonomic-subscale";
    public const string SymptomScoreCode = "symptom-score";
    public const string SensoryGradeCode = "pro-sensory-grade";
    public const string MotorGradeCode = "pro-motor-grade";
    public const string FallsCode = "falls-count";
    public const string FallInjuryCode = "fall-with-injury";

    /// <summary>The codes a comparison needs.</summary>
    public static readonly string[] ChangeCodes = [SymptomScoreCode, SensoryGradeCode, MotorGradeCode];

    public static CheckInPoint Point(Func<string, double?> score, string? version = null) =>
        new(score(SymptomScoreCode) ?? 0, (int)(score(SensoryGradeCode) ?? 0), (int)(score(MotorGradeCode) ?? 0), version);

    /// <summary>Summaries for responses ordered newest first, each compared with the one before it.</summary>
    public static List<CheckInSummary> History(IReadOnlyList<ResponseView> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        return newestFirst.Select((r, i) => From(r, i + 1 < newestFirst.Count ? newestFirst[i + 1] : null)).ToList();
    }

    public static CheckInSummary From(ResponseView response, ResponseView? previous)
    {
        ArgumentNullException.ThrowIfNull(response);
        double? Score(string code) => response.Score(code)?.Value;
        var change = CheckInChange.Between(previous is null ? null : Point(c => previous.Score(c)?.Value, previous.Version), Point(Score, response.Version));
        return new(
            response.Id, response.PatientId, response.AuthoredAt, response.Version, response.EnteredByName, response.EnteredByRole,
            Score(SensoryCode), Score(MotorCode), Score(AutonomicCode), Score(SymptomScoreCode),
            (int)(Score(SensoryGradeCode) ?? 0), (int)(Score(MotorGradeCode) ?? 0),
            Score(FallsCode) is { } falls ? (int)falls : null,
            Score(FallInjuryCode) is { } hurt ? hurt > 0 : null,
            response.Answers.GetValueOrDefault("notes"),
            response.Score(SensoryGradeCode)?.CtcaeVersion ?? "",
            change)
        {
            NextStep = response.NextStep,
        };
    }

    /// <summary>A 0–100 score for display: "37.5", or "–" when too few items were answered.</summary>
    public static string Show(double? score) => score is { } s ? s.ToString("0.#", CultureInfo.InvariantCulture) : "–";
}
