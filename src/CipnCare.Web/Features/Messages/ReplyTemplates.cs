namespace CipnCare.Web.Features.Messages;

/// <summary>A reply a clinician starts from; its text links the guidance page it points to.</summary>
public sealed record ReplyTemplate(string Key, string Title, Func<string, string, string> Text);

/// <summary>
/// Reply templates (issue #19): common answers that link CIPN Care's guidance pages, and a check-in request that links
/// the patient's check-in. The clinician edits the text before sending; nothing is sent without them.
/// </summary>
public static class ReplyTemplates
{
    public static readonly IReadOnlyList<ReplyTemplate> All =
    [
        new("feet", "Looking after numb feet and hands", (name, site) => $"Hello {name},\n\nThank you for your message. Numb feet and hands can be hurt without you feeling it. Our guidance on checking and protecting them every day is here: {site}/guidance/protecting-feet-and-hands\n\nIf a sore is red, hot, swollen or weeping, call us today."),
        new("falls", "Staying safe from falls at home", (name, site) => $"Hello {name},\n\nThank you for telling us. Numb feet make falls more likely; these steps make a home safer: {site}/guidance/home-safety\n\nIf you fall and are hurt, call us today; if you hit your head or cannot get up, call your emergency number."),
        new("cold", "Cold sensitivity after oxaliplatin", (name, site) => $"Hello {name},\n\nWhat you describe is common after oxaliplatin. Our guidance on cold sensitivity: {site}/guidance/cold-sensitivity-oxaliplatin"),
        new("when-to-call", "When to call the team", (name, site) => $"Hello {name},\n\nHere is when to call us rather than write, and when to call your emergency number: {site}/guidance/when-to-call"),
        new("check-in", "Ask for a check-in now", (name, site) => $"Hello {name},\n\nSo we can see how your symptoms are now, please fill in a check-in today (about five minutes). Sign in to CIPN Care and choose \"Start a check-in\" on your page."),
    ];

    public static ReplyTemplate? Find(string? key) => All.FirstOrDefault(t => t.Key == key);

    /// <summary>
    /// A paragraph of a message as text and links: only this site's guidance pages (<paramref name="site"/>/guidance/…)
    /// become links, so what someone pastes never turns into a link to elsewhere. A trailing full stop or comma stays text.
    /// </summary>
    public static IEnumerable<(string Text, string? Href)> Parts(string paragraph, string site)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var guidance = $"{site.TrimEnd('/')}/guidance/";
        var start = 0;
        for (var at = paragraph.IndexOf(guidance, StringComparison.Ordinal); at >= 0; at = paragraph.IndexOf(guidance, start, StringComparison.Ordinal))
        {
            var end = at;
            while (end < paragraph.Length && !char.IsWhiteSpace(paragraph[end]))
            {
                end++;
            }

            while (end > at + guidance.Length && paragraph[end - 1] is '.' or ',' or ')' or ';' or ':')
            {
                end--;
            }

            yield return (paragraph[start..at], null);
            yield return (paragraph[at..end], paragraph[at..end]);
            start = end;
        }

        yield return (paragraph[start..], null);
    }
}
