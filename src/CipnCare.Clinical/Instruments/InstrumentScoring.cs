using System.Globalization;
using CipnCare.Clinical.Grading;

namespace CipnCare.Clinical.Instruments;

/// <summary>
/// One scored value. <see cref="Value"/> is null when too few items were answered, with the reason.
/// <see cref="CtcaeVersion"/> is set on CTCAE-equivalent grades.
/// </summary>
public sealed record ScoreValue(string Code, string Name, double? Value, string? Unit, int Answered, string? CtcaeVersion, IReadOnlyList<string> Reasons);

public sealed record InstrumentScore(string InstrumentUrl, string InstrumentVersion, IReadOnlyList<ScoreValue> Values, string RulesVersion)
{
    public ScoreValue? this[string code] => Values.FirstOrDefault(v => v.Code == code);
}

/// <summary>Scores a response by the instrument's scoring definition. Pure: the same answers always give the same scores.</summary>
public static class InstrumentScoring
{
    public const string Points = "{score}";

    public static InstrumentScore Score(InstrumentDefinition instrument, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var errors = ResponseRules.Validate(instrument, answers);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The answers are not valid: " + string.Join(" ", errors.Values), nameof(answers));
        }

        var asked = ResponseRules.AskedOnly(instrument, answers);
        double? ScoreOf(string linkId) => instrument.Item(linkId) is { } item ? ResponseRules.ScoreOf(item, asked.GetValueOrDefault(linkId)) : null;

        var values = new List<ScoreValue>();
        values.AddRange(instrument.Scoring.Subscales.Select(s => Subscale(s, ScoreOf)));
        values.AddRange(instrument.Scoring.Grades.Select(g => Grade(g, ScoreOf)));
        values.AddRange(instrument.Scoring.Composites.Select(c => Composite(c, ScoreOf)));
        values.AddRange(instrument.Scoring.Derived.Select(d => Derived(d, ScoreOf)));
        return new(instrument.Url, instrument.Version, values, RulesVersion.Current);
    }

    private static ScoreValue Subscale(Subscale s, Func<string, double?> scoreOf)
    {
        var reversed = s.Reversed ?? [];
        var scores = s.Items
            .Select(i => scoreOf(i) is { } v ? reversed.Contains(i) ? s.ItemMin + s.ItemMax - v : v : (double?)null)
            .OfType<double>()
            .ToList();
        if (scores.Count < Math.Max(1, s.MinAnswered))
        {
            return new(s.Code, s.Name, null, null, scores.Count, null,
                [$"{scores.Count} of {s.Items.Count} items answered; at least {Math.Max(1, s.MinAnswered)} needed"]);
        }

        var mean = scores.Average();
        var raw = s.Method == Aggregation.Mean ? mean : mean * s.Items.Count;
        var reasons = new List<string>
        {
            s.Method == Aggregation.Mean
                ? $"mean of {scores.Count} items = {Show(mean)}"
                : scores.Count == s.Items.Count ? $"sum of {scores.Count} items = {Show(raw)}" : $"sum prorated from {scores.Count} of {s.Items.Count} items = {Show(raw)}",
        };
        if (reversed.Count > 0)
        {
            reasons.Add($"reversed: {string.Join(", ", reversed)}");
        }

        if (!s.TransformTo100)
        {
            return new(s.Code, s.Name, Math.Round(raw, 4), Points, scores.Count, null, reasons);
        }

        var transformed = 100 * (mean - s.ItemMin) / (s.ItemMax - s.ItemMin);
        reasons.Add($"linear transform to 0–100: ({Show(mean)} − {Show(s.ItemMin)}) / ({Show(s.ItemMax)} − {Show(s.ItemMin)}) × 100");
        return new(s.Code, s.Name, Math.Round(transformed, 2), Points, scores.Count, null, reasons);
    }

    private static ScoreValue Grade(GradeRule g, Func<string, double?> scoreOf)
    {
        var severities = g.SeverityItems.Select(scoreOf).OfType<double>().ToList();
        var worst = severities.Count == 0 ? 0 : (int)Math.Ceiling(severities.Max());
        var grade = PatientReportedGrade.From(new NeuropathyReport(worst, scoreOf(g.InstrumentalAdlItem) > 0, scoreOf(g.SelfCareAdlItem) > 0), g.Symptoms);
        return new(g.Code, g.Name, grade.Value, null, severities.Count, grade.CtcaeVersion, grade.Reasons);
    }

    private static ScoreValue Composite(CompositeRule c, Func<string, double?> scoreOf)
    {
        int? Item(string? linkId) => linkId is null ? null : scoreOf(linkId) is { } v ? (int)v : null;
        var (f, s, i) = (Item(c.FrequencyItem), Item(c.SeverityItem), Item(c.InterferenceItem));
        var grade = ProCtcaeComposite.Grade(f, s, i, c.FrequencyItem is not null, c.SeverityItem is not null, c.InterferenceItem is not null);
        var answered = new[] { f, s, i }.Count(v => v is not null);
        var parts = new[] { ("frequency", f, c.FrequencyItem), ("severity", s, c.SeverityItem), ("interference", i, c.InterferenceItem) }
            .Where(p => p.Item3 is not null).Select(p => $"{p.Item1} {p.Item2?.ToString(CultureInfo.InvariantCulture) ?? "missing"}");
        return grade is { } value
            ? new(c.Code, c.Name, value, null, answered, null, [$"PRO-CTCAE composite (Basch 2021) from {string.Join(", ", parts)}"])
            : new(c.Code, c.Name, null, null, answered, null, [$"not scored: {string.Join(", ", parts)}"]);
    }

    private static ScoreValue Derived(DerivedValue d, Func<string, double?> scoreOf)
    {
        var scores = d.Items.Select(scoreOf).OfType<double>().ToList();
        double? value = d.Kind switch
        {
            DerivedKind.Value or DerivedKind.Max => scores.Count == 0 ? null : scores.Max(),
            DerivedKind.CountAtLeast => scores.Count == 0 ? null : scores.Count(v => v >= d.AtLeast),
        };
        var reason = d.Kind switch
        {
            DerivedKind.Value => "the answer's score",
            DerivedKind.Max => $"highest of {scores.Count} answered",
            DerivedKind.CountAtLeast => $"items scoring at least {Show(d.AtLeast)}",
        };
        return new(d.Code, d.Name, value, d.Unit, scores.Count, null, value is null ? ["not answered"] : [reason]);
    }

    private static string Show(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
