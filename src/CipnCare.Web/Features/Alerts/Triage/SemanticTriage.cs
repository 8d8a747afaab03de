using System.Collections.Concurrent;
using System.Globalization;
using CipnCare.Clinical.Alerts;

namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>One curated exemplar: what it stands for (null = calm) and its text.</summary>
public sealed record Exemplar(TriageCategory? Category, string Text);

/// <summary>The exemplar nearest a sentence and how close it is (cosine similarity, −1 to 1).</summary>
public sealed record Nearest(Exemplar Exemplar, double Similarity);

/// <summary>
/// The semantic layer of free-text triage (issue #12), for what the rules cannot reach: each sentence of a note is
/// embedded and compared with curated exemplars (Features/Alerts/Triage/exemplars.tsv, our own words). A sentence is
/// raised when its nearest exemplar is a self-harm or emergency one and the similarity reaches that category's
/// threshold; calm exemplars (idioms, denials, the past) win ties. It only adds findings, never removes
/// one, and it does not re-raise a sentence the rules understood as calm (negated, resolved, hypothetical). Loaded once;
/// if it cannot load, the rule layer works alone and <c>/health/ready</c> reports the degradation.
/// </summary>
public sealed partial class SemanticTriage(ISentenceEmbedder embedder, IConfiguration configuration, ILogger<SemanticTriage> logger)
{
    /// <summary>Chosen on the development corpus: above every calm sentence there (docs/alerts.md).</summary>
    public const double DefaultSelfHarmThreshold = 0.60;

    /// <summary>Falls sit close to emergencies in meaning, so the bar is higher (docs/alerts.md).</summary>
    public const double DefaultEmergencyThreshold = 0.65;

    /// <summary>Exemplar vectors by embedder type: computed once per process, shared by every host.</summary>
    private static readonly ConcurrentDictionary<Type, Lazy<(Exemplar[] Exemplars, float[][] Vectors)>> Loaded = new();

    public double SelfHarmThreshold { get; } = configuration.GetValue("Triage:SelfHarmThreshold", DefaultSelfHarmThreshold);

    public double EmergencyThreshold { get; } = configuration.GetValue("Triage:EmergencyThreshold", DefaultEmergencyThreshold);

    public bool Enabled { get; } = configuration.GetValue("Triage:Semantic", true);

    /// <summary>Why the layer is not working, or null when it is (or is turned off on purpose).</summary>
    public string? Problem { get; private set; }

    /// <summary>Loads the model and the exemplars (the first call in a process takes a few seconds). False when it cannot load.</summary>
    public bool EnsureLoaded()
    {
        if (!Enabled)
        {
            return false;
        }

        try
        {
            _ = Model();
            Problem = null;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Problem = $"semantic triage unavailable ({e.GetType().Name}); the rule layer works alone";
            LogUnavailable(logger, e.GetType().Name, e.Message);
            return false;
        }
    }

    /// <summary>The exemplar nearest each sentence.</summary>
    public IReadOnlyList<Nearest> NearestTo(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0 || !EnsureLoaded())
        {
            return [];
        }

        var (exemplars, vectors) = Model();
        return embedder.Embed(sentences).Select(v =>
        {
            var (best, similarity) = (0, double.MinValue);
            for (var i = 0; i < vectors.Length; i++)
            {
                var s = Dot(v, vectors[i]);
                if (s > similarity || (s == similarity && exemplars[i].Category is null))
                {
                    (best, similarity) = (i, s);
                }
            }

            return new Nearest(exemplars[best], similarity);
        }).ToList();
    }

    /// <summary>Findings for the sentences the rules left without a self-harm or emergency finding, nor set aside as calm.</summary>
    public IReadOnlyList<TriageFinding> Assess(TriageResult rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var settled = rules.Findings.Where(f => f.Category >= TriageCategory.Emergency).Select(f => f.Sentence)
            .Concat(rules.SetAside.Where(a => a.Finding.Category >= TriageCategory.Emergency).Select(a => a.Finding.Sentence)).ToHashSet();
        var open = Enumerable.Range(0, rules.Sentences.Count).Where(i => !settled.Contains(i)).ToList();
        return NearestTo(open.Select(i => rules.Sentences[i].Written).ToList()).Zip(open)
            .Where(x => x.First.Similarity >= x.First.Exemplar.Category switch
            {
                TriageCategory.SelfHarm => SelfHarmThreshold,
                TriageCategory.Emergency => EmergencyThreshold,
                _ => double.PositiveInfinity,
            })
            .Select(x => new TriageFinding(x.First.Exemplar.Category!.Value, x.First.Exemplar.Category == TriageCategory.SelfHarm ? "self-harm (meaning)" : "emergency (meaning)",
                rules.Sentences[x.Second].Written, x.Second, TriageFinding.Semantic))
            .ToList();
    }

    private (Exemplar[] Exemplars, float[][] Vectors) Model() =>
        Loaded.GetOrAdd(embedder.GetType(), _ => new(() =>
        {
            var exemplars = ReadExemplars(Path.Combine(AppContext.BaseDirectory, "Features", "Alerts", "Triage", "exemplars.tsv"));
            return (exemplars, embedder.Embed(exemplars.Select(e => e.Text).ToList()));
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static Exemplar[] ReadExemplars(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Select(p => new Exemplar(p[0] switch
        {
            "self-harm" => TriageCategory.SelfHarm,
            "emergency" => TriageCategory.Emergency,
            "calm" => null,
            var other => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Unknown exemplar category '{other}' in {path}")),
        }, p[1])).ToArray();

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Semantic triage could not load ({Error}: {Detail}); free text is triaged by the rules alone")]
    private static partial void LogUnavailable(ILogger logger, string error, string detail);
}
