using System.Collections.Concurrent;
using System.Globalization;
using CipnCare.Clinical.Alerts;

namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>One labelled example: what it stands for (null = calm: falls, distress, ordinary notes) and its text.</summary>
public sealed record Exemplar(TriageCategory? Category, string Text);

/// <summary>What the nearest examples say about a sentence: the winning category (null = calm) and the closest example of it.</summary>
public sealed record Vote(TriageCategory? Category, Exemplar Closest, double Similarity);

/// <summary>
/// The semantic layer of free-text triage (issue #12), for what the rules cannot reach. Each sentence of a note — and
/// the whole note when it has several — is embedded and compared with a bank of labelled examples
/// (Features/Alerts/Triage/exemplars.tsv: curated sentences in our own words and the development corpora, see its
/// header). The <see cref="Neighbours"/> nearest examples vote, each with its cosine similarity; a sentence is raised
/// when self-harm or emergency wins the vote and its closest example is at least that category's threshold. It only
/// adds findings, never removes one, and it does not re-read a sentence the rules settled (found or set aside as calm).
/// Loaded once per process, from the shipped vectors (<see cref="ExampleVectors"/>) when they match; if it cannot load, the rule layer works alone and <c>/health/ready</c> reports the
/// degradation. English only: the model (all-MiniLM-L6-v2) and the example bank are English, so nothing in Spanish relies
/// on this layer — Spanish notes are triaged by the rule layer's Spanish patterns (<c>TriagePatternsSpanish</c> in
/// CipnCare.Clinical, internal there; docs/alerts.md, "Spanish"). It still reads every note; on the Spanish development
/// corpus it adds few false alarms (SpanishTriageCorpusTests).
/// </summary>
public sealed partial class SemanticTriage(ISentenceEmbedder embedder, IConfiguration configuration, ILogger<SemanticTriage> logger)
{
    /// <summary>Chosen on the third development corpus (validation), never on the held-out one (docs/alerts.md).</summary>
    public const double DefaultSelfHarmThreshold = 0.45;

    /// <summary>Chosen like <see cref="DefaultSelfHarmThreshold"/>.</summary>
    public const double DefaultEmergencyThreshold = 0.45;

    /// <summary>How many nearest examples vote.</summary>
    public const int DefaultNeighbours = 5;

    /// <summary>At most this many sentences of one note are embedded (the rules still read every sentence): one note cannot stall triage.</summary>
    public const int MaxSentences = 24;

    /// <summary>Each text is cut to this many characters before embedding (the model reads about 256 word pieces anyway).</summary>
    public const int MaxCharacters = 600;

    /// <summary>The shipped examples.</summary>
    public static readonly string ShippedExamples = Path.Combine(AppContext.BaseDirectory, "Features", "Alerts", "Triage", "exemplars.tsv");

    /// <summary>Example vectors by embedder type and file: computed once per process, shared by every host.</summary>
    private static readonly ConcurrentDictionary<(Type, string), Lazy<(Exemplar[] Exemplars, float[][] Vectors)>> Loaded = new();

    /// <summary>The labelled examples the layer votes with (<c>Triage:ExamplesFile</c>; the shipped file by default).</summary>
    public string ExamplesFile { get; } = configuration.GetValue("Triage:ExamplesFile", ShippedExamples)!;

    public double SelfHarmThreshold { get; } = configuration.GetValue("Triage:SelfHarmThreshold", DefaultSelfHarmThreshold);

    public double EmergencyThreshold { get; } = configuration.GetValue("Triage:EmergencyThreshold", DefaultEmergencyThreshold);

    public int Neighbours { get; } = configuration.GetValue("Triage:Neighbours", DefaultNeighbours);

    public bool Enabled { get; } = configuration.GetValue("Triage:Semantic", true);

    /// <summary>Why the layer is not working, or null when it is (or is turned off on purpose).</summary>
    public string? Problem { get; private set; }

    /// <summary>Loads the model and the examples (the first call in a process takes a few seconds). False when it cannot load.</summary>
    public bool EnsureLoaded()
    {
        if (!Enabled)
        {
            return false;
        }

        try
        {
            _ = Model();
            return true;
        }
        catch (Exception e)
        {
            Problem = $"semantic triage unavailable ({e.GetType().Name}); the rule layer works alone";
            LogUnavailable(logger, e.GetType().Name, e.Message);
            return false;
        }
    }

    /// <summary>The nearest examples' vote for each text.</summary>
    public IReadOnlyList<Vote> VotesFor(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0 || !EnsureLoaded())
        {
            return [];
        }

        var (exemplars, vectors) = Model();
        float[][] embedded;
        try
        {
            // One text at a time: a batch pads every sentence to the longest, which made one long note cost minutes.
            embedded = texts.Select(t => embedder.Embed([t.Length > MaxCharacters ? t[..MaxCharacters] : t])[0]).ToArray();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The rules have already read the note: a failure here must never lose the check-in.
            Problem = $"semantic triage failed on a note ({e.GetType().Name}); the rule layer works alone";
            LogFailed(logger, e.GetType().Name);
            return [];
        }

        return embedded.Select(v =>
        {
            var nearest = vectors.Select((e, i) => (Index: i, Similarity: Dot(v, e))).OrderByDescending(x => x.Similarity).Take(Neighbours).ToList();
            var winner = nearest.GroupBy(n => exemplars[n.Index].Category).MaxBy(g => g.Sum(n => n.Similarity))!;
            var closest = winner.First();
            return new Vote(winner.Key, exemplars[closest.Index], closest.Similarity);
        }).ToList();
    }

    /// <summary>
    /// Findings for the sentences in which the rules found no self-harm or emergency — including those where the rules
    /// set a match aside as negated, resolved or hypothetical: a rule can be wrong about that ("I can't stop thinking
    /// about suicide"), and the examples hold the calm forms too ("no chest pain this week"). At most
    /// <see cref="MaxSentences"/> sentences, plus the whole note when it has several.
    /// </summary>
    public IReadOnlyList<TriageFinding> Assess(TriageResult rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var found = rules.Findings.Where(f => f.Category >= TriageCategory.Emergency).Select(f => f.Sentence).ToHashSet();
        var open = Enumerable.Range(0, rules.Sentences.Count).Where(i => !found.Contains(i)).Take(MaxSentences).Select(i => (Index: i, rules.Sentences[i].Written)).ToList();
        if (open.Count > 1 && found.Count == 0)
        {
            // The whole note too: a risk is sometimes spread over several short sentences ("done. goodbye").
            open.Add((0, string.Join(". ", open.Select(o => o.Written))));
        }

        return VotesFor(open.Select(o => o.Written).ToList()).Zip(open)
            .Where(x => x.First.Similarity >= x.First.Category switch
            {
                TriageCategory.SelfHarm => SelfHarmThreshold,
                TriageCategory.Emergency => EmergencyThreshold,
                _ => double.PositiveInfinity,
            })
            .Select(x => new TriageFinding(x.First.Category!.Value, x.First.Category == TriageCategory.SelfHarm ? "self-harm (meaning)" : "emergency (meaning)",
                x.Second.Written, x.Second.Index, TriageFinding.Semantic))
            .ToList();
    }

    private (Exemplar[] Exemplars, float[][] Vectors) Model() =>
        Loaded.GetOrAdd((embedder.GetType(), ExamplesFile), _ => new(() =>
        {
            var exemplars = ReadExemplars(ExamplesFile);
            var stored = embedder.ModelId is { } model ? ExampleVectors.TryRead(model, ExamplesFile, exemplars.Length) : null;
            return (exemplars, stored ?? Embed(exemplars));
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The examples' vectors as the model computes them now (one batch), for when no current stored vectors exist.</summary>
    public float[][] Embed(IReadOnlyList<Exemplar> exemplars)
    {
        ArgumentNullException.ThrowIfNull(exemplars);
        return embedder.Embed(exemplars.Select(e => e.Text).ToList());
    }

    /// <summary>Reads <c>label&lt;TAB&gt;text</c> lines; falls, distress and ordinary notes ("fall", "distress", "none", "calm") are all calm.</summary>
    public static Exemplar[] ReadExemplars(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Select(p => new Exemplar(p[0] switch
        {
            "self-harm" => TriageCategory.SelfHarm,
            "emergency" => TriageCategory.Emergency,
            "calm" or "fall" or "distress" or "none" => null,
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Semantic triage failed on a note ({Error}); the rules triaged it alone")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Semantic triage could not load ({Error}: {Detail}); free text is triaged by the rules alone")]
    private static partial void LogUnavailable(ILogger logger, string error, string detail);
}
