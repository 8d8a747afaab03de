using System.Text.RegularExpressions;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// Readability of plain-language Markdown. English: the Flesch–Kincaid grade level (Kincaid, Fishburne, Rogers, Chissom
/// 1975, Naval Technical Training Command report 8-75): 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// Spanish: the Szigriszt-Pazos perspicuity index read on the INFLESZ scale (Barrio-Cantalejo et al., Atención Primaria
/// 2008;40(6):309–14): 206.835 − 62.3 × syllables per word − words per sentence; 55–65 "normal", 65–80 "bastante
/// fácil", above 80 "muy fácil". Headings and list items count as sentences of their own. English syllables are counted
/// as vowel groups (a silent final "e" dropped), the usual approximation of readability tools; Spanish ones by the
/// spelling rules for diphthongs and hiatus (<see cref="SpanishSyllables"/>).
/// </summary>
public static partial class ReadingLevel
{
    public static double FleschKincaidGrade(string markdown)
    {
        var (sentences, words) = Sentences(markdown, Word());
        if (words.Count == 0)
        {
            return 0;
        }

        var syllables = words.Sum(Syllables);
        return (0.39 * words.Count / sentences) + (11.8 * syllables / words.Count) - 15.59;
    }

    /// <summary>The Szigriszt-Pazos perspicuity index of Spanish Markdown (higher is easier; 65 and above is "bastante fácil").</summary>
    public static double SzigrisztPazos(string markdown)
    {
        var (sentences, words) = Sentences(markdown, SpanishWord());
        if (words.Count == 0)
        {
            return 100;
        }

        var syllables = words.Sum(SpanishSyllables);
        return 206.835 - (62.3 * syllables / words.Count) - ((double)words.Count / sentences);
    }

    private static (int Sentences, List<string> Words) Sentences(string markdown, Regex word)
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
            sentences += Math.Max(1, SentenceEnd().Split(text).Count(word.IsMatch));
            words.AddRange(word.Matches(text).Select(m => m.Value));
        }

        return (sentences, words);
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

    /// <summary>
    /// Syllables of a Spanish word: its vowel groups (a, e, i, o, u, with or without accent, and ü), where two strong
    /// vowels side by side (a, e, o) are two syllables (hiatus: "le-er", "po-e-ta") and so is an accented í or ú beside
    /// a strong vowel ("dí-a", "pa-ís"); two weak vowels stay one ("cui-da-do", "cuí-de-se"). The u of "qu" and "gu"
    /// before e or i is not sounded ("e-qui-po", "hor-mi-gue-o"), and a "y" ending a word after a vowel closes its
    /// diphthong ("muy", "hoy"); elsewhere "y" is a consonant ("a-yu-da").
    /// </summary>
    public static int SpanishSyllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = SilentU().Replace(word.ToLowerInvariant(), "$1");
        var count = 0;
        var previous = '\0';
        foreach (var c in lower)
        {
            if (!IsSpanishVowel(c))
            {
                previous = '\0';
                continue;
            }

            if (previous == '\0' || Hiatus(previous, c))
            {
                count++;
            }

            previous = c;
        }

        return Math.Max(1, count);

        static bool IsSpanishVowel(char c) => "aeiouáéíóúü".Contains(c, StringComparison.Ordinal);
        static bool Strong(char c) => "aeoáéó".Contains(c, StringComparison.Ordinal);
        static bool AccentedWeak(char c) => c is 'í' or 'ú';
        static bool Hiatus(char a, char b) => (Strong(a) && Strong(b)) || (AccentedWeak(a) && Strong(b)) || (Strong(a) && AccentedWeak(b));
    }

    [GeneratedRegex("([qg])u(?=[eiéí])")]
    private static partial Regex SilentU();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex SpanishWord();

    [GeneratedRegex(@"^(#+|-) ")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"[.!?]+(?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[A-Za-z][A-Za-z'-]*")]
    private static partial Regex Word();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
