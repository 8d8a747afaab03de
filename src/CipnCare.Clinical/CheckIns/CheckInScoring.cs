using CipnCare.Clinical.Grading;

namespace CipnCare.Clinical.CheckIns;

/// <summary>Scores and grades a foundation check-in. Pure: the same answers always give the same result.</summary>
public static class CheckInScoring
{
    public const int MaxSensoryScore = 24;
    public const int MaxMotorScore = 8;
    public const int MaxAutonomicScore = 4;
    public const int MaxTotalScore = MaxSensoryScore + MaxMotorScore + MaxAutonomicScore;

    public static CheckInScore Score(CheckInAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var errors = answers.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Check-in answers are not valid: " + string.Join(" ", errors.Values), nameof(answers));
        }

        var severityItems = CheckInItems.All.Where(i => !i.IsCount).ToList();
        int Sum(SymptomDomain d) => severityItems.Where(i => i.Domain == d).Sum(i => answers.Score(i.Id));
        int Worst(SymptomDomain d) => severityItems.Where(i => i.Domain == d).Max(i => answers.Score(i.Id));

        var sensory = Sum(SymptomDomain.Sensory);
        var motor = Sum(SymptomDomain.Motor);
        var autonomic = Sum(SymptomDomain.Autonomic);

        // The ADL questions ask about "your symptoms" as a whole, so the limitation applies to each domain
        // that has symptoms; a domain with no symptoms stays grade 0.
        var sensoryGrade = PatientReportedGrade.From(
            new NeuropathyReport(Worst(SymptomDomain.Sensory), answers.LimitsEverydayTasks, answers.LimitsSelfCare), "sensory");
        var motorGrade = PatientReportedGrade.From(
            new NeuropathyReport(Worst(SymptomDomain.Motor), answers.LimitsEverydayTasks, answers.LimitsSelfCare), "motor");

        return new CheckInScore(
            sensory,
            motor,
            autonomic,
            sensory + motor + autonomic,
            answers.Score(CheckInItems.Falls),
            sensoryGrade,
            motorGrade,
            RulesVersion.Current);
    }
}
