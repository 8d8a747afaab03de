using System.Globalization;
using CipnCare.Clinical.Instruments;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>
/// How answers and conditions read on screen, in plain words and in the page's language (issue #20): a component asks
/// for an <c>IStringLocalizer&lt;AnswerDisplay&gt;</c> and makes one of these with it.
/// </summary>
public sealed class AnswerDisplay(IStringLocalizer<AnswerDisplay> L)
{
    /// <summary>
    /// The topics of <paramref name="instrument"/> in order, each with its items, worded in <paramref name="language"/>.
    /// Topics are grouped by the instrument's own words, so a step's number is the same in every language (a topic with
    /// only some items translated still makes one step).
    /// </summary>
    public static IReadOnlyList<(string Topic, IReadOnlyList<InstrumentItem> Items)> Topics(InstrumentDefinition instrument, string language)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var worded = instrument.In(language);
        return instrument.Topics()
            .Select(t =>
            {
                var items = t.Items.Select(i => worded.Item(i.LinkId) ?? i).ToList();
                return (items[0].Topic, (IReadOnlyList<InstrumentItem>)items);
            })
            .ToList();
    }

    /// <summary>An answer (as stored text) in words: the option's label, Yes/No, the number or the text.</summary>
    public string Text(InstrumentItem item, string? value)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrEmpty(value))
        {
            return L["Not answered"];
        }

        return item.Type switch
        {
            ItemType.Choice => item.Options.FirstOrDefault(o => o.Code == value)?.Display ?? value,
            ItemType.Boolean => value == "true" ? L["Yes"].Value : L["No"].Value,
            ItemType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : value,
            _ => value,
        };
    }

    /// <summary>
    /// When a question is asked only after another answer on the same screen, says so: the form works without
    /// JavaScript, so the question is shown and its answer kept only when the condition holds.
    /// </summary>
    public string? Condition(InstrumentDefinition instrument, InstrumentItem item)
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
                EnableOperator.Exists => L["you answered {0}", name].Value,
                EnableOperator.Equal => L["your answer to {0} is {1}", name, value].Value,
                EnableOperator.NotEqual => L["your answer to {0} is not {1}", name, value].Value,
                EnableOperator.Greater => L["your answer to {0} is more than {1}", name, value].Value,
                EnableOperator.Less => L["your answer to {0} is less than {1}", name, value].Value,
                EnableOperator.GreaterOrEqual => L["your answer to {0} is {1} or more", name, value].Value,
                EnableOperator.LessOrEqual => L["your answer to {0} is {1} or less", name, value].Value,
            };
        }).ToList();
        var joiner = item.EnableWhenAll ? L["{0} and {1}"] : L["{0} or {1}"];
        return parts.Count == 0 ? null : L["Answer this only if {0}.", parts.Aggregate((all, next) => string.Format(CultureInfo.InvariantCulture, joiner, all, next))].Value;
    }
}
