using System.Globalization;
using System.Text.Json;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Features.Instruments;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Reads a FHIR R4 Questionnaire into our instrument items. Supported: groups (one level, each a topic), display,
/// choice (answerOption valueCoding with the ordinalValue extension as its score), integer, decimal (minValue /
/// maxValue extensions), boolean, date, string/text (maxLength), required, enableWhen with enableBehavior. Anything
/// else (repeats, open-choice, value sets, nested questions) is refused with a message, never silently ignored.
/// </summary>
public static class QuestionnaireMapper
{
    public const string OrdinalValueExtension = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string MinValueExtension = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValueExtension = "http://hl7.org/fhir/StructureDefinition/maxValue";

    /// <summary>The core extension that words an element in another language (on <c>_text</c>, <c>_display</c>,
    /// <c>_title</c>): sub-extensions <c>lang</c> (code) and <c>content</c> (string). Issue #20 reads Spanish from it.</summary>
    public const string TranslationExtension = "http://hl7.org/fhir/StructureDefinition/translation";

    public static QuestionnaireText Parse(string json)
    {
        Questionnaire? questionnaire;
        try
        {
            questionnaire = JsonSerializer.Deserialize<Resource>(json, FhirJson.Options) as Questionnaire;
        }
        catch (Exception e) when (e is DeserializationFailedException or JsonException)
        {
            return QuestionnaireText.Unreadable($"The questionnaire is not valid FHIR R4 JSON: {e.Message}");
        }

        return questionnaire is null
            ? QuestionnaireText.Unreadable("The questionnaire must be a FHIR R4 Questionnaire resource.")
            : FromFhir(questionnaire);
    }

    public static QuestionnaireText FromFhir(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        var problems = new List<string>();
        var items = new List<InstrumentItem>();
        foreach (var item in questionnaire.Item)
        {
            if (item.Type == Questionnaire.QuestionnaireItemType.Group)
            {
                foreach (var child in item.Item)
                {
                    if (child.Type == Questionnaire.QuestionnaireItemType.Group)
                    {
                        problems.Add($"Group '{child.LinkId}' is inside another group; only one level of groups is supported.");
                        continue;
                    }

                    Add(child, item.Text ?? item.LinkId ?? "", item.LinkId, Translations(item.TextElement));
                }
            }
            else
            {
                Add(item, item.Text ?? item.LinkId ?? "", null, Translations(item.TextElement));
            }
        }

        return new(true, questionnaire.Url ?? "", questionnaire.Version ?? "", questionnaire.Name ?? "", questionnaire.Title ?? questionnaire.Name ?? "",
            questionnaire.Status?.ToString().ToLowerInvariant() ?? "", items, problems, NullIfEmpty(Translations(questionnaire.TitleElement)));

        void Add(Questionnaire.ItemComponent item, string topic, string? group, Dictionary<string, string> topicWords)
        {
            if (item.Item.Count > 0)
            {
                problems.Add($"Item '{item.LinkId}' has items under a question; only groups may contain items.");
            }

            if (item.Repeats == true)
            {
                problems.Add($"Item '{item.LinkId}' repeats; repeating answers are not supported.");
            }

            var type = TypeOf(item);
            if (type is null)
            {
                problems.Add($"Item '{item.LinkId}' has type '{item.Type}', which is not supported (choice, integer, decimal, boolean, date, string, text, display).");
                return;
            }

            if (item.AnswerValueSet is not null)
            {
                problems.Add($"Item '{item.LinkId}' uses answerValueSet; list the options as answerOption with ordinalValue.");
            }

            var options = item.AnswerOption.Select(o => o.Value is Coding c
                ? new AnswerOption(c.Code ?? "", c.Display ?? c.Code ?? "", Decimal(o.GetExtensionValue<DataType>(OrdinalValueExtension) ?? c.GetExtensionValue<DataType>(OrdinalValueExtension)))
                : null).ToList();
            if (options.Any(o => o is null))
            {
                problems.Add($"Item '{item.LinkId}': answer options must be valueCoding.");
            }

            var linkId = item.LinkId ?? "";
            if (linkId.Length == 0)
            {
                problems.Add("Every item needs a linkId.");
            }

            var conditions = item.EnableWhen.Select(w => Condition(linkId, w, problems)).OfType<EnableCondition>().ToList();
            items.Add(new InstrumentItem(
                linkId,
                item.Text ?? linkId,
                type.Value,
                item.Required ?? false,
                options.OfType<AnswerOption>().ToList(),
                Decimal(item.GetExtensionValue<DataType>(MinValueExtension)),
                Decimal(item.GetExtensionValue<DataType>(MaxValueExtension)),
                item.MaxLength,
                conditions,
                item.EnableBehavior != Questionnaire.EnableWhenBehavior.Any,
                topic,
                group,
                Words(item, topic, topicWords)));
        }
    }

    /// <summary>An item's words in each language any of its text, topic or options has a translation in.</summary>
    private static Dictionary<string, ItemWords>? Words(Questionnaire.ItemComponent item, string topic, Dictionary<string, string> topicWords)
    {
        var text = Translations(item.TextElement);
        var options = item.AnswerOption.Select(o => Translations((o.Value as Coding)?.DisplayElement)).ToList();
        var languages = text.Keys.Concat(topicWords.Keys).Concat(options.SelectMany(o => o.Keys)).Distinct().ToList();
        return NullIfEmpty(languages.ToDictionary(
            language => language,
            language => new ItemWords(
                text.GetValueOrDefault(language) ?? item.Text ?? item.LinkId ?? "",
                topicWords.GetValueOrDefault(language) ?? topic,
                options.Select(o => o.GetValueOrDefault(language)).ToList())));
    }

    /// <summary>The translations of one element, by language ("es-MX" is kept as "es-MX"; pages ask for "es").</summary>
    private static Dictionary<string, string> Translations(Element? element) =>
        (element?.Extension ?? [])
            .Where(e => e.Url == TranslationExtension)
            .Select(e => (Language: (e.GetExtensionValue<Code>("lang")?.Value ?? "").Trim(), Content: e.GetExtensionValue<FhirString>("content")?.Value ?? e.GetExtensionValue<Markdown>("content")?.Value))
            .Where(t => t.Language.Length > 0 && !string.IsNullOrWhiteSpace(t.Content))
            .GroupBy(t => t.Language, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Content!, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<TKey, TValue>? NullIfEmpty<TKey, TValue>(Dictionary<TKey, TValue> map) where TKey : notnull => map.Count == 0 ? null : map;

    /// <summary>Our answer from a FHIR answer value (Coding, integer, decimal, boolean, date, string).</summary>
    public static Answer? AnswerFrom(DataType? value) => value switch
    {
        Coding c => Answer.Of(c.Code ?? ""),
        Integer i when i.Value is { } n => Answer.Of(n),
        FhirDecimal d when d.Value is { } n => Answer.Of((double)n),
        FhirBoolean b when b.Value is { } v => Answer.Of(v),
        Date d when DateOnly.TryParseExact(d.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => Answer.Of(day),
        FhirString s when s.Value is { } text => Answer.FreeText(text),
        _ => null,
    };

    /// <summary>The FHIR answer value for our answer to an item of the given type.</summary>
    public static DataType ValueFor(InstrumentItem item, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answer);
        return item.Type switch
        {
            ItemType.Choice => item.Options.FirstOrDefault(o => o.Code == answer.Code) is { } o
                ? new Coding(AnswerSystem, o.Code, o.Display)
                : new Coding(AnswerSystem, answer.Code),
            ItemType.WholeNumber => new Integer((int)(answer.Number ?? 0)),
            ItemType.DecimalNumber => new FhirDecimal((decimal)(answer.Number ?? 0)),
            ItemType.Boolean => new FhirBoolean(answer.Boolean),
            ItemType.Date => new Date(answer.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ItemType.Text => new FhirString(answer.Text),
            ItemType.Display => throw new ArgumentException("A display item has no answer.", nameof(item)),
        };
    }

    /// <summary>The system of the answer codings in our shipped instruments.</summary>
    public const string AnswerSystem = "https://cipncare.org/fhir/CodeSystem/answer";

    private static ItemType? TypeOf(Questionnaire.ItemComponent item) => item.Type switch
    {
        Questionnaire.QuestionnaireItemType.Choice => ItemType.Choice,
        Questionnaire.QuestionnaireItemType.Integer => ItemType.WholeNumber,
        Questionnaire.QuestionnaireItemType.Decimal => ItemType.DecimalNumber,
        Questionnaire.QuestionnaireItemType.Boolean => ItemType.Boolean,
        Questionnaire.QuestionnaireItemType.Date => ItemType.Date,
        Questionnaire.QuestionnaireItemType.String or Questionnaire.QuestionnaireItemType.Text => ItemType.Text,
        Questionnaire.QuestionnaireItemType.Display => ItemType.Display,
        _ => null,
    };

    private static EnableCondition? Condition(string linkId, Questionnaire.EnableWhenComponent w, List<string> problems)
    {
        EnableOperator? op = w.Operator switch
        {
            Questionnaire.QuestionnaireItemOperator.Exists => EnableOperator.Exists,
            Questionnaire.QuestionnaireItemOperator.Equal => EnableOperator.Equal,
            Questionnaire.QuestionnaireItemOperator.NotEqual => EnableOperator.NotEqual,
            Questionnaire.QuestionnaireItemOperator.GreaterThan => EnableOperator.Greater,
            Questionnaire.QuestionnaireItemOperator.LessThan => EnableOperator.Less,
            Questionnaire.QuestionnaireItemOperator.GreaterOrEqual => EnableOperator.GreaterOrEqual,
            Questionnaire.QuestionnaireItemOperator.LessOrEqual => EnableOperator.LessOrEqual,
            _ => null,
        };
        var answer = AnswerFrom(w.Answer);
        if (op is null || answer is null || string.IsNullOrEmpty(w.Question))
        {
            problems.Add($"Item '{linkId}' has an enableWhen that is incomplete or uses an unsupported answer type.");
            return null;
        }

        return new EnableCondition(w.Question, op.Value, answer);
    }

    private static double? Decimal(DataType? value) => value switch
    {
        FhirDecimal d when d.Value is { } n => (double)n,
        Integer i when i.Value is { } n => n,
        _ => null,
    };
}

/// <summary>The instruments feature's questionnaire reader: stored instruments are FHIR R4 Questionnaires.</summary>
public sealed class FhirQuestionnaireReader : IQuestionnaireReader
{
    public QuestionnaireText Read(string json) => QuestionnaireMapper.Parse(json);
}
