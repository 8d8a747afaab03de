namespace CipnCare.Clinical.CheckIns;

/// <summary>
/// What a patient (or someone on their behalf) answered. Scores are keyed by <see cref="CheckInItems"/> ids.
/// </summary>
public sealed record CheckInAnswers(
    IReadOnlyDictionary<string, int> Scores,
    bool LimitsEverydayTasks,
    bool LimitsSelfCare,
    string? Notes)
{
    public const int MaxNotesLength = 2000;

    public int Score(string itemId) => Scores.TryGetValue(itemId, out var value) ? value : 0;

    /// <summary>
    /// Every problem with the answers, keyed by item id, in plain language. Empty when the answers can be stored.
    /// </summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        foreach (var item in CheckInItems.All)
        {
            if (!Scores.TryGetValue(item.Id, out var value))
            {
                errors[item.Id] = $"Please answer \"{item.Question}\".";
            }
            else if (value is < CheckInItems.MinSeverity or > CheckInItems.MaxSeverity)
            {
                errors[item.Id] = $"\"{item.Question}\" must be between {CheckInItems.MinSeverity} and {CheckInItems.MaxSeverity}.";
            }
        }

        foreach (var key in Scores.Keys.Where(k => CheckInItems.All.All(i => i.Id != k)))
        {
            errors[key] = $"\"{key}\" is not a question in this check-in.";
        }

        if (Notes is { Length: > MaxNotesLength })
        {
            errors["notes"] = $"Please keep the note to {MaxNotesLength} characters or fewer (it has {Notes.Length}).";
        }

        return errors;
    }
}
