using CipnCare.Web.Features.Alerts.Triage;

namespace CipnCare.Web.Tests.Triage;

/// <summary>
/// MiniLM, remembering each text's vector for the whole test run: the cross-validation runs embed nearly the same
/// examples four times, the Spanish corpus tests assess each note twice (figures, then the report), and the model gives
/// a text the same vector whatever else is in the batch. It starts from the shipped examples' stored
/// vectors (which <c>TriageVectorTests</c> keeps equal to the model's), so the examples — the development corpora among
/// them — are not embedded again here (25 s of CPU, issue #14).
/// </summary>
internal sealed class RememberingEmbedder : ISentenceEmbedder
{
    private static readonly MiniLmEmbedder Model = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> Known = Shipped();

    private static System.Collections.Concurrent.ConcurrentDictionary<string, float[]> Shipped()
    {
        var exemplars = SemanticTriage.ReadExemplars(SemanticTriage.ShippedExamples);
        var vectors = ExampleVectors.TryRead(Model.ModelId!, SemanticTriage.ShippedExamples, exemplars.Length)
            ?? throw new InvalidOperationException("The shipped example vectors are stale: TriageVectorTests says how to rebuild them.");
        var known = new System.Collections.Concurrent.ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (exemplar, vector) in exemplars.Zip(vectors))
        {
            known.TryAdd(exemplar.Text, vector);
        }

        return known;
    }

    public float[][] Embed(IReadOnlyList<string> sentences)
    {
        var missing = sentences.Where(s => !Known.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            foreach (var (text, vector) in missing.Zip(Model.Embed(missing)))
            {
                Known[text] = vector;
            }
        }

        return sentences.Select(s => Known[s]).ToArray();
    }
}
