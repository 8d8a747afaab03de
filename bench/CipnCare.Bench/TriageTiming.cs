using System.Diagnostics;
using System.Globalization;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CipnCare.Bench;

/// <summary>
/// How long free-text triage takes per note (bench/triage.sh, docs/benchmarks.md): the first note (loading the model
/// and embedding the example bank), then every note of the given corpora, for the rules alone and for rules + semantic.
/// </summary>
public static class TriageTiming
{
    public static int Run(IReadOnlyList<string> corpora)
    {
        var notes = corpora.SelectMany(File.ReadAllLines).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[1]).ToList();
        var triage = new TextTriage(new SemanticTriage(new MiniLmEmbedder(), new ConfigurationBuilder().Build(), NullLogger<SemanticTriage>.Instance));

        var cold = Stopwatch.StartNew();
        triage.Assess("warming up: is the model there?");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first note (model and {SemanticTriage.ReadExemplars(SemanticTriage.ShippedExamples).Length} examples loaded): {cold.Elapsed.TotalMilliseconds:F0} ms"));

        Report("rules alone", notes, n => FreeTextTriage.Assess(n));
        Report("rules + semantic", notes, n => triage.Assess(n));
        return 0;
    }

    private static void Report(string what, List<string> notes, Action<string> assess)
    {
        var times = new List<double>(notes.Count);
        foreach (var note in notes)
        {
            var watch = Stopwatch.StartNew();
            assess(note);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double At(double q) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {notes.Count} notes, p50 {At(0.50):F2} ms, p95 {At(0.95):F2} ms, max {times[^1]:F2} ms"));
    }
}
