using System.Globalization;
using System.Text;

namespace CipnCare.Clinical.Alerts;

public enum DangerKind
{
    SelfHarm,
    ChestPain,
    CannotWalk,
    Fainted,
    FellAndHurt,
    Breathing,
}

/// <summary>A danger sign found in free text, with the words that matched.</summary>
public sealed record DangerSign(DangerKind Kind, string Matched);

/// <summary>
/// Looks for danger signs in what patients and carers write ("anything else your team should know"): thoughts of
/// self-harm or not wanting to live, chest pain, cannot walk, fainted, fell and hurt, trouble breathing. Phrases are
/// matched word by word, tolerating one typo in longer words ("chets pain", "fainetd"), and a sign is dropped when a
/// negation governs it in the same clause ("no chest pain", "I did not fall", "never fainted") — except in phrases
/// that carry their own negation ("don't want to live"). It errs towards flagging: a missed danger costs more than a
/// needless look. It does not diagnose; it routes the words to a clinician quickly.
/// </summary>
public static class FreeTextTriage
{
    private static readonly string[] Negations =
        ["no", "not", "never", "dont", "didnt", "doesnt", "havent", "hasnt", "wasnt", "isnt", "arent", "without", "denies", "deny", "nor", "cannot", "cant", "wont", "wouldnt"];

    /// <summary>Words that end a clause: a negation before them does not reach past them.</summary>
    private static readonly string[] ClauseBreaks = ["but", "although", "though", "however", "yet", "except"];

    private static readonly (DangerKind Kind, string Phrase)[] Phrases =
    [
        (DangerKind.SelfHarm, "kill myself"),
        (DangerKind.SelfHarm, "killing myself"),
        (DangerKind.SelfHarm, "end my life"),
        (DangerKind.SelfHarm, "end it all"),
        (DangerKind.SelfHarm, "take my own life"),
        (DangerKind.SelfHarm, "suicide"),
        (DangerKind.SelfHarm, "suicidal"),
        (DangerKind.SelfHarm, "harm myself"),
        (DangerKind.SelfHarm, "hurt myself"),
        (DangerKind.SelfHarm, "self harm"),
        (DangerKind.SelfHarm, "dont want to live"),
        (DangerKind.SelfHarm, "do not want to live"),
        (DangerKind.SelfHarm, "no longer want to live"),
        (DangerKind.SelfHarm, "dont want to be here"),
        (DangerKind.SelfHarm, "dont want to wake up"),
        (DangerKind.SelfHarm, "better off dead"),
        (DangerKind.SelfHarm, "better off without me"),
        (DangerKind.SelfHarm, "no reason to live"),
        (DangerKind.SelfHarm, "want to die"),
        (DangerKind.SelfHarm, "wish i was dead"),
        (DangerKind.SelfHarm, "wish i were dead"),
        (DangerKind.ChestPain, "chest pain"),
        (DangerKind.ChestPain, "chest pains"),
        (DangerKind.ChestPain, "pain in my chest"),
        (DangerKind.ChestPain, "chest hurts"),
        (DangerKind.ChestPain, "chest is tight"),
        (DangerKind.ChestPain, "tight chest"),
        (DangerKind.ChestPain, "pressure in my chest"),
        (DangerKind.CannotWalk, "cant walk"),
        (DangerKind.CannotWalk, "cannot walk"),
        (DangerKind.CannotWalk, "can not walk"),
        (DangerKind.CannotWalk, "unable to walk"),
        (DangerKind.CannotWalk, "couldnt walk"),
        (DangerKind.CannotWalk, "could not walk"),
        (DangerKind.CannotWalk, "cant stand"),
        (DangerKind.CannotWalk, "cannot stand"),
        (DangerKind.CannotWalk, "unable to stand"),
        (DangerKind.CannotWalk, "legs gave way"),
        (DangerKind.CannotWalk, "legs gave out"),
        (DangerKind.CannotWalk, "cant feel my legs"),
        (DangerKind.Fainted, "fainted"),
        (DangerKind.Fainted, "fainting"),
        (DangerKind.Fainted, "passed out"),
        (DangerKind.Fainted, "blacked out"),
        (DangerKind.Fainted, "lost consciousness"),
        (DangerKind.Fainted, "collapsed"),
        (DangerKind.FellAndHurt, "fell and hurt"),
        (DangerKind.FellAndHurt, "fell and broke"),
        (DangerKind.FellAndHurt, "fell and hit"),
        (DangerKind.FellAndHurt, "fell and cut"),
        (DangerKind.FellAndHurt, "broke my"),
        (DangerKind.FellAndHurt, "broken wrist"),
        (DangerKind.FellAndHurt, "broken hip"),
        (DangerKind.FellAndHurt, "hit my head"),
        (DangerKind.FellAndHurt, "banged my head"),
        (DangerKind.Breathing, "cant breathe"),
        (DangerKind.Breathing, "cannot breathe"),
        (DangerKind.Breathing, "short of breath"),
        (DangerKind.Breathing, "struggling to breathe"),
        (DangerKind.Breathing, "trouble breathing"),
    ];

    /// <summary>Phrases whose own words include a negation cue: those words never negate the phrase itself.</summary>
    private static readonly IReadOnlyList<(DangerKind Kind, string[] Words, bool SelfNegating)> Patterns =
        Phrases.Select(p => (p.Kind, p.Phrase.Split(' '), p.Phrase.Split(' ').Any(w => Negations.Contains(w)))).ToList();

    public static IReadOnlyList<DangerSign> Assess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var found = new List<DangerSign>();
        foreach (var clause in Clauses(text))
        {
            var words = clause;
            foreach (var (kind, pattern, selfNegating) in Patterns)
            {
                for (var start = 0; start + pattern.Length <= words.Count; start++)
                {
                    if (!Matches(words, start, pattern))
                    {
                        continue;
                    }

                    if (!selfNegating && Negated(words, start))
                    {
                        continue;
                    }

                    if (found.All(f => f.Kind != kind))
                    {
                        found.Add(new DangerSign(kind, string.Join(' ', words.Skip(start).Take(pattern.Length))));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Clauses of lower-case words without apostrophes ("don't" → "dont"), split at punctuation and "but".</summary>
    private static List<List<string>> Clauses(string text)
    {
        var clauses = new List<List<string>> { new() };
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var w = word.ToString();
            word.Clear();
            if (ClauseBreaks.Contains(w))
            {
                clauses.Add([]);
                return;
            }

            clauses[^1].Add(w);
        }

        foreach (var c in text.ToLower(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (c is '\'' or '’')
            {
                // "don't" → "dont"
            }
            else
            {
                EndWord();
                if (c is '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '(' or ')')
                {
                    clauses.Add([]);
                }
            }
        }

        EndWord();
        return clauses.Where(c => c.Count > 0).ToList();
    }

    /// <summary>A negation cue within the three words before the phrase (same clause) negates it.</summary>
    private static bool Negated(List<string> words, int start) =>
        Enumerable.Range(Math.Max(0, start - 3), Math.Min(3, start)).Any(i => Negations.Contains(words[i]));

    private static bool Matches(List<string> words, int start, string[] pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (!Similar(words[start + i], pattern[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equal, or one edit (insert, delete, substitute, swap) apart for words of five letters or more.</summary>
    private static bool Similar(string word, string expected)
    {
        if (word == expected)
        {
            return true;
        }

        if (expected.Length < 5 || Math.Abs(word.Length - expected.Length) > 1)
        {
            return false;
        }

        return Distance(word, expected) <= 1;
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
