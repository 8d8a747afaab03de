using System.Globalization;
using System.Text.Json;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>
/// The shipped questionnaires in Spanish (issue #20), read from the FHIR translation extensions on <c>_title</c>,
/// <c>_text</c> and <c>_display</c>. Only the words may change: every item and option has Spanish, and codes, scores,
/// linkIds, conditions and order stay, so the same answers score identically in either language.
/// </summary>
public sealed class QuestionnaireTranslationTests
{
    private const string Spanish = "es";

    public static TheoryData<string> Shipped => new("cipn-checkin", "cipn-falls-screen", "cipn-worst-pain");

    private static InstrumentDefinition Read(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, InstrumentLibrary.ShippedFolder);
        var questionnaire = QuestionnaireMapper.Parse(File.ReadAllText(Path.Combine(folder, $"{name}.questionnaire.json")));
        var (definition, _, problems) = InstrumentLibrary.Check(questionnaire, File.ReadAllText(Path.Combine(folder, $"{name}.scoring.json")));
        Assert.Empty(problems);
        return definition!;
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void EveryTitleItemTopicAndOption_HasSpanishWords(string name)
    {
        var english = Read(name);

        var spanish = english.In(Spanish);

        Assert.False(string.IsNullOrWhiteSpace(spanish.Title));
        Assert.NotEqual(english.Title, spanish.Title);
        foreach (var (en, es) in english.Items.Zip(spanish.Items))
        {
            Assert.True(!string.IsNullOrWhiteSpace(es.Text) && es.Text != en.Text, $"{name} {en.LinkId}: no Spanish text");
            Assert.True(!string.IsNullOrWhiteSpace(es.Topic) && es.Topic != en.Topic, $"{name} {en.LinkId}: no Spanish topic ({en.Topic})");
            foreach (var (enOption, esOption) in en.Options.Zip(es.Options))
            {
                Assert.True(!string.IsNullOrWhiteSpace(esOption.Display) && esOption.Display != enOption.Display,
                    $"{name} {en.LinkId} option {enOption.Code}: no Spanish for \"{enOption.Display}\"");
            }

            // Two options reading alike would make the answer ambiguous: clinical data.
            Assert.Equal(es.Options.Count, es.Options.Select(o => o.Display).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void InSpanish_OnlyTheWordsChange(string name)
    {
        var english = Read(name);

        var spanish = english.In(Spanish);

        Assert.Equal(english.Items.Select(i => i.LinkId), spanish.Items.Select(i => i.LinkId));
        foreach (var (en, es) in english.Items.Zip(spanish.Items))
        {
            Assert.Equal((en.Type, en.Required, en.Min, en.Max, en.MaxLength, en.Group, en.EnableWhenAll), (es.Type, es.Required, es.Min, es.Max, es.MaxLength, es.Group, es.EnableWhenAll));
            Assert.Equal(en.EnableWhen, es.EnableWhen);
            Assert.Equal(en.Options.Select(o => (o.Code, o.Score)), es.Options.Select(o => (o.Code, o.Score)));
        }

        // Items shown together in English are shown together in Spanish (one topic per screen on phones).
        Assert.Equal(english.Topics().Select(t => t.Items.Select(i => i.LinkId).ToList()), spanish.Topics().Select(t => t.Items.Select(i => i.LinkId).ToList()));
        Assert.Same(english.Scoring, spanish.Scoring);
        Assert.Equal((english.Url, english.Version, english.Name), (spanish.Url, spanish.Version, spanish.Name));
    }

    [Fact]
    public void TheSymptomScales_KeepTheirOrderAndSense()
    {
        var checkIn = Read("cipn-checkin").In(Spanish);

        Assert.All(Questionnaires.SeverityItems, linkId =>
            Assert.Equal([("0", "Nada"), ("1", "Leve"), ("2", "Moderado"), ("3", "Grave"), ("4", "Muy grave")], checkIn.Item(linkId)!.Options.Select(o => (o.Code, o.Display))));
        Assert.Equal([("0", "Nada"), ("1", "Un poco"), ("2", "Algo"), ("3", "Bastante"), ("4", "Muchísimo")], checkIn.Item("sleep")!.Options.Select(o => (o.Code, o.Display)));
        Assert.Equal("Entumecimiento en las manos o los dedos", checkIn.Item("numbness-hands")!.Text);
    }

    public static TheoryData<string, Dictionary<string, object>> Answers()
    {
        var data = new TheoryData<string, Dictionary<string, object>> { { "cipn-checkin", Questionnaires.ModerateWeek() } };
        for (var severity = 0; severity <= 4; severity++)
        {
            data.Add("cipn-checkin", Questionnaires.Week(severity, everyday: severity > 1, selfCare: severity > 2, falls: severity % 2));
        }

        foreach (var (fell, unsteady, worried) in new[] { (false, false, false), (true, false, false), (false, true, true), (true, true, true) })
        {
            data.Add("cipn-falls-screen", new() { ["fallen-past-year"] = fell, ["unsteady"] = unsteady, ["worried"] = worried });
        }

        foreach (var pain in new[] { 0, 3, 7, 10 })
        {
            data.Add("cipn-worst-pain", new() { ["worst-pain"] = pain });
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void TheSameAnswers_ScoreIdentically_InSpanish(string name, Dictionary<string, object> answers)
    {
        var english = Read(name);
        var spanish = english.In(Spanish);

        var inEnglish = InstrumentScoring.Score(english, Typed(english, answers));
        var inSpanish = InstrumentScoring.Score(spanish, Typed(spanish, answers));

        Assert.NotEmpty(inEnglish.Values);
        Assert.Equal(Comparable(inEnglish), Comparable(inSpanish));
    }

    private static Dictionary<string, Answer> Typed(InstrumentDefinition instrument, Dictionary<string, object> answers)
    {
        var (typed, errors) = AnswerInput.FromJson(instrument, answers.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value)));
        Assert.Empty(errors);
        return typed;
    }

    private static List<string> Comparable(InstrumentScore score) =>
        [$"{score.InstrumentUrl}|{score.InstrumentVersion}|{score.RulesVersion}",
         .. score.Values.Select(v => string.Join("|", v.Code, v.Name, v.Value?.ToString("R", CultureInfo.InvariantCulture), v.Unit, v.Answered, v.CtcaeVersion, string.Join(";", v.Reasons)))];
}
