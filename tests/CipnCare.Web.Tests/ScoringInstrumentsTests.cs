using System.Text.Json;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>
/// Every shipped instrument and both licensed scorers (placeholder items), read through the same parser the app uses
/// and scored by hand-computed expectations.
/// </summary>
public sealed class ScoringInstrumentsTests
{
    private static (InstrumentDefinition? Definition, QuestionnaireText Questionnaire, IReadOnlyList<string> Problems) ReadInstrument(string questionnaire, string scoring) =>
        InstrumentLibrary.Check(new FhirQuestionnaireReader().Read(questionnaire), scoring);

    private static InstrumentDefinition Shipped(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, InstrumentLibrary.ShippedFolder);
        var (definition, _, problems) = ReadInstrument(File.ReadAllText(Path.Combine(folder, $"{name}.questionnaire.json")), File.ReadAllText(Path.Combine(folder, $"{name}.scoring.json")));
        Assert.Empty(problems);
        return definition!;
    }

    private static InstrumentDefinition Read((string Questionnaire, string Scoring) files)
    {
        var (definition, _, problems) = ReadInstrument(files.Questionnaire, files.Scoring);
        Assert.Empty(problems);
        return definition!;
    }

    private static Dictionary<string, Answer> Typed(InstrumentDefinition instrument, Dictionary<string, object> answers)
    {
        var (typed, errors) = AnswerInput.FromJson(instrument, answers.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value)));
        Assert.Empty(errors);
        return typed;
    }

    [Fact]
    public void CheckIn_IsOurWording_WithTheTopicsAndItemsTheIssueAsksFor()
    {
        var checkIn = Shipped("cipn-checkin");

        Assert.Equal(("https://cipncare.org/fhir/Questionnaire/cipn-checkin", "1.1.0"), (checkIn.Url, checkIn.Version));
        Assert.Equal(["Your hands and fingers", "Your feet and toes", "Muscles and strength", "Balance and falls", "Other body changes", "Your daily life", "Anything else"],
            checkIn.Topics().Select(t => t.Topic));
        Assert.Equal(24, checkIn.Items.Count(i => i.IsQuestion));
        Assert.Equal(["sensory-subscale", "motor-subscale", "autonomic-subscale", "symptom-score", "pro-sensory-grade", "pro-motor-grade", "falls-count", "fall-with-injury", "sleep-interference"], checkIn.Scoring.Codes);
    }

    [Fact]
    public void CheckIn_ModerateWeek_ScoresAsComputedByHand()
    {
        var checkIn = Shipped("cipn-checkin");

        var score = InstrumentScoring.Score(checkIn, Typed(checkIn, Questionnaires.ModerateWeek()));

        Assert.Equal(37.5, score["sensory-subscale"]!.Value); // (2+1+0+3+2+2+1+1)/8 = 1.5 → 1.5/4 × 100
        Assert.Equal(10, score["motor-subscale"]!.Value); // (0+1+0+0+1)/5 = 0.4 → 10
        Assert.Equal(8.33, score["autonomic-subscale"]!.Value); // (0+1+0)/3 → 8.33
        Assert.Equal(23.44, score["symptom-score"]!.Value); // all 16 severity items: 15/16 = 0.9375 → 23.44
        Assert.Equal((2.0, "5.0"), (score["pro-sensory-grade"]!.Value!.Value, score["pro-sensory-grade"]!.CtcaeVersion!)); // symptoms + everyday tasks limited
        Assert.Equal(2, score["pro-motor-grade"]!.Value);
        Assert.Equal(1, score["falls-count"]!.Value);
        Assert.Equal(0, score["fall-with-injury"]!.Value);
        Assert.Equal(2, score["sleep-interference"]!.Value);
    }

    [Fact]
    public void CheckIn_NoSymptomsNoFalls_IsAllZero_AndTheInjuryQuestionIsNotAsked()
    {
        var checkIn = Shipped("cipn-checkin");
        var answers = Questionnaires.ModerateWeek().ToDictionary(a => a.Key, a => a.Value switch
        {
            string when a.Key == "notes" => a.Value,
            string => "0",
            int => (object)0,
            _ => false,
        });

        var score = InstrumentScoring.Score(checkIn, ResponseRules.AskedOnly(checkIn, Typed(checkIn, answers)));

        Assert.All(["sensory-subscale", "motor-subscale", "autonomic-subscale", "pro-sensory-grade", "pro-motor-grade", "falls-count"], code => Assert.Equal(0, score[code]!.Value));
        Assert.Null(score["fall-with-injury"]!.Value);
    }

    [Fact]
    public void CheckIn_SevereWithSelfCareLimited_IsGrade3()
    {
        var checkIn = Shipped("cipn-checkin");
        var answers = Questionnaires.ModerateWeek();
        answers["limits-self-care-sensory"] = answers["limits-self-care-motor"] = true;
        answers["falls"] = 2;
        answers["fall-injury"] = true;

        var score = InstrumentScoring.Score(checkIn, Typed(checkIn, answers));

        Assert.Equal((3.0, 3.0, 2.0, 1.0), (score["pro-sensory-grade"]!.Value!.Value, score["pro-motor-grade"]!.Value!.Value, score["falls-count"]!.Value!.Value, score["fall-with-injury"]!.Value!.Value));
    }

    [Theory]
    [InlineData(false, true, false, false, 1, 2)] // motor symptoms limit everyday tasks: motor 2, mild numbness stays sensory 1
    [InlineData(false, false, false, true, 1, 3)] // cramps limit self-care: motor 3, sensory still 1 (1.0.0 gave sensory 3)
    [InlineData(true, false, false, false, 2, 1)] // numbness limits everyday tasks: sensory 2, motor 1
    [InlineData(false, false, true, false, 3, 1)] // numbness limits self-care: sensory 3, motor 1
    [InlineData(true, true, true, true, 3, 3)]
    [InlineData(false, false, false, false, 1, 1)]
    public void CheckIn_1_1_GradesEachDomainFromItsOwnDailyLifeAnswers(bool everydaySensory, bool everydayMotor, bool selfCareSensory, bool selfCareMotor, int sensory, int motor)
    {
        var checkIn = Shipped("cipn-checkin");
        var answers = Questionnaires.Week(0);
        answers["numbness-feet"] = "1"; // mild numbness
        answers["cramps"] = "1"; // mild cramps
        (answers["limits-everyday-sensory"], answers["limits-everyday-motor"]) = (everydaySensory, everydayMotor);
        (answers["limits-self-care-sensory"], answers["limits-self-care-motor"]) = (selfCareSensory, selfCareMotor);

        var score = InstrumentScoring.Score(checkIn, Typed(checkIn, answers));

        Assert.Equal((sensory, motor), ((int)score["pro-sensory-grade"]!.Value!.Value, (int)score["pro-motor-grade"]!.Value!.Value));
    }

    [Fact]
    public void CheckIn_1_1_AsksADomainsDailyLifeQuestions_OnlyWhenOneOfItsSymptomsIsRated()
    {
        var checkIn = Shipped("cipn-checkin");
        var answers = Questionnaires.Week(0);
        answers["numbness-hands"] = "2";
        answers["limits-self-care-motor"] = true; // a stale answer: no motor symptom is rated, so the question is not asked

        var asked = ResponseRules.AskedOnly(checkIn, Typed(checkIn, answers));
        var score = InstrumentScoring.Score(checkIn, asked);

        Assert.True(asked.ContainsKey("limits-self-care-sensory"));
        Assert.False(asked.ContainsKey("limits-self-care-motor"));
        Assert.Equal((1, 0), ((int)score["pro-sensory-grade"]!.Value!.Value, (int)score["pro-motor-grade"]!.Value!.Value));
    }

    [Fact]
    public void CheckIn_1_0_IsKeptRetired_AndStillGradesItsAnswersAsBefore()
    {
        var version1 = Shipped("cipn-checkin-1.0.0");
        var answers = Questionnaires.Version1Week(0, selfCare: true);
        answers["numbness-feet"] = "1";
        answers["cramps"] = "1";

        var score = InstrumentScoring.Score(version1, Typed(version1, answers));

        Assert.Equal(("1.0.0", 22), (version1.Version, version1.Items.Count(i => i.IsQuestion)));
        Assert.Equal((3, 3), ((int)score["pro-sensory-grade"]!.Value!.Value, (int)score["pro-motor-grade"]!.Value!.Value)); // the one shared question, as answered then
    }

    [Theory]
    [InlineData(true, false, true, 2)]
    [InlineData(false, false, false, 0)]
    [InlineData(true, true, true, 3)]
    public void FallsScreen_CountsYesAnswers(bool fell, bool unsteady, bool worried, int expected)
    {
        var screen = Shipped("cipn-falls-screen");

        var score = InstrumentScoring.Score(screen, Typed(screen, new() { ["fallen-past-year"] = fell, ["unsteady"] = unsteady, ["worried"] = worried }));

        Assert.Equal(expected, score["falls-screen"]!.Value);
    }

    [Fact]
    public void WorstPain_IsTheNumberGiven_AndElevenIsRefused()
    {
        var pain = Shipped("cipn-worst-pain");

        Assert.Equal(7, InstrumentScoring.Score(pain, Typed(pain, new() { ["worst-pain"] = 7 }))["worst-pain"]!.Value);
        Assert.Equal("\"In the past 7 days, how bad was your worst nerve pain? 0 means no pain, 10 the worst pain you can imagine.\" must be between 0 and 10.",
            ResponseRules.Validate(pain, Typed(pain, new() { ["worst-pain"] = 11 }))["worst-pain"]);
    }

    [Fact]
    public void Cipn20Placeholder_ScoresEachSubscaleByTheEortcTransform()
    {
        var cipn20 = Read(Questionnaires.Cipn20Placeholder());
        var answers = new Dictionary<string, object>();
        foreach (var n in new[] { 1, 2, 3, 4, 5, 6, 9, 10, 18 })
        {
            answers[$"cipn20-{n}"] = "2"; // sensory: mean 2 → (2 − 1) / 3 × 100 = 33.33
        }

        foreach (var n in new[] { 7, 8, 11, 12, 13, 14, 15 })
        {
            answers[$"cipn20-{n}"] = "3"; // motor: 7 of 8 answered (19, driving, left out): mean 3 → 66.67
        }

        answers["cipn20-16"] = "1";
        answers["cipn20-17"] = "4"; // autonomic: 2 of 3 answered, mean 2.5 → 50

        var score = InstrumentScoring.Score(cipn20, Typed(cipn20, answers));

        Assert.Equal((33.33, 66.67, 50.0), (score["qlq-cipn20-sensory"]!.Value!.Value, score["qlq-cipn20-motor"]!.Value!.Value, score["qlq-cipn20-autonomic"]!.Value!.Value));
        Assert.Equal(7, score["qlq-cipn20-motor"]!.Answered);
    }

    [Fact]
    public void Cipn20Placeholder_TooFewAutonomicItems_IsNotScored()
    {
        var cipn20 = Read(Questionnaires.Cipn20Placeholder());
        var answers = Enumerable.Range(1, 18).Where(n => n != 17).ToDictionary(n => $"cipn20-{n}", _ => (object)"1");

        var score = InstrumentScoring.Score(cipn20, Typed(cipn20, answers));

        Assert.Null(score["qlq-cipn20-autonomic"]!.Value); // only item 16 of 16, 17, 20: fewer than half
        Assert.Equal(0, score["qlq-cipn20-sensory"]!.Value);
    }

    [Theory]
    [InlineData("3", "2", "4", "1", "4", 2, 3)] // numbness sev 3 × int 2 → 2; pain frq 4, sev 1, int 4 → 3
    [InlineData("0", null, "0", null, null, 0, 0)] // "never"/"none": later items are skipped and the composite is 0
    [InlineData("1", "3", "2", "2", "0", 2, 2)] // sev 1 × int 3 → 2; frq 2, sev 2, int 0 → 2
    public void ProCtcaePlaceholder_CompositesFollowBasch2021(string ntSev, string? ntInt, string painFrq, string? painSev, string? painInt, int numbness, int pain)
    {
        var proCtcae = Read(Questionnaires.ProCtcaePlaceholder());
        var answers = new Dictionary<string, object> { ["nt-sev"] = ntSev, ["pain-frq"] = painFrq };
        foreach (var (key, value) in new[] { ("nt-int", ntInt), ("pain-sev", painSev), ("pain-int", painInt) })
        {
            if (value is not null)
            {
                answers[key] = value;
            }
        }

        var typed = Typed(proCtcae, answers);
        Assert.Empty(ResponseRules.Validate(proCtcae, typed));
        var score = InstrumentScoring.Score(proCtcae, typed);

        Assert.Equal((numbness, pain), ((int)score["pro-ctcae-numbness-tingling"]!.Value!.Value, (int)score["pro-ctcae-pain"]!.Value!.Value));
    }

    [Fact]
    public void AQuestionnaireWithUnsupportedParts_IsRefusedWithEachReason()
    {
        const string questionnaire = """
        {"resourceType":"Questionnaire","url":"https://site.example.org/Questionnaire/x","version":"1","status":"active",
         "item":[{"linkId":"a","text":"A","type":"open-choice"},{"linkId":"b","text":"B","type":"integer","repeats":true}]}
        """;

        var (definition, _, problems) = ReadInstrument(questionnaire, """{"derived":[{"code":"x","name":"X","kind":"value","items":["missing"]}],"typo":1}""");

        Assert.Null(definition);
        Assert.Contains("Item 'a' has type 'OpenChoice', which is not supported (choice, integer, decimal, boolean, date, string, text, display).", problems);
        Assert.Contains("Item 'b' repeats; repeating answers are not supported.", problems);
        Assert.Contains(problems, p => p.StartsWith("The scoring definition is not valid", StringComparison.Ordinal) && p.Contains("typo", StringComparison.Ordinal));
    }
}
