using System.Globalization;

namespace CipnCare.Clinical.CheckIns;

/// <summary>How the latest check-in compares with the one before it.</summary>
public enum ChangeDirection
{
    /// <summary>No earlier check-in to compare with.</summary>
    FirstReport,
    Worse,
    Better,
    Unchanged,
}

/// <summary>
/// The change between two check-ins. A grade change decides the direction; otherwise the sign of the symptom score
/// change (0–100) does. This describes the numbers only: it claims no minimal clinically important difference (none
/// is published for our check-in; clinical-reference.md §9), so any change is shown as it is.
/// </summary>
public sealed record CheckInChange(
    ChangeDirection Direction,
    double SymptomScoreDelta,
    int SensoryGradeDelta,
    int MotorGradeDelta,
    IReadOnlyList<string> Reasons)
{
    public static CheckInChange Between(CheckInPoint? previous, CheckInPoint latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (previous is null)
        {
            return new(ChangeDirection.FirstReport, 0, 0, 0, ["first check-in"]);
        }

        var score = Math.Round(latest.SymptomScore - previous.SymptomScore, 1, MidpointRounding.AwayFromZero);
        var sensory = latest.SensoryGrade - previous.SensoryGrade;
        var motor = latest.MotorGrade - previous.MotorGrade;
        var reasons = new List<string>();
        if (sensory != 0)
        {
            reasons.Add($"sensory grade {previous.SensoryGrade} → {latest.SensoryGrade}");
        }

        if (motor != 0)
        {
            reasons.Add($"motor grade {previous.MotorGrade} → {latest.MotorGrade}");
        }

        if (score != 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"symptom score {previous.SymptomScore:0.#} → {latest.SymptomScore:0.#}"));
        }

        // Across questionnaire versions a grade can fall because the question changed, not the patient (check-in 1.0.0
        // counted one daily-life limit for both domains, 1.1.0 asks per domain): a grade that rose still says worse, but
        // only the symptom score — the same sixteen items in both — may say better.
        var versionChanged = previous.Version is not null && latest.Version is not null && previous.Version != latest.Version;
        if (versionChanged)
        {
            reasons.Insert(0, $"check-in questions changed (version {previous.Version} → {latest.Version}): a lower grade may come from the new questions");
        }

        var direction = (sensory, motor, score) switch
        {
            _ when sensory > 0 || motor > 0 => ChangeDirection.Worse,
            _ when !versionChanged && (sensory < 0 || motor < 0) => ChangeDirection.Better,
            (_, _, > 0) => ChangeDirection.Worse,
            (_, _, < 0) => ChangeDirection.Better,
            _ => ChangeDirection.Unchanged,
        };

        return new(direction, score, sensory, motor, reasons.Count > 0 ? reasons : ["no change"]);
    }
}

/// <summary>The few numbers of a check-in that a comparison needs: the 0–100 symptom score, the two grades and the questionnaire version.</summary>
public sealed record CheckInPoint(double SymptomScore, int SensoryGrade, int MotorGrade, string? Version = null);
