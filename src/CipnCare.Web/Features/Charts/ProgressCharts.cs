using System.Globalization;
using ScottPlot;

namespace CipnCare.Web.Features.Charts;

/// <summary>A check-in's 0–100 scores (null where too few items were answered).</summary>
public sealed record ScorePoint(DateTime At, double? Sensory, double? Motor, double? Autonomic, double? Total);

/// <summary>Falls reported at one check-in.</summary>
public sealed record FallPoint(DateTime At, int Falls, bool Injury);

/// <summary>A goal's Goal Attainment Scaling level over time: the baseline when it was set, then each review.</summary>
public sealed record GoalSeries(string Name, IReadOnlyList<GoalLevel> Levels);

/// <summary>A goal's level at a point of the time axis; <paramref name="Day"/> is the date people read (a review's date, or the day the goal was set on the team's calendar).</summary>
public sealed record GoalLevel(DateTime At, int Level, DateOnly Day);

/// <summary>An intervention from its start to its stop (still going when <see cref="To"/> is null).</summary>
public sealed record InterventionBand(string Name, DateTime From, DateTime? To);

/// <summary>The words the scores chart draws (legend and axis), in the reader's language; English unless a page passes its own.</summary>
public sealed record ScoresChartText(string Total = "Symptom score", string Sensory = "Sensory", string Motor = "Motor", string Autonomic = "Autonomic", string Axis = "Score (0–100, higher = worse)");

/// <summary>The words the falls chart draws, in the reader's language; English unless a page passes its own.</summary>
public sealed record FallsChartText(string Falls = "Falls", string WithInjury = "Falls with an injury", string Axis = "Falls reported");

/// <summary>The words the goals chart draws (goal names are the people's own), in the reader's language; English unless a page passes its own.</summary>
public sealed record GoalsChartText(string Axis = "Goal attainment (GAS)", string Expected = "0 expected");

/// <summary>
/// The progress view's charts, each drawn for the same <see cref="TimeWindow"/> with the same margins so they line up
/// one above the other: symptom scores, falls, goal attainment and interventions as bands. ScottPlot types stay in this
/// folder; each page shows the data as a table too.
/// </summary>
public static class ProgressCharts
{
    public const int ScoresHeight = 320;
    public const int FallsHeight = 220;
    public const int GoalsHeight = 280;
    private const int NameLength = 20;

    public static string Scores(IReadOnlyList<ScorePoint> points, TimeWindow? window, ScoresChartText? text = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        text ??= new();
        var plot = ChartCanvas.TimePlot(window);
        var ordered = points.OrderBy(p => p.At).ToList();
        AddScore(plot, ordered, p => p.Total, text.Total, Colors.Black, MarkerShape.FilledCircle, 3, LinePattern.Solid);
        AddScore(plot, ordered, p => p.Sensory, text.Sensory, Colors.DarkBlue, MarkerShape.FilledSquare, 2, LinePattern.Dashed);
        AddScore(plot, ordered, p => p.Motor, text.Motor, Colors.DarkOrange, MarkerShape.FilledTriangleUp, 2, LinePattern.Dashed);
        AddScore(plot, ordered, p => p.Autonomic, text.Autonomic, Colors.DarkGreen, MarkerShape.FilledDiamond, 2, LinePattern.Dotted);
        plot.Axes.Left.Label.Text = text.Axis;
        plot.Axes.SetLimitsY(-4, 104);
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartCanvas.Svg(plot, ScoresHeight);
    }

    public static string Falls(IReadOnlyList<FallPoint> points, TimeWindow? window, FallsChartText? text = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        text ??= new();
        var plot = ChartCanvas.TimePlot(window);
        var width = window is null ? 2 : Math.Max(1.5, (window.To - window.From).TotalDays * 0.012);
        var most = 1;
        foreach (var (injury, label, color) in new[] { (false, text.Falls, Colors.DarkOrange), (true, text.WithInjury, Colors.DarkRed) })
        {
            var bars = points.Where(p => p.Falls > 0 && p.Injury == injury)
                .Select(p => new Bar { Position = p.At.ToOADate(), Value = p.Falls, Size = width, FillColor = color, LineWidth = 0 })
                .ToList();
            if (bars.Count == 0)
            {
                continue;
            }

            most = Math.Max(most, (int)bars.Max(b => b.Value));
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = label;
        }

        plot.Axes.Left.Label.Text = text.Axis;
        plot.Axes.SetLimitsY(0, most + 0.6);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, most + 1).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, most + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartCanvas.Svg(plot, FallsHeight);
    }

    public static string Goals(IReadOnlyList<GoalSeries> goals, TimeWindow? window, GoalsChartText? text = null)
    {
        ArgumentNullException.ThrowIfNull(goals);
        text ??= new();
        var plot = ChartCanvas.TimePlot(window);
        var palette = new ScottPlot.Palettes.Category10();
        MarkerShape[] markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle];
        foreach (var (goal, i) in goals.Select((g, i) => (g, i)))
        {
            var levels = goal.Levels.OrderBy(l => l.At).ToList();
            if (levels.Count == 0)
            {
                continue;
            }

            // Goals on the same level would hide each other: each is nudged a little up or down.
            var nudge = (i - ((goals.Count - 1) / 2.0)) * 0.06;
            var line = plot.Add.Scatter(levels.Select(l => l.At.ToOADate()).ToArray(), levels.Select(l => l.Level + nudge).ToArray(), palette.GetColor(i));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 3;
            line.MarkerSize = 9;
            line.MarkerShape = markers[i % markers.Length];
            line.LegendText = Short(goal.Name, 40);
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        plot.Axes.Left.Label.Text = text.Axis;
        plot.Axes.SetLimitsY(-2.5, 2.5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([-2, -1, 0, 1, 2], ["−2", "−1", text.Expected, "+1", "+2"]);
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartCanvas.Svg(plot, GoalsHeight);
    }

    /// <summary>
    /// Interventions as horizontal bands from start to stop, named on the left; ongoing ones (solid) run to the end of
    /// the window, stopped ones are paler. The kind of each is in the page's table.
    /// </summary>
    public static string Interventions(IReadOnlyList<InterventionBand> bands, TimeWindow? window, DateTime today)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var plot = ChartCanvas.TimePlot(window);
        var end = window?.To ?? today;
        var color = Colors.SteelBlue;
        var bars = bands.Select((b, i) => new Bar
        {
            Position = i,
            ValueBase = b.From.ToOADate(),
            Value = (b.To ?? end).ToOADate(),
            Size = 0.6,
            FillColor = b.To is null ? color : color.WithAlpha(0.4),
            LineColor = color,
            LineWidth = 1,
        }).ToList();
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars).Horizontal = true;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            bands.Select((_, i) => (double)i).ToArray(),
            bands.Select(b => Short(b.Name, NameLength)).ToArray());
        plot.Axes.SetLimitsY(bands.Count - 0.4, -0.6);
        return ChartCanvas.Svg(plot, InterventionsHeight(bands.Count));
    }

    public static int InterventionsHeight(int count) => 110 + (34 * Math.Max(1, count));

    private static void AddScore(Plot plot, List<ScorePoint> points, Func<ScorePoint, double?> value, string label, Color color, MarkerShape marker, float width, LinePattern pattern)
    {
        var present = points.Where(p => value(p) is not null).ToList();
        if (present.Count == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(present.Select(p => p.At.ToOADate()).ToArray(), present.Select(p => value(p)!.Value).ToArray(), color);
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.MarkerSize = 7;
        line.MarkerShape = marker;
        line.LegendText = label;
    }

    private static string Short(string name, int length) => name.Length <= length ? name : string.Concat(name.AsSpan(0, length - 1), "…");
}
