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
    string? Group = null)
{
    public bool IsQuestion => Type != ItemType.Display;
}

/// <summary>An instrument: its canonical URL and version, its items and how it is scored.</summary>
public sealed record InstrumentDefinition(
    string Url,
    string Version,
    string Name,
    string Title,
    IReadOnlyList<InstrumentItem> Items,
    ScoringDefinition Scoring)
{
    public InstrumentItem? Item(string linkId) => Items.FirstOrDefault(i => i.LinkId == linkId);

    /// <summary>The topics in order, each with its items, for showing one topic per screen.</summary>
    public IReadOnlyList<(string Topic, IReadOnlyList<InstrumentItem> Items)> Topics() =>
        Items.GroupBy(i => i.Topic).Select(g => (g.Key, (IReadOnlyList<InstrumentItem>)g.ToList())).ToList();
}
