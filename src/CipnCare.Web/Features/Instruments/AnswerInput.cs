using System.Globalization;
using System.Text.Json;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// Turns answers as they arrive — JSON values from the API, strings from a form — into typed answers by the item's
/// type. A value that cannot be read is an error naming the item; it is never guessed.
/// </summary>
public static class AnswerInput
{
    public static (Dictionary<string, Answer> Answers, Dictionary<string, string> Errors) FromJson(InstrumentDefinition instrument, IReadOnlyDictionary<string, JsonElement>? values)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var answers = new Dictionary<string, Answer>();
        var errors = new Dictionary<string, RuleMessage>();
        foreach (var (linkId, value) in values ?? new Dictionary<string, JsonElement>())
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue; // not answered
            }

            if (instrument.Item(linkId) is not { } item)
            {
                errors[linkId] = new("'{0}' is not a question in {1}.", linkId, instrument.Title);
                continue;
            }

            var answer = value.ValueKind switch
            {
                JsonValueKind.String => FromText(item, value.GetString()!),
                JsonValueKind.Number when item.Type is ItemType.WholeNumber or ItemType.DecimalNumber => Answer.Of(value.GetDouble()),
                JsonValueKind.Number when item.Type == ItemType.Choice => FromText(item, value.GetRawText()),
                JsonValueKind.True or JsonValueKind.False when item.Type == ItemType.Boolean => Answer.Of(value.GetBoolean()),
                _ => null,
            };
            Put(item, answer, answers, errors);
        }

        return (answers, InEnglish(errors));
    }

    /// <summary>Form values (empty = not answered); each problem in English.</summary>
    public static (Dictionary<string, Answer> Answers, Dictionary<string, string> Errors) FromText(InstrumentDefinition instrument, IEnumerable<KeyValuePair<string, string>> values)
    {
        var (answers, problems) = Read(instrument, values);
        return (answers, InEnglish(problems));
    }

    /// <summary>Form values (empty = not answered); each problem as a template and its values, for a page to say in its language.</summary>
    public static (Dictionary<string, Answer> Answers, Dictionary<string, RuleMessage> Problems) Read(InstrumentDefinition instrument, IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(values);
        var answers = new Dictionary<string, Answer>();
        var errors = new Dictionary<string, RuleMessage>();
        foreach (var (linkId, text) in values)
        {
            if (instrument.Item(linkId) is { IsQuestion: true } item && !string.IsNullOrWhiteSpace(text))
            {
                Put(item, FromText(item, text.Trim()), answers, errors);
            }
        }

        return (answers, errors);
    }

    /// <summary>An answer as text for a form field or a draft (the inverse of reading it).</summary>
    public static string ToText(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Boolean is { } b ? (b ? "true" : "false") : answer.ToString();
    }

    private static Dictionary<string, string> InEnglish(Dictionary<string, RuleMessage> problems) =>
        problems.ToDictionary(p => p.Key, p => p.Value.ToString());

    private static void Put(InstrumentItem item, Answer? answer, Dictionary<string, Answer> answers, Dictionary<string, RuleMessage> errors)
    {
        if (answer is null)
        {
            errors[item.LinkId] = new(item.Type switch
            {
                ItemType.WholeNumber => "{0} takes a whole number.",
                ItemType.DecimalNumber => "{0} takes a number.",
                ItemType.Boolean => "{0} takes yes or no.",
                ItemType.Date => "{0} takes a date (yyyy-mm-dd).",
                _ => "{0} could not be read.",
            }, RuleMessage.Quoted(item));
        }
        else
        {
            answers[item.LinkId] = answer;
        }
    }

    private static Answer? FromText(InstrumentItem item, string text) => item.Type switch
    {
        ItemType.Choice => Answer.Of(text),
        ItemType.WholeNumber => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Answer.Of(n) : null,
        ItemType.DecimalNumber => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? Answer.Of(d) : null,
        ItemType.Boolean => text.ToLowerInvariant() switch
        {
            "true" or "yes" => Answer.Of(true),
            "false" or "no" => Answer.Of(false),
            _ => null,
        },
        ItemType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? Answer.Of(day) : null,
        ItemType.Text => Answer.FreeText(text),
        ItemType.Display => null,
    };
}
