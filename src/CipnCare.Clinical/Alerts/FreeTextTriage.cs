using System.Text.RegularExpressions;

namespace CipnCare.Clinical.Alerts;

/// <summary>What a note says, in order of how fast someone must act on it. Ordered: a higher value is more urgent.</summary>
public enum TriageCategory
{
    /// <summary>Distress without risk: low mood, worry, frustration, "I can't stand this pain".</summary>
    Distress,

    /// <summary>A fall or near-fall without emergency features.</summary>
    Fall,

    /// <summary>A medical emergency: chest pain, fainting, breathing trouble, sudden weakness, head injury, …</summary>
    Emergency,

    /// <summary>Thoughts of self-harm or of not wanting to live, plans, means, "burden" statements — also in a carer's words.</summary>
    SelfHarm,
}

/// <summary>
/// One thing found in a note: its category, the topic ("chest pain"), the words that matched, how it was found, and the
/// index of the sentence it was found in (<see cref="TriageResult.Sentences"/>).
/// </summary>
public sealed record TriageFinding(TriageCategory Category, string Topic, string Matched, int Sentence, string Method = TriageFinding.Rules)
{
    public const string Rules = "rules";
    public const string Semantic = "semantic";
}

/// <summary>
/// The findings, the matches the rules set aside with their reason (negated, resolved, hypothetical, someone else), and
/// the note's sentences: the semantic layer reads the sentences the rules left open, and not those they understood as calm.
/// </summary>
public sealed record TriageResult(IReadOnlyList<TriageFinding> Findings, IReadOnlyList<(TriageFinding Finding, string Reason)> SetAside, IReadOnlyList<TriageSentence> Sentences)
{
    public static TriageResult None { get; } = new([], [], []);

    public bool Has(TriageCategory category) => Findings.Any(f => f.Category == category);

    public TriageCategory? Highest => Findings.Count == 0 ? null : Findings.Max(f => f.Category);
}

/// <summary>
/// The rule layer of free-text triage (issue #12): reads what patients and carers write and finds self-harm language,
/// medical emergencies, falls and distress. Text is normalised first (<see cref="TriageText"/>); each pattern
/// (<see cref="TriagePatterns"/>) is matched clause by clause. A match is set aside when a negation governs it in its
/// own clause ("not suicidal, just tired"; "no point, I want to die" is not negated), and — for emergencies and falls
/// only — when the clause says it is over ("my chest pain is gone now"), hypothetical ("what if I fall") or about
/// someone else ("my neighbour fell"). Self-harm language is never set aside for being past or hypothetical. It errs
/// towards flagging: a missed danger costs more than a needless look. It does not diagnose; it routes words to a
/// clinician quickly. Measured on a labelled corpus: docs/alerts.md.
/// Spanish is read by the same rules (<see cref="TriageSpanish"/>, <see cref="TriagePatternsSpanish"/>): both languages'
/// patterns and cues run on every note, whatever language is stored with it, since people mix them. The semantic layer
/// (in the web project) is English-only; for Spanish the rules are all there is.
/// </summary>
public static class FreeTextTriage
{
    public const string Version = "2026.12";

    /// <summary>Emergency topics that make a fall serious (911): a head injury, a possible broken bone, cannot get up.</summary>
    public static readonly IReadOnlyList<string> SeriousFallTopics = ["head injury", "broken bone", "cannot walk or get up"];

    private static readonly HashSet<string> Negations = ["no", "not", "never", "without", "nor", "neither", "none", "denies", "denied", "deny", "free", .. TriageSpanish.Negations];

    private static readonly HashSet<string> AfterNegations = ["none", "nil", "denied", "negative", .. TriageSpanish.AfterNegations];

    /// <summary>Words that start a new subject or clause: a negation before them does not reach past them.</summary>
    private static readonly HashSet<string> Barriers = ["i", "he", "she", "we", "they", "you", "and", "that", "which", "who", "then", "now", .. TriageSpanish.Barriers];

    private const int NegationWindow = 5;

    /// <summary>
    /// A negation word that does not deny what follows it: "no point", "no one", "can not stop (thinking)", "not a day
    /// goes by without", "not sure". The cue is the first word; the next word decides.
    /// </summary>
    private static readonly HashSet<string> PseudoNegations =
    [
        "no point", "no way", "no one", "no longer", "no doubt", "no matter", "no reason", "no hope", "no future", "no end", "no relief",
        "no help", "no sleep", "not only", "not sure", "not a", "not stop", "not help", "not shake", "not get", "not sleep", "not bear",
        "not take", "not cope", "not face", "not wait", "not believe", "not remember", "not care", "without end", "without stopping",
        "without wanting", "without thinking", "never stops", "never ends", "never been", "never felt", "never had", "never known",
        "never wanted", "never experienced",
    ];

    /// <summary>A comparison ("never … like this before", "more than today") turns "never" into emphasis, not denial.</summary>
    private static readonly Regex Comparison = new(@"\b(?:like this|like that|before|this bad|so bad|more than|worse than|ever)\b", RegexOptions.CultureInvariant);

    // Hypothetical only when the cue governs the words: "if …", "in case", or a fear of something that may happen
    // ("scared of falling", "worried I might fall"); "worried about this chest pain" is real.
    private static readonly Regex Hypothetical = new(
        @"\b(?:if|in case|what if|unless)\b|\b(?:scared|afraid|frightened|terrified|worried|nervous|fear|fearful)(?: of| that)?(?: (?:i|he|she|we|mum|dad))? (?:might|may|could|will|would|am going to|is going to|of)\b(?: \w+){0,3} ?$|\b(?:scared|afraid|frightened|terrified|worried|nervous|fear|fearful) of(?: \w+){0,2} ?$|\b(?:risk|chance|danger) of(?: \w+){0,2} ?$|\b(?:prevent|avoid|try not to|so as not to|reduce the risk of)\b(?: \w+){0,3} ?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex Resolved = new(
        @"\b(?:is|are|has|have|had|was) (?:all |now |completely |totally |since )?(?:gone|settled|resolved|cleared|stopped|eased)(?= *$| now| away| completely| again| since| for good| thankfully| after)|\b(?:settled|resolved|cleared up|went away|gone away|passed off)\b|\b(?:fine|better|ok|all good|sorted|normal) now\b|\bnot happened (?:again|since)\b|\b(?:was|were|got) (?:checked|sorted|investigated|seen to)\b|\bturned out (?:to be|it was|that|fine|ok|nothing)\b|\bjust reflux\b|\bused to (?:have|get|suffer|feel)\b|\banniversary of\b|\blast (?:month|year)\b|\b(?:months|years) ago\b|\b(?:a while|a long time|long) ago\b|\bin the past\b|\bback in\b|\b(?:i|he|she) (?:mentioned|told you about|reported)\b|\b(?:from|in|back in) (?:january|february|march|april|june|july|august|september|october|november|december)\b",
        RegexOptions.CultureInvariant);

    // Someone else: "my neighbour fell", "a man at the bus stop collapsed" — as the subject, with no "I" or "me" after it
    // ("walking the dog and collapsed", "my friend found me on the floor" are the patient).
    private static readonly Regex SomeoneElse = new(
        @"\b(?:my|our|a|his|her|their) (?:\w+ )?(?:neighbours?|friends?|colleagues?|dog|cat|pet|horse|animal|cousin|grandsons?|granddaughters?|grandchild|grandchildren|grandkids|nephew|niece|boss|man|woman|lady|patient)\b(?!.*\b(?:i|me|myself|im)\b)|\b(?:on the tv|on the news|in a film|in the film|in the programme|someone else|another patient|other patients)\b",
        RegexOptions.CultureInvariant);

    private static readonly Regex FirstPerson = new(@"\b(?:i|me|myself|my|im)\b", RegexOptions.CultureInvariant);

    // What undoes "it has passed": it is back, still there, or worse.
    private static readonly Regex StillThere = new(@"\b(?:not (?:gone|settled|stopped|eased|cleared)|worse|(?<!happened )again|back|still|came back|coming back|returned)\b", RegexOptions.CultureInvariant);

    /// <summary>Long past, not merely passed: even stroke signs that came and went are not news when they were years ago.</summary>
    private static readonly Regex LongPast = new(@"\b(?:last year|years ago|(?:a|one|two|three|\d+) years? ago|a long time ago|long ago|when i was|as a (?:child|kid))\b", RegexOptions.CultureInvariant);

    // A blocked bowel: no bowel movement together with vomiting or a swollen belly (both anywhere in the note).
    private static readonly Regex NoBowelMovement = new(
        @"\b(?:no (?:bowel movement|poo|poop|bm|stool)s?|(?:have|has|had|did) not (?:had a (?:poo|poop|bowel movement|bm|number two)|been(?! sick)|gone|pooed|pooped|opened (?:my|his|her) bowels|been to the toilet|passed (?:anything|a stool|wind|gas))|constipat\w*|can not (?:go|poo|poop|pass (?:anything|a stool|stool|wind|gas))|not (?:gone|been) (?:for|in) (?:a|\d+|two|three|four|five|six|seven|several|days))\b",
        RegexOptions.CultureInvariant);

    private static readonly Regex VomitingOrSwollenBelly = new(
        @"\b(?:vomit\w*|throw\w* up|threw up|being sick|been sick|keep being sick|sick (?:all|every)|retch\w*|(?:belly|stomach|tummy|abdomen|gut) (?:is |feels |looks |so |very |really |all |getting )*(?:swollen|hard|distended|bloated|swelling|huge|tight|like a \w+)|(?:swollen|distended|bloated|hard) (?:belly|stomach|tummy|abdomen)|bloated like)\b",
        RegexOptions.CultureInvariant);

    public static TriageResult Assess(string? text)
    {
        var sentences = TriageText.Sentences(text);
        if (sentences.Count == 0)
        {
            return TriageResult.None;
        }

        var found = new List<TriageFinding>();
        var setAside = new List<(TriageFinding, string)>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var clauses = sentences[s].Clauses;
            for (var c = 0; c < clauses.Count; c++)
            {
                var rest = string.Join(" , ", clauses.Skip(c + 1));
                foreach (var pattern in TriagePatterns.All)
                {
                    foreach (Match m in pattern.Regex.Matches(clauses[c]))
                    {
                        var finding = new TriageFinding(pattern.Category, pattern.Topic, m.Value, s);
                        if (SetAsideReason(pattern, clauses[c], rest, m) is { } reason)
                        {
                            setAside.Add((finding, reason));
                        }
                        else if (!found.Any(f => f.Category == finding.Category && f.Topic == finding.Topic))
                        {
                            found.Add(finding);
                        }
                    }
                }
            }
        }

        if ((Affirmed(sentences, NoBowelMovement, selfNegating: true) ?? Affirmed(sentences, TriageSpanish.NoBowelMovement, selfNegating: true)) is { } noBowel
            && (Affirmed(sentences, VomitingOrSwollenBelly, selfNegating: false) ?? Affirmed(sentences, TriageSpanish.VomitingOrSwollenBelly, selfNegating: false)) is { } vomiting)
        {
            found.Add(new TriageFinding(TriageCategory.Emergency, "bowel blockage", $"{noBowel.Words} … {vomiting.Words}", vomiting.Sentence));
        }

        return new TriageResult(found.OrderByDescending(f => f.Category).ToList(), setAside, sentences);
    }

    // rest: the clauses after this one in the same sentence ("had chest pain in march, it was reflux, all fine now").
    private static string? SetAsideReason(TriagePattern pattern, string clause, string rest, Match m)
    {
        if (!pattern.SelfNegating && Negated(clause, m))
        {
            return "negated";
        }

        if (pattern.Category is TriageCategory.SelfHarm)
        {
            return null;
        }

        var before = clause[..m.Index];
        if (Hypothetical.IsMatch(before) || TriageSpanish.Hypothetical.IsMatch(before)
            || (TriageSpanish.If.IsMatch(before) && (TriageSpanish.WhatToDo.IsMatch(clause) || TriageSpanish.WhatToDo.IsMatch(rest))))
        {
            return "hypothetical";
        }

        if ((SomeoneElse.IsMatch(before) || TriageSpanish.SomeoneElse.IsMatch(before)) && !FirstPerson.IsMatch(m.Value) && !TriageSpanish.FirstPerson.IsMatch(m.Value))
        {
            return "someone else";
        }

        bool Any(Regex english, Regex spanish) => english.IsMatch(clause) || english.IsMatch(rest) || spanish.IsMatch(clause) || spanish.IsMatch(rest);
        var over = Any(Resolved, TriageSpanish.Resolved) && !Any(StillThere, TriageSpanish.StillThere);
        return over && (!pattern.StaysUrgent || Any(LongPast, TriageSpanish.LongPast)) ? "resolved or in the past" : null;
    }

    /// <summary>The Spanish "he" before a participle ("no he tenido") is "have", and "que" after "creo", "noto"… carries the negation.</summary>
    private static bool SpanishNotABarrier(string[] before, int i, string next) => before[i] switch
    {
        "he" => TriageSpanish.IsParticiple(next),
        "que" => i > 0 && TriageSpanish.CarryingVerbs.Contains(before[i - 1]),
        _ => false,
    };

    /// <summary>The first match anywhere in the note (not negated, unless the pattern carries its own negation), and its sentence.</summary>
    private static (string Words, int Sentence)? Affirmed(IReadOnlyList<TriageSentence> sentences, Regex regex, bool selfNegating) =>
        sentences.SelectMany((sentence, index) => sentence.Clauses.SelectMany(c => regex.Matches(c).Where(m => selfNegating || !Negated(c, m)))
            .Select(m => ((string Words, int Sentence)?)(m.Value, index))).FirstOrDefault();

    /// <summary>A negation cue among the few words before the match, with no new subject between them, or "none" just after it.</summary>
    private static bool Negated(string clause, Match m)
    {
        var before = clause[..m.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = before.Length - 1; i >= Math.Max(0, before.Length - NegationWindow); i--)
        {
            var next = i + 1 < before.Length ? before[i + 1] : m.Value.Split(' ')[0];
            if (Barriers.Contains(before[i]) && !SpanishNotABarrier(before, i, next))
            {
                break;
            }

            if (Negations.Contains(before[i])
                && !PseudoNegations.Contains($"{before[i]} {next}")
                && !(before[i] == "never" && Comparison.IsMatch(clause))
                && !(before[i] is "nunca" or "jamas" && TriageSpanish.Comparison.IsMatch(clause))
                && !TriageSpanish.NotDenying.IsMatch($"{string.Join(' ', before[i..])} {m.Value}"))
            {
                return true;
            }
        }

        var after = clause[(m.Index + m.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return after.Length > 0 && AfterNegations.Contains(after[0]);
    }
}
