using System.Globalization;

namespace CipnCare.Clinical.Instruments;

/// <summary>
/// Which items are asked (enableWhen) and whether a set of answers can be stored: known items only, the right
/// type, within range, every enabled required item answered. Messages are plain and name the item: a
/// <see cref="RuleMessage"/> (template and values) for a page to translate, or its English for the API.
/// </summary>
public static class ResponseRules
{
    public const int DefaultMaxTextLength = 2000;

    /// <summary>
    /// The items that are asked given these answers. An item whose condition refers to an item that is itself not
    /// asked counts that answer as absent (FHIR R4 Questionnaire enableWhen, enableBehavior all/any).
    /// </summary>
    public static IReadOnlySet<string> Enabled(InstrumentDefinition instrument, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        var memo = new Dictionary<string, bool>();
        var visiting = new HashSet<string>();

        bool IsEnabled(InstrumentItem item)
        {
            if (memo.TryGetValue(item.LinkId, out var known))
            {
                return known;
            }

            if (item.EnableWhen.Count == 0 || !visiting.Add(item.LinkId))
            {
                return memo[item.LinkId] = item.EnableWhen.Count == 0; // a cycle is never enabled
            }

            bool Met(EnableCondition c)
            {
                var source = instrument.Item(c.Question);
                var answer = source is not null && IsEnabled(source) ? answers.GetValueOrDefault(c.Question) : null;
                return Satisfies(answer, c);
            }

            var enabled = item.EnableWhenAll ? item.EnableWhen.All(Met) : item.EnableWhen.Any(Met);
            visiting.Remove(item.LinkId);
            return memo[item.LinkId] = enabled;
        }

        return instrument.Items.Where(IsEnabled).Select(i => i.LinkId).ToHashSet();
    }

    /// <summary>Only the answers to items that are asked: answers left behind on a branch the person left are dropped.</summary>
    public static IReadOnlyDictionary<string, Answer> AskedOnly(InstrumentDefinition instrument, IReadOnlyDictionary<string, Answer> answers)
    {
        var enabled = Enabled(instrument, answers);
        return answers.Where(a => enabled.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value);
    }

    /// <summary>Every problem, keyed by linkId, in plain English words; empty when the answers can be stored.</summary>
    public static IReadOnlyDictionary<string, string> Validate(InstrumentDefinition instrument, IReadOnlyDictionary<string, Answer> answers) =>
        Problems(instrument, answers).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Every problem, keyed by linkId, as a template and its values (a page says it in its own language).</summary>
    public static IReadOnlyDictionary<string, RuleMessage> Problems(InstrumentDefinition instrument, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, RuleMessage>();
        foreach (var (linkId, answer) in answers)
        {
            var item = instrument.Item(linkId);
            if (item is null || !item.IsQuestion)
            {
                errors[linkId] = new("'{0}' is not a question in {1}.", linkId, instrument.Title);
            }
            else if (Check(item, answer) is { } problem)
            {
                errors[linkId] = problem;
            }
        }

        var enabled = Enabled(instrument, answers);
        foreach (var item in instrument.Items.Where(i => i.Required && i.IsQuestion && enabled.Contains(i.LinkId) && !answers.ContainsKey(i.LinkId)))
        {
            errors[item.LinkId] = new("Please answer {0}.", RuleMessage.Quoted(item));
        }

        return errors;
    }

    /// <summary>The item's score for an answer: a choice's ordinal value, a number, yes = 1 / no = 0; otherwise null.</summary>
    public static double? ScoreOf(InstrumentItem item, Answer? answer) => (item, answer) switch
    {
        (_, null) => null,
        ({ Type: ItemType.Choice }, { Code: { } code }) => item.Options.FirstOrDefault(o => o.Code == code)?.Score,
        ({ Type: ItemType.WholeNumber or ItemType.DecimalNumber }, { Number: { } n }) => n,
        ({ Type: ItemType.Boolean }, { Boolean: { } b }) => b ? 1 : 0,
        _ => null,
    };

    private static RuleMessage? Check(InstrumentItem item, Answer answer)
    {
        var name = RuleMessage.Quoted(item);
        switch (item.Type)
        {
            case ItemType.Choice:
                if (answer.Code is null)
                {
                    return new("{0} takes one of the listed answers.", name);
                }

                return item.Options.Any(o => o.Code == answer.Code)
                    ? null
                    : new("'{0}' is not an answer to {1}. Choose one of: {2}.", answer.Code, name, string.Join(", ", item.Options.Select(o => o.Code)));
            case ItemType.WholeNumber or ItemType.DecimalNumber:
                if (answer.Number is not { } n || double.IsNaN(n) || double.IsInfinity(n))
                {
                    return new("{0} takes a number.", name);
                }

                if (item.Type == ItemType.WholeNumber && n != Math.Floor(n))
                {
                    return new("{0} takes a whole number.", name);
                }

                return (item.Min, item.Max) switch
                {
                    ({ } min, { } max) when n < min || n > max => new("{0} must be between {1} and {2}.", name, Show(min), Show(max)),
                    ({ } min, null) when n < min => new("{0} must be at least {1}.", name, Show(min)),
                    (null, { } max) when n > max => new("{0} must be at most {1}.", name, Show(max)),
                    _ => null,
                };
            case ItemType.Boolean:
                return answer.Boolean is null ? new("{0} takes yes or no.", name) : null;
            case ItemType.Date:
                return answer.Date is null ? new("{0} takes a date (yyyy-mm-dd).", name) : null;
            case ItemType.Text:
                var limit = item.MaxLength ?? DefaultMaxTextLength;
                return answer.Text switch
                {
                    null => new("{0} takes text.", name),
                    { Length: var length } when length > limit => new("Please keep {0} to {1} characters or fewer (it has {2}).", name, Show(limit), Show(length)),
                    _ => null,
                };
            case ItemType.Display:
                return new("{0} is not a question.", name);
            default:
                throw new ArgumentOutOfRangeException(nameof(item), item.Type, "Unknown item type.");
        }
    }

    private static bool Satisfies(Answer? answer, EnableCondition c)
    {
        if (c.Operator == EnableOperator.Exists)
        {
            return (answer is not null) == (c.Answer.Boolean ?? true);
        }

        if (answer is null)
        {
            return c.Operator == EnableOperator.NotEqual;
        }

        var order = Compare(answer, c.Answer);
        return c.Operator switch
        {
            EnableOperator.Equal => order == 0,
            EnableOperator.NotEqual => order != 0,
            EnableOperator.Greater => order > 0,
            EnableOperator.Less => order is < 0 and not int.MinValue,
            EnableOperator.GreaterOrEqual => order >= 0,
            EnableOperator.LessOrEqual => order is <= 0 and not int.MinValue,
            EnableOperator.Exists => throw new InvalidOperationException("Handled above."),
        };
    }

    /// <summary>Orders two answers of the same kind; int.MinValue when they cannot be compared.</summary>
    private static int Compare(Answer a, Answer b) => (a, b) switch
    {
        ({ Number: { } x }, { Number: { } y }) => x.CompareTo(y),
        ({ Code: { } x }, { Code: { } y }) => x == y ? 0 : int.MinValue,
        ({ Boolean: { } x }, { Boolean: { } y }) => x == y ? 0 : int.MinValue,
        ({ Date: { } x }, { Date: { } y }) => x.CompareTo(y),
        ({ Text: { } x }, { Text: { } y }) => x == y ? 0 : int.MinValue,
        _ => int.MinValue,
    };

    private static string Show(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
