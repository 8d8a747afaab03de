using CipnCare.Clinical.Instruments;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// The answer rules' messages in the reader's language: each English template <see cref="ResponseRules"/> and
/// <see cref="AnswerInput"/> write is translated in RuleMessageWords.es.resx and said with the message's values (the
/// item's words as the page shows them). A template without a translation is said in English.
/// </summary>
public sealed class RuleMessageWords(IStringLocalizer<RuleMessageWords> words)
{
    public string Say(RuleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return words[message.Template, [.. message.Values]];
    }
}
