using System.Globalization;
using System.Text.RegularExpressions;
using CipnCare.Web.Components.Shared;
using ScottPlot;

namespace CipnCare.Web.Features.Charts;

/// <summary>The dates a set of charts share, so they line up on one time axis (a little room either side).</summary>
public sealed record TimeWindow(DateTime From, DateTime To)
{
    /// <summary>From the earliest to the latest date given, widened by 4 % (at least a day) either side; null without dates.</summary>
    public static TimeWindow? Around(IEnumerable<DateTime> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var list = dates.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var (first, last) = (list.Min(), list.Max());
        var margin = Math.Max(1, (last - first).TotalDays * 0.04);
        return new(first.AddDays(-margin), last.AddDays(margin));
    }
}

/// <summary>
/// What every chart shares: ScottPlot with a date axis along the bottom, the same fixed margins (so charts drawn for the
/// same <see cref="TimeWindow"/> line up one above the other), and SVG that scales to narrow screens. The SVG is hidden
/// from assistive technology: each page gives the same data as a table beside the chart.
/// </summary>
public static partial class ChartCanvas
{
    public const int Width = 800;

    /// <summary>Left margin wide enough for short category labels (intervention names are cut to fit).</summary>
    private static readonly PixelPadding Margins = new(left: 150, right: 80, bottom: 50, top: 16);

    public static Plot TimePlot(TimeWindow? window)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var time = plot.Axes.DateTimeTicksBottom();
        if (time.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = TickLabel;
        }

        if (window is not null)
        {
            plot.Axes.SetLimitsX(window.From.ToOADate(), window.To.ToOADate());
        }

        plot.Layout.Fixed(Margins);
        return plot;
    }

    /// <summary>
    /// "23 Nov 26": the date as the page's tables write it (<see cref="Dates.Birth"/>, so month names follow the page's
    /// language) with a two-digit year, to fit under a tick.
    /// </summary>
    public static string TickLabel(DateTime day)
    {
        var text = Dates.Birth(DateOnly.FromDateTime(day));
        var year = day.Year.ToString("0000", CultureInfo.InvariantCulture);
        return text.EndsWith(year, StringComparison.Ordinal) ? string.Concat(text.AsSpan(0, text.Length - 4), year.AsSpan(2)) : text;
    }

    public static string Svg(Plot plot, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var svg = plot.GetSvgXml(Width, height);
        var body = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        return RootSize().Replace(body, m => string.Create(CultureInfo.InvariantCulture,
            $"<svg{m.Groups["attrs"].Value} viewBox=\"0 0 {Width} {height}\" preserveAspectRatio=\"xMidYMid meet\" aria-hidden=\"true\" focusable=\"false\" class=\"chart\">"), 1);
    }

    [GeneratedRegex("<svg(?<attrs>[^>]*?) width=\"\\d+\" height=\"\\d+\"\\s*>")]
    private static partial Regex RootSize();
}
