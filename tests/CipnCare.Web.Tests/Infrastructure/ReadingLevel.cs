using System.Text.RegularExpressions;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// The Flesch–Kincaid grade level of plain-language Markdown (Kincaid, Fishburne, Rogers, Chissom 1975, Naval
/// Technical Training Command report 8-75): 0.39 × words per sentence + 11.8 × syllables per word − 15.59. Headings and
/// list items count as sentences of their own; syllables are counted as vowel groups (a silent final "e" dropped), the
/// usual approximation of readability tools.
/// </summary>
public static partial class ReadingLevel
{
    public static double FleschKincaidGrade(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                current = null;
            }
            else if (line.StartsWith('#') || line.StartsWith("- ", StringComparison.Ordinal))
            {
                current = [BlockStart().Replace(line, "")];
                blocks.Add(current);
            }
            else if (current is null)
            {
                current = [line];
                blocks.Add(current);
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        var sentences = 0;
        var words = new List<string>();
        foreach (var text in blocks.Select(b => string.Join(' ', b)))
        {
            sentences += Math.Max(1, SentenceEnd().Split(text).Count(s => Word().IsMatch(s)));
            words.AddRange(Word().Matches(text).Select(m => m.Value));
        }

        if (words.Count == 0)
        {
            return 0;
        }

        var syllables = words.Sum(Syllables);
        return (0.39 * words.Count / sentences) + (11.8 * syllables / words.Count) - 15.59;
    }

    public static int Syllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = word.ToLowerInvariant();
        var groups = VowelGroup().Count(lower);
        if (lower.EndsWith('e') && !lower.EndsWith("le", StringComparison.Ordinal) && groups > 1)
        {
            groups--;
        }

        return Math.Max(1, groups);
    }

    [GeneratedRegex(@"^(#+|-) ")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"[.!?]+(?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[A-Za-z][A-Za-z'-]*")]
    private static partial Regex Word();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
