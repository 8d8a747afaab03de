using System.Globalization;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CipnCare.Web.Tests.Triage;

/// <summary>
/// Free-text triage measured on labelled sentences written the way patients and carers write (issue #12). All corpora
/// were written by helpers who never saw the classifier; corpus-dev.tsv and corpus-dev2.tsv were used to tune the rules
/// and exemplars, corpus-heldout.tsv never was — it is only scored here. The figures are in docs/alerts.md.
/// The goal is a held-out sensitivity of at least 0.98 for self-harm and for emergencies; it is NOT met yet
/// (docs/alerts.md gives today's figures). Until it is, the held-out tests hold today's figures as floors so that
/// nothing gets worse; raise them as the classifier improves, and never tune on the held-out sentences.
/// </summary>
public sealed class TriageCorpusTests(ITestOutputHelper output)
{
    private static readonly Lazy<TextTriage> Triage = new(() => new TextTriage(new SemanticTriage(new MiniLmEmbedder(),
        new ConfigurationBuilder().Build(), NullLogger<SemanticTriage>.Instance)));

    private static readonly string[] Labels = ["self-harm", "emergency", "fall", "distress", "none"];

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

    public static Figures Score(IReadOnlyList<Labelled> corpus, Func<string, TriageResult> assess)
    {
        var results = corpus.Select(c => (c.Label, Result: assess(c.Text))).ToList();
        int Count(Func<(string Label, TriageResult Result), bool> where) => results.Count(where);
        return new Figures(
            Count(r => r.Label == "self-harm"), Count(r => r.Label == "self-harm" && r.Result.Has(TriageCategory.SelfHarm)),
            Count(r => r.Label == "emergency"), Count(r => r.Label == "emergency" && r.Result.Has(TriageCategory.Emergency)),
            Count(r => r.Label is "fall" or "distress" or "none"), Count(r => r.Label is "fall" or "distress" or "none" && r.Result.Findings.Any(f => f.Category >= TriageCategory.Emergency)),
            Count(r => r.Label != "self-harm"), Count(r => r.Label != "self-harm" && r.Result.Has(TriageCategory.SelfHarm)),
            Count(r => r.Label != "emergency"), Count(r => r.Label != "emergency" && r.Result.Has(TriageCategory.Emergency)));
    }

    [Fact]
    public void Corpora_AreLargeEnough_AndLabelledWithKnownCategories()
    {
        var (dev, heldOut) = (Corpus("corpus-dev.tsv").Concat(Corpus("corpus-dev2.tsv")).ToList(), Corpus("corpus-heldout.tsv"));
        var all = dev.Concat(heldOut).ToList();

        Assert.True(all.Count >= 300, $"{all.Count} sentences");
        Assert.True(all.Count(c => c.Label is "self-harm" or "emergency" or "fall") >= 120);
        Assert.All(all, c => Assert.Contains(c.Label, Labels));
        Assert.Empty(dev.Select(d => d.Text).Intersect(heldOut.Select(h => h.Text), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Measured 2026-12-03: self-harm 64/72, emergencies 64/67, specificity 138/141. Goal (issue #12): 0.98 sensitivity, 0.90 specificity.</summary>
    [Fact]
    public void HeldOut_SelfHarmAndEmergency_AreFound_NoWorseThanToday()
    {
        var figures = Score(Corpus("corpus-heldout.tsv"), Triage.Value.Assess);
        Report("held-out, rules + semantic", figures);

        Assert.True(figures.SelfHarmFound >= 64, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencyFound >= 64, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= 0.90, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    [Fact]
    public void SecondDevelopmentSet_IndirectWordsAreMostlyFound()
    {
        var figures = Score(Corpus("corpus-dev2.tsv"), Triage.Value.Assess);
        Report("development 2, rules + semantic", figures);

        Assert.True(figures.SelfHarmFound >= 100, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencyFound >= 49, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
        Assert.True(figures.Specificity >= 0.90, $"specificity {figures.Calm - figures.CalmFlagged}/{figures.Calm}");
    }

    [Fact]
    public void Development_AllRiskSentencesFound_AndCalmOnesLeftCalm()
    {
        var figures = Score(Corpus("corpus-dev.tsv"), Triage.Value.Assess);
        Report("development, rules + semantic", figures);

        Assert.Equal(figures.SelfHarm, figures.SelfHarmFound);
        Assert.Equal(figures.Emergency, figures.EmergencyFound);
        Assert.Equal(0, figures.CalmFlagged);
    }

    [Fact]
    public void RulesAlone_StillFindAlmostEveryRisk_WhenTheModelCannotLoad()
    {
        var figures = Score(Corpus("corpus-heldout.tsv"), FreeTextTriage.Assess);
        Report("held-out, rules alone", figures);

        Assert.True(figures.SelfHarmFound >= 59, $"self-harm sensitivity {figures.SelfHarmFound}/{figures.SelfHarm}");
        Assert.True(figures.EmergencyFound >= 62, $"emergency sensitivity {figures.EmergencyFound}/{figures.Emergency}");
    }

    private void Report(string what, Figures f) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: self-harm sensitivity {f.SelfHarmFound}/{f.SelfHarm} = {f.SelfHarmSensitivity:P1}; emergency sensitivity {f.EmergencyFound}/{f.Emergency} = {f.EmergencySensitivity:P1}; specificity (falls, distress, calm not flagged urgent) {f.Calm - f.CalmFlagged}/{f.Calm} = {f.Specificity:P1}; self-harm specificity {f.SelfHarmSpecificity:P1}; emergency specificity {f.EmergencySpecificity:P1}"));
}
