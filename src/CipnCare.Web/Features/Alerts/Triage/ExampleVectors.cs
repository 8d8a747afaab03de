using System.Security.Cryptography;
using System.Text;

namespace CipnCare.Web.Features.Alerts.Triage;

/// <summary>
/// The examples' vectors, computed once and shipped beside them (<c>exemplars.vectors</c>), so an instance does not
/// embed 1,285 examples at every start (measured 2026-12-03 on the 2-core machine: ready in 3 s with them, 11 s without). The file names
/// the model and the SHA-256 of the examples file it was computed from; when either differs it is ignored and the
/// vectors are computed as before. <c>TriageVectorTests</c> fails when the shipped file is stale; rebuild it with
/// <c>dotnet run --project src/CipnCare.Web -- triage-vectors --to src/CipnCare.Web/Features/Alerts/Triage/exemplars.vectors</c>.
/// </summary>
public static class ExampleVectors
{
    private static readonly byte[] Magic = "CIPNVEC1"u8.ToArray();

    /// <summary>Where the vectors of an examples file are kept: beside it.</summary>
    public static string PathFor(string examplesFile) => Path.ChangeExtension(examplesFile, ".vectors");

    /// <summary>What the vectors were computed from: the model and the examples file's exact bytes.</summary>
    public static byte[] Fingerprint(string modelId, string examplesFile)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(modelId + "\n"));
        sha.AppendData(File.ReadAllBytes(examplesFile));
        return sha.GetHashAndReset();
    }

    /// <summary>The stored vectors when they were computed by <paramref name="modelId"/> from this exact file, with <paramref name="count"/> rows; otherwise null.</summary>
    public static float[][]? TryRead(string modelId, string examplesFile, int count)
    {
        var path = PathFor(examplesFile);
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)
            || !reader.ReadBytes(32).AsSpan().SequenceEqual(Fingerprint(modelId, examplesFile))
            || reader.ReadInt32() != count)
        {
            return null;
        }

        var dimensions = reader.ReadInt32();
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                vectors[i][d] = reader.ReadSingle();
            }
        }

        return vectors;
    }

    public static void Write(string path, string modelId, string examplesFile, float[][] vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(Fingerprint(modelId, examplesFile));
        writer.Write(vectors.Length);
        writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
        foreach (var value in vectors.SelectMany(v => v))
        {
            writer.Write(value);
        }
    }
}
