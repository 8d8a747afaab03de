using System.Globalization;
using CipnCare.Web.Features.Exposure;
using ScottPlot;

namespace CipnCare.Web.Features.Charts;

/// <summary>A patient-reported grade at one check-in.</summary>
public sealed record GradePoint(DateTime At, int SensoryGrade, int MotorGrade);

/// <summary>
/// The words the grades and dose chart draws, in the reader's language; English unless a page passes its own.
/// <paramref name="NoThreshold"/> is a format with the agent's name ({0}); <paramref name="PercentOf"/> one with the
/// agent's name, its threshold and the threshold's unit ({0}, {1}, {2}).
/// </summary>
public sealed record GradesChartText(
    string GradeAxis = "Patient-reported grade (0–3)",
    string DoseAxis = "Cumulative dose, % of risk threshold",
    string Sensory = "Sensory grade (wide line)",
    string Motor = "Motor grade (narrow line)",
    string NoThreshold = "{0} doses (no sourced threshold)",
    string PercentOf = "{0}, % of {1} {2}");

/// <summary>
/// Draws the patient-reported sensory and motor grades (left axis, 0–3) and each agent's cumulative dose as a
/// percent of its sourced risk threshold (right axis) on one time axis, as SVG, with ScottPlot. ScottPlot types stay
/// in this folder. Agents without a sourced threshold are drawn as dose markers on the time axis, not as a percent.
/// The SVG is decorative for assistive technology: the page gives the same data as a table beside it.
/// </summary>
public static class SymptomExposureChart
{
    public const int Height = 360;
    public const float SensoryWidth = 7;
    public const float MotorWidth = 2.5f;

    /// <summary>The chart over <paramref name="window"/>, or over its own data's dates when none is given.</summary>
    public static string Svg(IReadOnlyList<GradePoint> grades, IReadOnlyList<AgentTimelineView> exposure, TimeWindow? window = null, GradesChartText? text = null)
    {
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(exposure);
        text ??= new();
        // One time axis for both: from the earliest check-in or dose to the latest, unless the page gives a shared one.
        window ??= TimeWindow.Around(grades.Select(g => g.At).Concat(exposure.SelectMany(a => a.Points.Select(p => p.At))));
        var plot = ChartCanvas.TimePlot(window);
        plot.Axes.Left.Label.Text = text.GradeAxis;
        plot.Axes.Right.Label.Text = text.DoseAxis;
        plot.Axes.Right.IsVisible = true;

        var ordered = grades.OrderBy(g => g.At).ToList();
        if (ordered.Count > 0)
        {
            var xs = ordered.Select(g => g.At.ToOADate()).ToArray();
            // Equal grades draw one line over the other: sensory goes first, wide, and motor narrow on top, so both show.
            AddGrade(plot, xs, ordered.Select(g => (double)g.SensoryGrade).ToArray(), text.Sensory, Colors.DarkBlue, MarkerShape.FilledCircle, SensoryWidth, 14);
            AddGrade(plot, xs, ordered.Select(g => (double)g.MotorGrade).ToArray(), text.Motor, Colors.DarkOrange, MarkerShape.FilledSquare, MotorWidth, 7);
        }

        var palette = new ScottPlot.Palettes.Category10();
        var maxPercent = 100.0;
        foreach (var (agent, i) in exposure.Select((a, i) => (a, i)))
        {
            var color = palette.GetColor(i + 2);
            var xs = agent.Points.Select(p => p.At.ToOADate()).ToArray();
            if (agent.Threshold is not { } limit)
            {
                var marks = plot.Add.ScatterPoints(xs, xs.Select(_ => 0.0).ToArray(), color);
                marks.MarkerShape = MarkerShape.VerticalBar;
                marks.MarkerSize = 14;
                marks.LegendText = string.Format(CultureInfo.InvariantCulture, text.NoThreshold, agent.Name);
                marks.Axes.YAxis = plot.Axes.Right;
                continue;
            }

            var percents = agent.Points.Select(p => p.PercentOfThreshold ?? 0).ToArray();
            maxPercent = Math.Max(maxPercent, percents.Max());
            var line = plot.Add.Scatter(xs, percents, color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 5;
            line.LegendText = string.Format(CultureInfo.InvariantCulture, text.PercentOf, agent.Name, limit.ToString("0.##", CultureInfo.InvariantCulture), agent.BasisUnit);
            line.Axes.YAxis = plot.Axes.Right;
        }

        var threshold = plot.Add.HorizontalLine(100, 1, Colors.Gray, LinePattern.Dotted);
        threshold.Axes.YAxis = plot.Axes.Right;
        plot.Axes.SetLimitsY(-0.2, 3.4, plot.Axes.Left);
        plot.Axes.SetLimitsY(-(maxPercent * 0.06), maxPercent * 1.13, plot.Axes.Right);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 1, 2, 3], ["0", "1", "2", "3"]);
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartCanvas.Svg(plot, Height);
    }

    private static void AddGrade(Plot plot, double[] xs, double[] ys, string label, Color color, MarkerShape marker, float width, float markerSize)
    {
        var line = plot.Add.Scatter(xs, ys, color);
        line.LineWidth = width;
        line.MarkerSize = markerSize;
        line.MarkerShape = marker;
        line.LegendText = label;
        line.Axes.YAxis = plot.Axes.Left;
    }
}
