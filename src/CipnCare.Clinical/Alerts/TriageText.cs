using System.Globalization;
using System.Text;

namespace CipnCare.Clinical.Alerts;

/// <summary>One sentence of a note: as the person wrote it (what the semantic layer reads and the clinician sees), and its clauses in canonical words.</summary>
public sealed record TriageSentence(string Written, IReadOnlyList<string> Clauses);

/// <summary>
/// Turns what people type into canonical words the triage patterns read: lower case, apostrophes dropped ("don't" →
/// "do not"), contractions and texting forms expanded ("wanna" → "want to", "u" → "you", "kms" → "kill myself"),
/// "my self" joined, and common misspellings of the words that matter corrected ("brething" → "breathing",
/// "faintd" → "fainted"). Notes are cut into sentences (. ! ? and new lines) and sentences into clauses (commas,
/// semicolons, dashes and words such as "but"), so that a negation reaches only its own clause. Spanish is read the
/// same way (<see cref="TriageSpanish"/>): accents folded (á → a, ñ → n, ü → u), "¿" and "¡" dropped, "38,5" kept as one
/// number, clauses cut at "pero", "aunque", "sin embargo"…, texting forms and misspellings expanded ("q" → "que",
/// "kiero" → "quiero", "cabesa" → "cabeza").
/// </summary>
public static class TriageText
{
    /// <summary>Words that end a clause: a negation before them does not reach past them.</summary>
    private static readonly HashSet<string> ClauseWords =
        ["but", "although", "though", "however", "yet", "except", "because", "then", "whereas", "while", "whilst", .. TriageSpanish.ClauseWords];

    /// <summary>Contractions, texting forms and fixed misspellings, each to its canonical words.</summary>
    private static readonly Dictionary<string, string> Expansions = new(StringComparer.Ordinal)
    {
        ["dont"] = "do not",
        ["dnt"] = "do not",
        ["doesnt"] = "does not",
        ["didnt"] = "did not",
        ["didn"] = "did not",
        ["cant"] = "can not",
        ["cannot"] = "can not",
        ["cnt"] = "can not",
        ["carnt"] = "can not",
        ["couldnt"] = "could not",
        ["wont"] = "will not",
        ["wouldnt"] = "would not",
        ["shouldnt"] = "should not",
        ["isnt"] = "is not",
        ["arent"] = "are not",
        ["wasnt"] = "was not",
        ["werent"] = "were not",
        ["havent"] = "have not",
        ["hasnt"] = "has not",
        ["hadnt"] = "had not",
        ["aint"] = "am not",
        ["im"] = "i am",
        ["ive"] = "i have",
        ["id"] = "i would",
        ["itd"] = "it would",
        ["hes"] = "he is",
        ["shes"] = "she is",
        ["theyd"] = "they would",
        ["theyre"] = "they are",
        ["theyll"] = "they will",
        ["youd"] = "you would",
        ["thats"] = "that is",
        ["whats"] = "what is",
        ["wats"] = "what is",
        ["wot"] = "what",
        ["wat"] = "what",
        ["its"] = "it is",
        ["u"] = "you",
        ["ur"] = "your",
        ["r"] = "are",
        // Not "ya" → "you": in Spanish "ya" is "already" / "any more" ("ya no quiero vivir").
        ["wanna"] = "want to",
        ["wana"] = "want to",
        ["wanted2"] = "wanted to",
        ["want2"] = "want to",
        ["gonna"] = "going to",
        ["gotta"] = "got to",
        ["dunno"] = "do not know",
        ["idk"] = "i do not know",
        ["idc"] = "i do not care",
        ["tbh"] = "",
        ["tbf"] = "",
        ["lol"] = "",
        ["fr"] = "",
        ["rn"] = "right now",
        ["kms"] = "kill myself",
        ["kil"] = "kill",
        ["wnat"] = "want",
        ["dnot"] = "do not",
        ["pont"] = "point",
        ["anymor"] = "any more",
        ["anymoer"] = "any more",
        ["kiling"] = "killing",
        ["shant"] = "shall not",
        ["dieing"] = "dying",
        ["wnt"] = "want",
        ["myslef"] = "myself",
        ["overdoes"] = "overdose",
        ["bc"] = "because",
        ["cuz"] = "because",
        ["cos"] = "because",
        ["coz"] = "because",
        ["tho"] = "though",
        ["thru"] = "through",
        ["nite"] = "night",
        ["alot"] = "a lot",
        ["n"] = "and",
        ["anymore"] = "any more",
        ["every1"] = "everyone",
        ["some1"] = "someone",
        ["no1"] = "no one",
        ["noone"] = "no one",
        ["nobody"] = "no one",
        ["ded"] = "dead",
        ["pils"] = "pills",
        ["tabs"] = "tablets",
        ["meds"] = "medication",
        ["medicine"] = "medication",
        ["medications"] = "medication",
        ["suicidle"] = "suicidal",
        ["sucidal"] = "suicidal",
        ["suicde"] = "suicide",
        ["sucide"] = "suicide",
        ["suiside"] = "suicide",
        ["suisidal"] = "suicidal",
        ["mom"] = "mum",
        ["mam"] = "mum",
        ["mummy"] = "mum",
        ["mother"] = "mum",
        ["father"] = "dad",
        ["daddy"] = "dad",
        ["brethe"] = "breathe",
        ["breth"] = "breath",
        ["cheast"] = "chest",
        ["chesst"] = "chest",
        ["cest"] = "chest",
        ["okay"] = "ok",
        ["neighbor"] = "neighbour",
        ["stomache"] = "stomach",
    };

    /// <summary>The words that matter, which a misspelling one edit away (two for long words) is corrected to.</summary>
    private static readonly string[] Vocabulary =
    [
        "suicide", "suicidal", "breath", "breathe", "breathing", "breathless", "chest", "fainted", "fainting", "unconscious",
        "seizure", "seizures", "vomiting", "vomited", "swollen", "confused", "stockpiled", "stockpiling", "tablets",
        "disappear", "disappeared", "myself", "himself", "herself", "anymore", "everyone", "pointless", "hopeless", "collapsed",
    ];

    /// <summary>Real words close to a vocabulary word that must stay themselves ("painted" is not "fainted").</summary>
    private static readonly HashSet<string> Protected =
    [
        "angle", "angles", "grasping", "cheat", "chert", "cheats", "backed", "painted", "painting", "tainted", "fainter", "faint", "chess", "crest", "chests", "chase", "breadth",
        "breather", "towel", "vowel", "bowel", "bowls", "passes", "passer", "blocked", "blacken", "blackest",
        "pressures", "alike", "olive", "giving", "loving", "diving", "moving", "leaving", "broke", "broker", "flood",
        "bloody", "wrists", "ankles", "confuse", "confuses", "swelled", "sweeping", "seeping", "burdens", "tablet",
        "boarding", "hoarse", "itself", "growing", "glowing", "blowing", "showing", "knowing", "rowing", "vomit",
        "vomits", "dripped", "gripped", "ripped", "clipped", "flipped", "skipped", "stripped", "whipped", "shipped",
        "chipped", "snipped", "tipped", "zipped", "dipped", "tumbled", "mumbled", "fumbled", "grumbled", "rumbled",
        "humbled", "crumbled", "breeding", "feeding", "needing", "reading", "heading", "leading", "seeding",
        "speeding", "weeding", "pleading", "wreathing",
    ];

    /// <summary>The note's sentences (. ! ? … and new lines), each as written and as clauses of canonical words.</summary>
    public static IReadOnlyList<TriageSentence> Sentences(string? text)
    {
        var sentences = new List<TriageSentence>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return sentences;
        }

        var (start, clauses, words, word) = (0, new List<string>(), new List<string>(), new StringBuilder());
        void EndSentence(int end)
        {
            EndClause();
            if (clauses.Count > 0)
            {
                sentences.Add(new TriageSentence(text[start..end].Trim(), [.. clauses]));
                clauses.Clear();
            }

            start = end + 1;
        }

        void EndClause()
        {
            EndWord();
            if (words.Count > 0)
            {
                clauses.Add(string.Join(' ', Canonical(words)));
                words.Clear();
            }
        }

        void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var w = Folded(word.ToString().Normalize(NormalizationForm.FormKC));
            word.Clear();
            if (ClauseWords.Contains(w) || (TriageSpanish.Expansions.TryGetValue(w, out var spanish) && ClauseWords.Contains(spanish)))
            {
                if (w == "embargo" && words.Count > 0 && words[^1] == "sin")
                {
                    words.RemoveAt(words.Count - 1); // "sin embargo" is "however", not a negation
                }

                if (words.Count == 0 && clauses.Count == 0 && TriageSpanish.WhyAtTheStart.Contains(w))
                {
                    words.AddRange(["por", "que"]); // "xq sigo viva?": at the start of a sentence it asks why ("por qué")
                    return;
                }

                EndClause();
                return;
            }

            words.Add(w);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            if (c is 'º' or 'ª')
            {
                EndWord(); // "38º": a degree written with the ordinal sign, which is a letter
            }
            else if (char.IsLetterOrDigit(c) || (c is '.' or ',' && word.Length > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                word.Append(c == ',' ? '.' : c); // "38.5" and the Spanish "38,5" stay one number
            }
            else if (word.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(c); // an accent typed as a combining mark belongs to its letter (folded away below)
            }
            else if (c is '\'' or '’' or '‘' or '`' or '´')
            {
                // "don't" → "dont"
            }
            else if (c == '-' && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                EndWord(); // "self-harm" → "self harm"
            }
            else if (c is '.' or '!' or '?' or '\n' or '…')
            {
                EndSentence(i);
            }
            else if (c is ',' or ';' or ':' or '(' or ')' or '-' or '–' or '—' or '/')
            {
                EndClause();
            }
            else if (c == '&')
            {
                EndWord();
                words.Add("and");
            }
            else
            {
                EndWord();
            }
        }

        EndSentence(text.Length);
        return sentences;
    }

    private static List<string> Canonical(List<string> raw)
    {
        var result = new List<string>(raw.Count + 4);
        for (var i = 0; i < raw.Count; i++)
        {
            var w = raw[i];
            // "my self" → "myself"; "wont to" (a misspelt "want to") stays a wish, not a refusal.
            if (i + 1 < raw.Count && raw[i + 1] == "self" && w is "my" or "him" or "her" or "them" or "your")
            {
                result.Add(w + "self");
                i++;
                continue;
            }

            if (w == "wont" && i + 1 < raw.Count && raw[i + 1] == "to")
            {
                result.Add("want");
                continue;
            }

            if (w is "dye" or "dei" && result.Count > 0 && result[^1] == "to")
            {
                result.Add("die");
                continue;
            }

            if (Expansions.TryGetValue(w, out var expanded) || TriageSpanish.Expansions.TryGetValue(w, out expanded))
            {
                if (expanded.Length > 0)
                {
                    result.AddRange(expanded.Split(' '));
                }

                continue;
            }

            result.Add(Corrected(w));
        }

        return result;
    }

    /// <summary>Accents folded: "está" → "esta", "daño" → "dano", "pingüino" → "pinguino"; ASCII words are returned as they are.</summary>
    private static string Folded(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }

        var folded = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Corrected(string word)
    {
        if (word.Length < 5 || Protected.Contains(word) || Vocabulary.Contains(word))
        {
            return word;
        }

        foreach (var v in Vocabulary)
        {
            const int allowed = 1; // one edit: two turned "breaking" into "breathing"
            if (Math.Abs(v.Length - word.Length) <= allowed && Distance(word, v) <= allowed)
            {
                return v;
            }
        }

        return word;
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
