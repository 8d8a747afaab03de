using Markdig;
using Microsoft.Extensions.Localization;
using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Guidance;

/// <summary>
/// The plain-language guidance pages: Markdown files in src/CipnCare.Web/Guidance (our own words, reading level checked
/// by a test), loaded once. Raw HTML in the Markdown is not rendered. General information only, never personal advice.
/// Each page is <c>slug.md</c> in English, with its Spanish beside it as <c>slug.es.md</c> (issue #20); a page is served
/// in the reader's language, or in English while it has no translation. The address is the same in every language.
/// </summary>
public sealed class GuidanceLibrary
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();
    private readonly Dictionary<string, GuidancePage> _pages;
    private readonly Dictionary<(string Slug, string Language), GuidancePage> _translations;
    private readonly IStringLocalizer<GuidanceLibrary> L;

    /// <summary>The library with the app's own resources for its words (the reasons a page is suggested).</summary>
    public GuidanceLibrary(string folder)
        : this(folder, Languages.LocalizerFor<GuidanceLibrary>())
    {
    }

    public GuidanceLibrary(string folder, IStringLocalizer<GuidanceLibrary> localizer)
    {
        L = localizer;
        var pages = Directory.EnumerateFiles(folder, "*.md").Select(Load).ToList();
        _pages = pages.Where(p => p.Language == Languages.English).OrderBy(p => p.Slug, StringComparer.Ordinal).ToDictionary(p => p.Slug);
        _translations = pages.Where(p => p.Language != Languages.English && Languages.IsSupported(p.Language) && _pages.ContainsKey(p.Slug))
            .ToDictionary(p => (p.Slug, p.Language));
    }

    /// <summary>Every page in English, by slug: the pages there are (a translation never adds one).</summary>
    public IReadOnlyCollection<GuidancePage> All => _pages.Values;

    /// <summary>Every page in <paramref name="language"/>, each in English while it has no translation.</summary>
    public IReadOnlyList<GuidancePage> In(string language) => _pages.Keys.Select(slug => Find(slug, language)!).ToList();

    /// <summary>The page at <paramref name="slug"/> in <paramref name="language"/> ("es"), or in English when it has
    /// no translation; null when there is no such page.</summary>
    public GuidancePage? Find(string slug, string language = Languages.English) =>
        _translations.GetValueOrDefault((slug, Languages.Of(language))) ?? _pages.GetValueOrDefault(slug);

    /// <summary>
    /// Pages shown where they matter: a fall or a raised fall risk → home safety; oxaliplatin during treatment → cold;
    /// numbness or tingling → feet and hands; worse symptoms → how to talk to the team; always when to call and what CIPN is.
    /// The pages and the reasons are in the reader's language (<see cref="Languages.Current"/>).
    /// </summary>
    public IReadOnlyList<GuidanceSuggestion> Suggest(GuidanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var suggestions = new List<(string Slug, string Why)>();
        if (context.FallReported || context.FallRiskRaised)
        {
            suggestions.Add(("home-safety", context.FallReported ? L["You told us about a fall."] : L["Your last clinic check found a raised risk of falling."]));
        }

        if (context.Oxaliplatin && context.OnTreatment)
        {
            suggestions.Add(("cold-sensitivity-oxaliplatin", L["You are having oxaliplatin."]));
        }

        if (context.SensorySymptoms)
        {
            suggestions.Add(("protecting-feet-and-hands", L["You told us about numbness or tingling."]));
        }

        if (context.Worse)
        {
            suggestions.Add(("talking-to-your-team", L["Your symptoms changed: words that help at your next visit."]));
        }

        suggestions.Add(("when-to-call", L["For everyone."]));
        suggestions.Add(("what-is-cipn", L["For everyone."]));
        var language = Languages.Current;
        return suggestions.Where(s => _pages.ContainsKey(s.Slug)).Select(s => new GuidanceSuggestion(Find(s.Slug, language)!, s.Why)).ToList();
    }

    public static GuidancePage Load(string path)
    {
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        // "home-safety.md" is English, "home-safety.es.md" its Spanish.
        var name = Path.GetFileNameWithoutExtension(path).Split('.');
        var (slug, language) = name.Length > 1 ? (name[0], name[^1].ToLowerInvariant()) : (name[0], Languages.English);
        var end = text.StartsWith("---\n", StringComparison.Ordinal) ? text.IndexOf("\n---\n", 4, StringComparison.Ordinal) : -1;
        if (end < 0)
        {
            throw new InvalidDataException($"{path} must start with front matter (title, summary) between --- lines.");
        }

        var front = text[4..end].Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        var body = text[(end + 5)..];
        return new GuidancePage(slug, front.GetValueOrDefault("title") ?? slug, front.GetValueOrDefault("summary") ?? "", body, Markdown.ToHtml(body, Pipeline), language);
    }
}

/// <summary>A guidance page in one language; <paramref name="Slug"/> (its address) is the same in every language.</summary>
public sealed record GuidancePage(string Slug, string Title, string Summary, string Markdown, string Html, string Language = Languages.English);

/// <summary>Why a page is suggested to this patient.</summary>
public sealed record GuidanceSuggestion(GuidancePage Page, string Why);

/// <summary>What the suggestions read about the patient.</summary>
public sealed record GuidanceContext(bool FallReported, bool FallRiskRaised, bool Oxaliplatin, bool SensorySymptoms, bool OnTreatment, bool Worse);
