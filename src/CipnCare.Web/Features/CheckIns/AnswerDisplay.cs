using System.Globalization;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>How answers and conditions read on screen, in plain words.</summary>
public static class AnswerDisplay
{
    /// <summary>An answer (as stored text) in words: the option's label, Yes/No, the number or the text.</summary>
    public static string Text(InstrumentItem item, string? value)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrEmpty(value))
        {
            return "Not answered";
        }

        return item.Type switch
        {
            ItemType.Choice => item.Options.FirstOrDefault(o => o.Code == value)?.Display ?? value,
            ItemType.Boolean => value == "true" ? "Yes" : "No",
            ItemType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : value,
            _ => value,
        };
    }

    /// <summary>
    /// When a question is asked only after another answer on the same screen, says so: the form works without
    /// JavaScript, so the question is shown and its answer kept only when the condition holds.
    /// </summary>
    public static string? Condition(InstrumentDefinition instrument, InstrumentItem item)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(item);
        var parts = item.EnableWhen.Select(c =>
        {
            var source = instrument.Item(c.Question);
            var name = source is null ? c.Question : $"“{source.Text}”";
            var value = source is null ? c.Answer.ToString() : Text(source, c.Answer.Boolean is { } b ? (b ? "true" : "false") : c.Answer.ToString());
            return c.Operator switch
            {
                EnableOperator.Exists => $"you answered {name}",
                EnableOperator.Equal => $"your answer to {name} is {value}",
                EnableOperator.NotEqual => $"your answer to {name} is not {value}",
                EnableOperator.Greater => $"your answer to {name} is more than {value}",
                EnableOperator.Less => $"your answer to {name} is less than {value}",
                EnableOperator.GreaterOrEqual => $"your answer to {name} is {value} or more",
                EnableOperator.LessOrEqual => $"your answer to {name} is {value} or less",
            };
        }).ToList();
        return parts.Count == 0 ? null : $"Answer this only if {string.Join(item.EnableWhenAll ? " and " : " or ", parts)}.";
    }
}
