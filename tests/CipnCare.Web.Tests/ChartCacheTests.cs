using System.Globalization;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Charts;
using CipnCare.Web.Features.Exposure;

namespace CipnCare.Web.Tests;

/// <summary>Issue #17: a chart is drawn once for the same patient, data and language, and drawn again when any of them changes.</summary>
public sealed class ChartCacheTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Patient = Guid.NewGuid();
    private readonly ChartCache _charts = new();

    private static List<ScorePoint> Scores(double lastSensory) => [new(Start, 10, 20, 30, 40), new(Start.AddDays(28), lastSensory, 30, 40, 50)];

    private static readonly TimeWindow Window = new(Start.AddDays(-2), Start.AddDays(30));

    private string DrawScores(Guid patient, List<ScorePoint> points, TimeWindow? window, ScoresChartText text) =>
        _charts.Svg(patient, "scores", (points, window, text), static d => ProgressCharts.Scores(d.points, d.window, d.text));

    /// <summary>Each drawing numbers its clip paths afresh (so charts on one page never share an id).</summary>
    private static string WithoutClipIds(string svg) => Regex.Replace(svg, "cl_[0-9a-f]+", "cl");

    public void Dispose() => _charts.Dispose();

    [Fact]
    public void TheSameData_IsDrawnOnce()
    {
        var first = DrawScores(Patient, Scores(20), Window, new());
        var second = DrawScores(Patient, Scores(20), Window, new()); // equal values in new lists: found by content

        Assert.Equal(1, _charts.Draws);
        Assert.Same(first, second);
    }

    [Fact]
    public void AnyChangeInWhatIsDrawn_DrawsItAgain()
    {
        var first = DrawScores(Patient, Scores(20), Window, new());

        var otherPoint = DrawScores(Patient, Scores(21), Window, new()); // one value deep in the list
        var otherWindow = DrawScores(Patient, Scores(20), Window with { To = Window.To.AddDays(1) }, new());
        var otherWords = DrawScores(Patient, Scores(20), Window, new(Axis: "Puntuación"));
        var otherPatient = DrawScores(Guid.NewGuid(), Scores(20), Window, new());

        Assert.Equal(5, _charts.Draws);
        Assert.Equal(WithoutClipIds(first), WithoutClipIds(otherPatient)); // the same data draws the same chart, but it is kept per patient
        Assert.Equal(4, new[] { first, otherPoint, otherWindow, otherWords }.Distinct().Count());
    }

    [Fact]
    public void NestedRecords_AndOtherCharts_AreKeptApart()
    {
        AgentTimelineView Oxaliplatin(double last) => new("oxaliplatin", "Oxaliplatin", "mg/m²", 850, [new(Start, 85, 10, "low"), new(Start.AddDays(14), last, last / 8.5, "low")]);
        string Draw(string chart, AgentTimelineView agent) =>
            _charts.Svg(Patient, chart, (new List<GradePoint> { new(Start, 1, 0) }, new List<AgentTimelineView> { agent }), static d => SymptomExposureChart.Svg(d.Item1, d.Item2));

        var first = Draw("grades and dose", Oxaliplatin(170));
        Draw("grades and dose", Oxaliplatin(170));
        var moreDose = Draw("grades and dose", Oxaliplatin(255));
        Draw("grades and dose, other page", Oxaliplatin(170));

        Assert.Equal(3, _charts.Draws);
        Assert.NotEqual(first, moreDose);
    }

    [Fact]
    public void AnotherLanguage_DrawsItAgain_WithItsOwnMonthNames()
    {
        var english = DrawScores(Patient, Scores(20), Window, new());
        string spanish;
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");
            spanish = DrawScores(Patient, Scores(20), Window, new());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal(2, _charts.Draws);
        Assert.Matches(@">\s*\d{1,2} Jan 26\s*</text>", english);
        Assert.Matches(@">\s*\d{1,2} ene 26\s*</text>", spanish);
    }
}
