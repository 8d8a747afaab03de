using Markdig;

namespace CipnCare.Web.Features.Guidance;

public sealed record GuidancePage(string Slug, string Title, string Summary, string Markdown, string Html);

/// <summary>Why a page is suggested to this patient.</summary>
public sealed record GuidanceSuggestion(GuidancePage Page, string Why);

/// <summary>What the suggestions read about the patient.</summary>
public sealed record GuidanceContext(bool FallReported, bool FallRiskRaised, bool Oxaliplatin, bool SensorySymptoms, bool OnTreatment, bool Worse);

/// <summary>
/// The plain-language guidance pages: Markdown files in src/CipnCare.Web/Guidance (our own words, reading level checked
/// by a test), loaded once. Raw HTML in the Markdown is not rendered. General information only, never personal advice.
/// </summary>
public sealed class GuidanceLibrary
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();
    private readonly Dictionary<string, GuidancePage> _pages;

    public GuidanceLibrary(string folder)
    {
        _pages = Directory.EnumerateFiles(folder, "*.md").Select(Load).OrderBy(p => p.Slug, StringComparer.Ordinal).ToDictionary(p => p.Slug);
    }

    public IReadOnlyCollection<GuidancePage> All => _pages.Values;

    public GuidancePage? Find(string slug) => _pages.GetValueOrDefault(slug);

    /// <summary>
    /// Pages shown where they matter: a fall or a raised fall risk → home safety; oxaliplatin during treatment → cold;
    /// numbness or tingling → feet and hands; worse symptoms → how to talk to the team; always when to call and what CIPN is.
    /// </summary>
    public IReadOnlyList<GuidanceSuggestion> Suggest(GuidanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var suggestions = new List<(string Slug, string Why)>();
        if (context.FallReported || context.FallRiskRaised)
        {
            suggestions.Add(("home-safety", context.FallReported ? "You told us about a fall." : "Your last clinic check found a raised risk of falling."));
        }

        if (context.Oxaliplatin && context.OnTreatment)
        {
            suggestions.Add(("cold-sensitivity-oxaliplatin", "You are having oxaliplatin."));
        }

        if (context.SensorySymptoms)
        {
            suggestions.Add(("protecting-feet-and-hands", "You told us about numbness or tingling."));
        }

        if (context.Worse)
        {
            suggestions.Add(("talking-to-your-team", "Your symptoms changed: words that help at your next visit."));
        }

        suggestions.Add(("when-to-call", "For everyone."));
        suggestions.Add(("what-is-cipn", "For everyone."));
        return suggestions.Where(s => _pages.ContainsKey(s.Slug)).Select(s => new GuidanceSuggestion(_pages[s.Slug], s.Why)).ToList();
    }

    public static GuidancePage Load(string path)
    {
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var slug = Path.GetFileNameWithoutExtension(path);
        var end = text.StartsWith("---\n", StringComparison.Ordinal) ? text.IndexOf("\n---\n", 4, StringComparison.Ordinal) : -1;
        if (end < 0)
        {
            throw new InvalidDataException($"{path} must start with front matter (title, summary) between --- lines.");
        }

        var front = text[4..end].Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        var body = text[(end + 5)..];
        return new GuidancePage(slug, front.GetValueOrDefault("title") ?? slug, front.GetValueOrDefault("summary") ?? "", body, Markdown.ToHtml(body, Pipeline));
    }
}
