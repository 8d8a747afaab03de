namespace CipnCare.Clinical.Instruments;

/// <summary>The kinds of answer an item takes (a subset of FHIR R4 Questionnaire item types).</summary>
public enum ItemType
{
    Choice,

    /// <summary>FHIR "integer".</summary>
    WholeNumber,

    /// <summary>FHIR "decimal".</summary>
    DecimalNumber,
    Boolean,
    Date,
    Text,

    /// <summary>Text shown to the person, not a question.</summary>
    Display,
}

/// <summary>One option of a choice item, with the score it counts as (FHIR ordinalValue).</summary>
public sealed record AnswerOption(string Code, string Display, double? Score);

public enum EnableOperator
{
    Exists,
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
}

/// <summary>Ask this item only when another item's answer meets the condition (FHIR enableWhen).</summary>
public sealed record EnableCondition(string Question, EnableOperator Operator, Answer Answer);

/// <summary>
/// One item of an instrument. <paramref name="Topic"/> groups items that are shown together (one topic per
/// screen on phones); it is the enclosing group's text, or the item's own text when it stands alone.
/// <paramref name="Group"/> is the enclosing group's linkId, if any (responses nest answers under it).
/// <paramref name="Translations"/> holds the item's words in other languages, by language code ("es").
/// </summary>
public sealed record InstrumentItem(
    string LinkId,
    string Text,
    ItemType Type,
    bool Required,
    IReadOnlyList<AnswerOption> Options,
    double? Min,
    double? Max,
    int? MaxLength,
    IReadOnlyList<EnableCondition> EnableWhen,
    bool EnableWhenAll,
    string Topic,
    string? Group = null,
    IReadOnlyDictionary<string, ItemWords>? Translations = null)
{
    public bool IsQuestion => Type != ItemType.Display;

    /// <summary>This item worded in <paramref name="language"/>, or as it is when it has no words in it. Only words
    /// change: codes, scores and conditions stay, so an answer in any language is scored identically.</summary>
    public InstrumentItem In(string language) =>
        Languages.Find(Translations, language) is { } words
            ? this with { Text = words.Text, Topic = words.Topic, Options = Options.Select((o, i) => i < words.Options.Count && words.Options[i] is { } display ? o with { Display = display } : o).ToList() }
            : this;
}

/// <summary>An item's words in another language (FHIR translation extensions): its text, its topic's, and each
/// answer option's display in the options' order (null where the option has none in that language).</summary>
public sealed record ItemWords(string Text, string Topic, IReadOnlyList<string?> Options);

/// <summary>An instrument: its canonical URL and version, its items and how it is scored.</summary>
public sealed record InstrumentDefinition(
    string Url,
    string Version,
    string Name,
    string Title,
    IReadOnlyList<InstrumentItem> Items,
    ScoringDefinition Scoring,
    IReadOnlyDictionary<string, string>? TitleTranslations = null)
{
    /// <summary>The instrument worded in <paramref name="language"/> where it has words in it (issue #20); the same
    /// items, codes and scoring.</summary>
    public InstrumentDefinition In(string language) => this with
    {
        Title = Languages.Find(TitleTranslations, language) ?? Title,
        Items = Items.Select(i => i.In(language)).ToList(),
    };

    public InstrumentItem? Item(string linkId) => Items.FirstOrDefault(i => i.LinkId == linkId);

    /// <summary>The topics in order, each with its items, for showing one topic per screen.</summary>
    public IReadOnlyList<(string Topic, IReadOnlyList<InstrumentItem> Items)> Topics() =>
        Items.GroupBy(i => i.Topic).Select(g => (g.Key, (IReadOnlyList<InstrumentItem>)g.ToList())).ToList();
}

/// <summary>Finds a language's words: the exact code ("es"), else a regional form of it ("es-MX").</summary>
internal static class Languages
{
    public static T? Find<T>(IReadOnlyDictionary<string, T>? words, string language) where T : class =>
        words is null ? null
        : words.TryGetValue(language, out var exact) ? exact
        : words.FirstOrDefault(w => w.Key.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase)).Value;
}
