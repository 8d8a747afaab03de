using System.Globalization;

namespace CipnCare.Clinical.Instruments;

/// <summary>
/// A problem with an answer as an English template and its values ("Please answer {0}." with the item's words in
/// quotes), so a page can say it in its own language from the same template; <see cref="ToString"/> is the English the
/// API sends.
/// </summary>
public sealed record RuleMessage(string Template, params string[] Values)
{
    /// <summary>The item's words in quotes, as every message names it.</summary>
    public static string Quoted(InstrumentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"\"{item.Text}\"";
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, [.. Values]);
}
