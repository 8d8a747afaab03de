using System.Globalization;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CipnCare.Web.Tests.Triage;

/// <summary>
/// Free-text triage measured on labelled sentences written the way patients and carers write (issue #12). All corpora
/// were written by helpers who never saw the classifier. The development corpora (corpus-dev to -dev4) were used to
/// write the rules and are the semantic layer's examples; corpus-heldout.tsv never was — it is only scored here, and
/// no change is ever made because of one of its sentences. The figures are in docs/alerts.md.
/// </summary>
public sealed class TriageCorpusTests(ITestOutputHelper output)
{
    /// <summary>Rules and the semantic layer with the shipped examples, as the app runs them (the Spanish corpus tests use it too).</summary>
    internal static readonly Lazy<TextTriage> Triage = new(() => TriageWith(new Dictionary<string, string?>()));

    private static readonly string[] Labels = ["self-harm", "emergency", "fall", "distress", "none"];

    private static readonly string[] Development = ["corpus-dev.tsv", "corpus-dev2.tsv", "corpus-dev3.tsv", "corpus-dev4.tsv"];

    private static TextTriage TriageWith(Dictionary<string, string?> settings) => new(new SemanticTriage(new RememberingEmbedder(),
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLogger<SemanticTriage>.Instance));

    public sealed record Labelled(string Label, string Text);

    public sealed record Figures(int SelfHarm, int SelfHarmFound, int Emergency, int EmergencyFound, int Calm, int CalmFlagged, int NotSelfHarm, int NotSelfHarmFlagged, int NotEmergency, int NotEmergencyFlagged)
    {
        public double SelfHarmSensitivity => (double)SelfHarmFound / SelfHarm;

        public double EmergencySensitivity => (double)EmergencyFound / Emergency;

        /// <summary>Of the sentences that are neither self-harm nor emergency (falls, distress, calm), the share not flagged as either.</summary>
        public double Specificity => 1 - ((double)CalmFlagged / Calm);

        public double SelfHarmSpecificity => 1 - ((double)NotSelfHarmFlagged / NotSelfHarm);

        public double EmergencySpecificity => 1 - ((double)NotEmergencyFlagged / NotEmergency);
    }

    public static IReadOnlyList<Labelled> Corpus(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Triage", name))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Select(p => new Labelled(p[0], p[1])).ToList();

    public static Figures Score(IReadOnlyList<Labelled> corpus, Func<string, TriageResult> assess) =>
        Score(corpus.Select(c => (c.Label, Result: assess(c.Text))).ToList());

    /// <summary>The figures of notes already assessed (label and result each).</summary>
    public static Figures Score(IReadOnlyList<(string Label, TriageResult Result)> results)
    {
        int Count(Func<(string Label, TriageResult Result), bool> where) => results.Count(where);
        return new Figures(
            Count(r => r.Label == "self-harm"), Count(r => r.Label == "self-harm" && r.Result.Has(TriageCategory.SelfHarm)),
            Count(r => r.Label == "emergency"), Count(r => r.Label == "emergency" && r.Result.Has(TriageCategory.Emergency)),
            Count(r => r.Label is "fall" or "distress" or "none"), Count(r => r.Label is "fall" or "distress" or "none" && r.Result.Findings.Any(f => f.Category >= TriageCategory.Emergency)),
            Count(r => r.Label != "self-harm"), Count(r => r.Label != "self-harm" && r.Result.Has(TriageCategory.SelfHarm)),
            Count(r => r.Label != "emergency"), Count(r => r.Label != "emergency" && r.Result.Has(TriageCategory.Emergency)));
    }

    [Fact]
    public void Corpora_AreLargeEnough_KeptApart_AndLabelledWithKnownCategories()
    {
        var (dev, heldOut) = (Development.SelectMany(Corpus).ToList(), Corpus("corpus-heldout.tsv"));
        var all = dev.Concat(heldOut).ToList();
        var examples = SemanticTriage.ReadExemplars(SemanticTriage.ShippedExamples).Select(e => e.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(all.Count >= 300, $"{all.Count} sentences");
        Assert.True(all.Count(c => c.Label is "self-harm" or "emergency" or "fall") >= 120);
        Assert.All(all, c => Assert.Contains(c.Label, Labels));
        Assert.Empty(dev.Select(d => d.Text).Intersect(heldOut.Select(h => h.Text), StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(heldOut, h => examples.Contains(h.Text));
    }

    /// <summary>
    /// The sensitivity goals. Measured 2026-12-03 after the blind review's fixes: self-harm 72/72, emergencies
    /// 67/67, specificity 120/141 = 0.851 — below the 0.90 goal (it was 0.901 before the semantic layer was allowed to
    /// read sentences the rules set aside, which the review showed hid real emergencies), so specificity is held as a
    /// floor here, not at its goal.
    /// </summary>
    [Fact]
    public void HeldOut_SelfHarmAndEmergencies_AreFound_WithSensitivityOfAtLeast98Percent()
    {
        var figures = Score(Corpus("corpus-heldout.tsv"), Triage.Value.Assess);
        Report("held-out, rules + semantic", figures);

        Assert.True(figures.SelfHarmSensitivity >= 0.98, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencySensitivity >= 0.98, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= 0.85, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm} (goal 0.90, not met)");
    }

    /// <summary>
    /// Cross-validation: each development corpus scored with the semantic layer's examples <em>without</em> that corpus
    /// (the rules were written with all four in view, so this flatters the rules). Measured 2026-12-03:
    /// dev 58/58 and 56/56, specificity 99/114; dev2 107/108 and 50/50, 80/96; dev3 115/115 and 75/75, 105/119;
    /// dev4 167/170 and 36/36, 107/140.
    /// </summary>
    [Theory]
    [InlineData("corpus-dev.tsv", "# Development corpus 1", 0.85)]
    [InlineData("corpus-dev2.tsv", "# Development corpus 2", 0.80)]
    [InlineData("corpus-dev3.tsv", "# Development corpus 3", 0.85)]
    [InlineData("corpus-dev4.tsv", "# Development corpus 4", 0.75)]
    public void DevelopmentCorpus_LeftOutOfTheExamples_IsTriagedAsLabelled(string corpus, string section, double specificityFloor)
    {
        var lines = File.ReadAllLines(SemanticTriage.ShippedExamples);
        var start = Array.IndexOf(lines, section);
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("# ", StringComparison.Ordinal));
        var without = Path.Combine(Path.GetTempPath(), $"cipn-examples-without-{Path.GetFileNameWithoutExtension(corpus)}.tsv");
        File.WriteAllLines(without, lines.Take(start).Concat(end < 0 ? [] : lines.Skip(end)));

        var figures = Score(Corpus(corpus), TriageWith(new() { ["Triage:ExamplesFile"] = without }).Assess);
        Report($"{corpus} left out of the examples", figures);

        Assert.True(start >= 0, section);
        Assert.True(figures.SelfHarmSensitivity >= 0.97, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencySensitivity >= 0.98, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= specificityFloor, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    [Fact]
    public void RulesAlone_StillFindMostRisks_WhenTheModelCannotLoad()
    {
        var figures = Score(Corpus("corpus-heldout.tsv"), FreeTextTriage.Assess);
        Report("held-out, rules alone", figures);

        Assert.True(figures.SelfHarmFound >= 59, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencyFound >= 64, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= 0.95, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    private void Report(string what, Figures f) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: self-harm sensitivity {f.SelfHarmFound}/{f.SelfHarm} = {f.SelfHarmSensitivity:P1}; emergency sensitivity {f.EmergencyFound}/{f.Emergency} = {f.EmergencySensitivity:P1}; specificity (falls, distress, calm not flagged urgent) {f.Calm - f.CalmFlagged}/{f.Calm} = {f.Specificity:P1}; self-harm specificity {f.SelfHarmSpecificity:P1}; emergency specificity {f.EmergencySpecificity:P1}"));
}
