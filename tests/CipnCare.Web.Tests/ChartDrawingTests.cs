using System.Text.RegularExpressions;
using CipnCare.Web.Features.Charts;
using CipnCare.Web.Features.Exposure;

namespace CipnCare.Web.Tests;

/// <summary>Charts draw what their captions say (issue #14): dashed and dotted lines are dashed and dotted in the SVG, and equal sensory and motor grades both show.</summary>
public sealed partial class ChartDrawingTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The "d" of each path drawn in the colour, as a stroke or as filled dash segments.</summary>
    private static List<(string Kind, string Width, string D)> Paths(string svg, string color) =>
        PathRegex().Matches(svg).Select(m => m.Value)
            .Where(p => p.Contains($"stroke=\"{color}\"", StringComparison.Ordinal) || p.Contains($"fill=\"{color}\"", StringComparison.Ordinal))
            .Select(p => (p.Contains("fill=\"none\"", StringComparison.Ordinal) ? "stroke" : "fill", Attribute(p, "stroke-width"), Attribute(p, "d"))).ToList();

    private static string Attribute(string element, string name) => Regex.Match(element, $" {name}=\"([^\"]*)\"").Groups[1].Value;

    /// <summary>How many separate pieces (subpaths) a path has: a dashed line drawn as dashes has many.</summary>
    private static int Pieces(string d) => d.Count(c => c == 'M');

    [Fact]
    public void EqualSensoryAndMotorGrades_BothShow_WideUnderNarrow()
    {
        var svg = SymptomExposureChart.Svg([new(Start, 1, 1), new(Start.AddDays(14), 2, 2)], []);

        var sensory = Paths(svg, "#00008B").First(p => p.Kind == "stroke");
        var motor = Paths(svg, "#FF8C00").First(p => p.Kind == "stroke");
        Assert.Equal(sensory.D, motor.D); // the same line…
        Assert.Equal(("7", "2.5"), (sensory.Width, motor.Width)); // …drawn wide, then narrow on top
        Assert.True(svg.IndexOf(sensory.D, StringComparison.Ordinal) < svg.LastIndexOf(motor.D, StringComparison.Ordinal));
    }

    [Fact]
    public void CumulativeDose_IsDashed_AndTheThreshold_IsDotted()
    {
        var oxaliplatin = new AgentTimelineView("oxaliplatin", "Oxaliplatin", "mg/m²", 850, [new(Start, 85, 10, "low"), new(Start.AddDays(14), 170, 20, "low"), new(Start.AddDays(28), 255, 30, "low")]);

        var svg = SymptomExposureChart.Svg([new(Start, 1, 0)], [oxaliplatin]);

        Assert.Contains(Paths(svg, "#2CA02C"), p => p.Kind == "fill" && Pieces(p.D) > 10); // dash segments, not one solid stroke
        Assert.DoesNotContain(Paths(svg, "#2CA02C"), p => p.Kind == "stroke");
        Assert.Contains(Paths(svg, "gray"), p => p.Kind == "fill" && Pieces(p.D) > 20); // the 100 % line, dotted
    }

    [Fact]
    public void ProgressScores_SensoryAndMotorAreDashed_AutonomicDotted_TotalSolid()
    {
        var svg = ProgressCharts.Scores([new(Start, 10, 20, 30, 40), new(Start.AddDays(28), 20, 30, 40, 50)], null);

        Assert.Contains(Paths(svg, "#00008B"), p => p.Kind == "fill" && Pieces(p.D) > 10);
        Assert.Contains(Paths(svg, "#FF8C00"), p => p.Kind == "fill" && Pieces(p.D) > 10);
        Assert.Contains(Paths(svg, "#006400"), p => p.Kind == "fill" && Pieces(p.D) > Pieces(Paths(svg, "#00008B").First(q => q.Kind == "fill").D)); // dots: more, shorter pieces
        Assert.Contains(Paths(svg, "black"), p => p.Kind == "stroke" && p.Width == "3" && Pieces(p.D) == 1);
    }

    [GeneratedRegex("<path [^>]*>")]
    private static partial Regex PathRegex();
}
