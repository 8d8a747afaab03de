using System.Globalization;
using CipnCare.Clinical.Alerts;

namespace CipnCare.Web.Tests.Triage;

/// <summary>
/// Spanish free-text triage measured on labelled sentences (corpus-dev-es.tsv, the same format and labels as
/// corpus-dev.tsv). The semantic layer embeds with an English model, so for Spanish the rule layer is what counts: the
/// goals are asserted on the rules alone. The development corpus was written by the helper who wrote the Spanish rules
/// (first batch before the rules, later batches scored fresh before any change for them: docs/alerts.md), so these
/// figures flatter the rules; a blind held-out Spanish corpus is the fair measure.
/// </summary>
public sealed class SpanishTriageCorpusTests(ITestOutputHelper output)
{
    public const string Development = "corpus-dev-es.tsv";

    /// <summary>
    /// The second Spanish development corpus: indirect and passive self-harm wording (religious phrasing, "sobro", "para
    /// qué sigo", texting spelling, carers' words) and its hard negatives. Written before the rules were changed for it
    /// and scored first against the unchanged rules (docs/alerts.md); then used to tune, so it flatters them too.
    /// </summary>
    public const string Development2 = "corpus-dev2-es.tsv";

    private static readonly string[] Labels = ["self-harm", "emergency", "fall", "distress", "none"];

    private static readonly string[] EnglishCorpora = ["corpus-dev.tsv", "corpus-dev2.tsv", "corpus-dev3.tsv", "corpus-dev4.tsv", "corpus-heldout.tsv"];

    [Fact]
    public void DevelopmentCorpus_IsLargeEnough_LabelledWithKnownCategories_AndNotACopyOfTheEnglish()
    {
        var spanish = TriageCorpusTests.Corpus(Development);
        var english = EnglishCorpora.SelectMany(TriageCorpusTests.Corpus).Select(e => e.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(spanish.Count >= 150, $"{spanish.Count} sentences");
        Assert.All(Labels, label => Assert.True(spanish.Count(s => s.Label == label) >= 20, $"{label}: {spanish.Count(s => s.Label == label)}"));
        Assert.All(spanish, s => Assert.Contains(s.Label, Labels));
        Assert.Equal(spanish.Count, spanish.Select(s => s.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(spanish, s => english.Contains(s.Text));
    }

    /// <summary>
    /// The English bar, on the rules alone: self-harm and emergency sensitivity at least 0.98 and specificity at least
    /// 0.95 (the rules-alone floor of the English held-out test). Measured 2026-12-05: self-harm 170/170, emergencies
    /// 164/164, specificity 255/261 = 97.7 %; precision in docs/alerts.md.
    /// </summary>
    [Fact]
    public void DevelopmentCorpus_RulesAlone_FindSelfHarmAndEmergencies_AsTheEnglishDo()
    {
        var corpus = TriageCorpusTests.Corpus(Development);
        var results = corpus.Select(c => (c.Label, Result: FreeTextTriage.Assess(c.Text), c.Text)).ToList();
        var scored = results.Select(r => (r.Label, r.Result)).ToList();
        var figures = TriageCorpusTests.Score(scored);
        Report("Spanish dev, rules alone", figures, scored);
        foreach (var (label, result, text) in results.Where(r => Missed(r.Label, r.Result) || FalseAlarm(r.Label, r.Result)))
        {
            output.WriteLine($"{label}\t{string.Join("; ", result.Findings.Select(f => $"{f.Category}:{f.Topic}[{f.Matched}]"))}\t{text}");
        }

        Assert.True(figures.SelfHarmSensitivity >= 0.98, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencySensitivity >= 0.98, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= 0.95, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    [Fact]
    public void DevelopmentCorpus2_IsLargeEnough_AndKeptApartFromTheOtherCorpora()
    {
        var second = TriageCorpusTests.Corpus(Development2);
        var others = EnglishCorpora.Append(Development).SelectMany(TriageCorpusTests.Corpus).Select(e => e.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(second.Count >= 200, $"{second.Count} sentences");
        Assert.True(second.Count(s => s.Label == "self-harm") >= 100, $"self-harm: {second.Count(s => s.Label == "self-harm")}");
        Assert.True(second.Count(s => s.Label is "distress" or "none") >= 80, $"distress and none: {second.Count(s => s.Label is "distress" or "none")}");
        Assert.All(second, s => Assert.Contains(s.Label, Labels));
        Assert.Equal(second.Count, second.Select(s => s.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(second, s => others.Contains(s.Text));
    }

    /// <summary>
    /// The same bar on the second corpus, rules alone: self-harm sensitivity at least 0.98, specificity at least 0.95.
    /// Scored before any rule was changed for it (2026-12-06): self-harm 72/129 = 55.8 %, specificity 105/111 = 94.6 %;
    /// after tuning on it: 129/129 and 111/111 (corpus-dev-es.tsv unchanged at 170/170 and 255/261).
    /// </summary>
    [Fact]
    public void DevelopmentCorpus2_RulesAlone_FindIndirectSelfHarm_WithoutFalseAlarms()
    {
        var corpus = TriageCorpusTests.Corpus(Development2);
        var results = corpus.Select(c => (c.Label, Result: FreeTextTriage.Assess(c.Text), c.Text)).ToList();
        var scored = results.Select(r => (r.Label, r.Result)).ToList();
        var figures = TriageCorpusTests.Score(scored);
        Report("Spanish dev 2, rules alone", figures, scored);
        foreach (var (label, result, text) in results.Where(r => Missed(r.Label, r.Result) || FalseAlarm(r.Label, r.Result)))
        {
            output.WriteLine($"{label}\t{string.Join("; ", result.Findings.Select(f => $"{f.Category}:{f.Topic}[{f.Matched}]"))}\t{text}");
        }

        foreach (var (_, _, text) in results.Where(r => r.Label == "distress" && !r.Result.Has(TriageCategory.Distress)))
        {
            output.WriteLine($"distress not found\t{text}");
        }

        Assert.True(figures.SelfHarmSensitivity >= 0.98, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.Specificity >= 0.95, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    /// <summary>
    /// What the English-only semantic layer does to Spanish notes, as the app runs it (rules + semantic). It only adds
    /// findings, so sensitivity cannot fall; what it adds to Spanish is mostly false alarms. Measured 2026-12-05:
    /// specificity 255/261 with the rules alone, 240/261 = 92.0 % with the semantic layer (15 calm notes raised as
    /// self-harm: "nunca me he desmayado", "me muero de la risa con mi nieto", "espero no morirme pronto"…); read alone,
    /// without the rules, it found 10 of the 170 self-harm notes and 1 of the 164 emergencies. Held as a floor, so that
    /// a change which makes it noisier on Spanish shows.
    /// </summary>
    [Fact]
    public void DevelopmentCorpus_WithTheEnglishSemanticLayer_KeepsItsSensitivity_AndItsFalseAlarmsAreHeld()
    {
        var triage = TriageCorpusTests.Triage.Value;
        var corpus = TriageCorpusTests.Corpus(Development);
        var results = corpus.Select(c => (c.Label, Result: triage.Assess(c.Text))).ToList();
        var figures = TriageCorpusTests.Score(results);
        Report("Spanish dev, rules + semantic", figures, results);

        Assert.True(figures.SelfHarmSensitivity >= 0.98, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencySensitivity >= 0.98, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= 0.90, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    /// <summary>
    /// The fair measure: corpus-heldout-es.tsv was written blind by someone who never saw the rules or the development
    /// corpus, and the rules were never tuned on it. Its figures are what a Spanish-writing patient can expect; the
    /// floors below are the first measurement (docs/alerts.md), held so a change that loses ground shows, and below
    /// the English goal of 0.98 — the gap is written down, not hidden.
    /// </summary>
    [Fact]
    public void HeldOutCorpus_IsTriaged_AndItsFiguresAreHeld()
    {
        var triage = TriageCorpusTests.Triage.Value;
        var heldOut = TriageCorpusTests.Corpus(HeldOut);
        var development = TriageCorpusTests.Corpus(Development).Select(d => d.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var (byRules, byApp) = (heldOut.Select(c => (c.Label, FreeTextTriage.Assess(c.Text))).ToList(), heldOut.Select(c => (c.Label, triage.Assess(c.Text))).ToList());
        var (rules, app) = (TriageCorpusTests.Score(byRules), TriageCorpusTests.Score(byApp));
        Report("Spanish held-out, rules alone", rules, byRules);
        Report("Spanish held-out, rules + semantic (as the app runs)", app, byApp);

        Assert.True(heldOut.Count >= 240, $"{heldOut.Count} sentences");
        Assert.DoesNotContain(heldOut, h => development.Contains(h.Text));
        Assert.True(app.SelfHarmFound >= SelfHarmFloor, $"self-harm sensitivity {app.SelfHarmFound}/{app.SelfHarm}");
        Assert.True(app.EmergencyFound >= EmergencyFloor, $"emergency sensitivity {app.EmergencyFound}/{app.Emergency}");
        Assert.True(app.Specificity >= 0.85, $"specificity {app.Calm - app.CalmFlagged}/{app.Calm}");
    }

    public const string HeldOut = "corpus-heldout-es.tsv";

    private const int SelfHarmFloor = 40, EmergencyFloor = 50; // the first measurement, 2026-12-05: 40/63 and 50/52

    private static TriageCategory? Category(string label) => label switch
    {
        "self-harm" => TriageCategory.SelfHarm,
        "emergency" => TriageCategory.Emergency,
        "fall" => TriageCategory.Fall,
        "distress" => TriageCategory.Distress,
        _ => null,
    };

    private static bool Missed(string label, TriageResult result) => label is "self-harm" or "emergency" && !result.Has(Category(label)!.Value);

    private static bool FalseAlarm(string label, TriageResult result) =>
        result.Findings.Any(f => f.Category >= TriageCategory.Emergency && (Category(label) is not { } c || f.Category > c));

    /// <summary>
    /// Per category: sensitivity (sentences so labelled that were found in that category) and precision (of the
    /// sentences found in a category, those labelled that category or a more urgent one: a self-harm note that also
    /// names an emergency is no false emergency alarm).
    /// </summary>
    private void Report(string what, TriageCorpusTests.Figures figures, IReadOnlyList<(string Label, TriageResult Result)> results)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}; emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}; specificity (falls, distress, calm not flagged urgent) {figures.Calm - figures.CalmFlagged}/{figures.Calm} = {figures.Specificity:P1}"));
        foreach (var label in Labels.Take(4))
        {
            var category = Category(label)!.Value;
            var labelled = results.Count(r => r.Label == label);
            var found = results.Count(r => r.Label == label && r.Result.Has(category));
            var flagged = results.Where(r => r.Result.Has(category)).ToList();
            var right = flagged.Count(r => Category(r.Label) is { } c && c >= category);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label}: sensitivity {found}/{labelled} = {(double)found / labelled:P1}; precision {right}/{flagged.Count} = {(flagged.Count == 0 ? 1 : (double)right / flagged.Count):P1}"));
        }
    }
}
