using CipnCare.Web.Fhir;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// Answers to the shipped check-in, and placeholder definitions of the licensed instruments. The placeholders have the
/// structure a site's licensed file has (item count, response range, subscales) but only "Item N" as text: licensed
/// wording is never committed.
/// </summary>
public static class Questionnaires
{
    public const string CheckIn = "https://cipncare.org/fhir/Questionnaire/cipn-checkin";
    public const string FallsScreen = "https://cipncare.org/fhir/Questionnaire/cipn-falls-screen";
    public const string WorstPain = "https://cipncare.org/fhir/Questionnaire/cipn-worst-pain";

    /// <summary>
    /// A week with moderate symptoms: sensory 2,1,0,3 / 2,2,1,1 (mean 1.5 → 37.5); motor 0,1,0,0,1 (0.4 → 10);
    /// autonomic 0,1,0 (1/3 → 8.33); one fall, not hurt; everyday tasks limited by sensory and by motor symptoms,
    /// self-care not (grades 2 and 2). Check-in 1.1.0 (the current version).
    /// </summary>
    public static Dictionary<string, object> ModerateWeek() => new()
    {
        ["numbness-hands"] = "2",
        ["tingling-hands"] = "1",
        ["pain-hands"] = "0",
        ["cold-hands"] = "3",
        ["numbness-feet"] = "2",
        ["tingling-feet"] = "2",
        ["pain-feet"] = "1",
        ["cold-feet"] = "1",
        ["cramps"] = "0",
        ["weakness-grip"] = "1",
        ["weakness-stairs"] = "0",
        ["weakness-chair"] = "0",
        ["balance"] = "1",
        ["falls"] = 1,
        ["fall-injury"] = false,
        ["dizziness-standing"] = "0",
        ["bowel-bladder"] = "1",
        ["palpitations"] = "0",
        ["limits-everyday-sensory"] = true,
        ["limits-everyday-motor"] = true,
        ["limits-self-care-sensory"] = false,
        ["limits-self-care-motor"] = false,
        ["sleep"] = "2",
        ["notes"] = "Buttons are hard in the morning.",
    };

    /// <summary>The check-in's sixteen severity items (0–4 each).</summary>
    public static readonly string[] SeverityItems =
    [
        "numbness-hands", "tingling-hands", "pain-hands", "cold-hands", "numbness-feet", "tingling-feet", "pain-feet", "cold-feet",
        "cramps", "weakness-grip", "weakness-stairs", "weakness-chair", "balance", "dizziness-standing", "bowel-bladder", "palpitations",
    ];

    /// <summary>
    /// A check-in (1.1.0) with every severity item at <paramref name="severity"/> (symptom score = severity × 25); the
    /// daily-life answers apply to both domains (everyday tasks, self-care limited by sensory and by motor symptoms).
    /// </summary>
    public static Dictionary<string, object> Week(int severity, bool everyday = false, bool selfCare = false, int falls = 0, string? notes = null)
    {
        var answers = SeverityItems.ToDictionary(i => i, _ => (object)severity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        answers["falls"] = falls;
        if (falls > 0)
        {
            answers["fall-injury"] = false;
        }

        answers["limits-everyday-sensory"] = answers["limits-everyday-motor"] = everyday;
        answers["limits-self-care-sensory"] = answers["limits-self-care-motor"] = selfCare;
        answers["sleep"] = "0";
        if (notes is not null)
        {
            answers["notes"] = notes;
        }

        return answers;
    }

    /// <summary>A check-in 1.0.0 week (retired): one daily-life question for all symptoms, as answered before 1.1.0.</summary>
    public static Dictionary<string, object> Version1Week(int severity, bool everyday = false, bool selfCare = false)
    {
        var answers = Week(severity);
        foreach (var domainItem in new[] { "limits-everyday-sensory", "limits-everyday-motor", "limits-self-care-sensory", "limits-self-care-motor" })
        {
            answers.Remove(domainItem);
        }

        answers["limits-everyday"] = everyday;
        answers["limits-self-care"] = selfCare;
        return answers;
    }

    /// <summary>The same week as the API body for POST /api/patients/{id}/responses.</summary>
    public static object Body(string questionnaire, Dictionary<string, object> answers, string? version = null) => new { questionnaire, version, answers };

    private static readonly string[] Likert = ["1", "2", "3", "4"];

    /// <summary>
    /// A QLQ-CIPN20-shaped placeholder: 20 items scored 1–4, none forced (a paper form may have gaps); three subscales
    /// by the EORTC method (mean of the answered items, at least half answered, (mean − 1) / 3 × 100). The
    /// item-to-scale map is the site's to supply.
    /// </summary>
    public static (string Questionnaire, string Scoring) Cipn20Placeholder(string version = "site-1")
    {
        var questionnaire = new Questionnaire
        {
            Url = "https://site.example.org/Questionnaire/qlq-cipn20",
            Version = version,
            Name = "SiteCipn20",
            Title = "Site-licensed CIPN20 (placeholder text)",
            Status = PublicationStatus.Active,
        };
        for (var i = 1; i <= 20; i++)
        {
            var item = new Questionnaire.ItemComponent { LinkId = $"cipn20-{i}", Text = $"Item {i}", Type = Questionnaire.QuestionnaireItemType.Choice, Required = false };
            foreach (var (code, score) in Likert.Select((c, s) => (c, s + 1)))
            {
                var option = new Questionnaire.AnswerOptionComponent { Value = new Coding("https://site.example.org/answers", code, $"Option {code}") };
                option.AddExtension(QuestionnaireMapper.OrdinalValueExtension, new FhirDecimal(score));
                item.AnswerOption.Add(option);
            }

            questionnaire.Item.Add(item);
        }

        static string Items(params int[] numbers) => string.Join(", ", numbers.Select(n => $"\"cipn20-{n}\""));
        var scoring = $$"""
        {
          "subscales": [
            { "code": "qlq-cipn20-sensory", "name": "Sensory", "items": [{{Items(1, 2, 3, 4, 5, 6, 9, 10, 18)}}], "method": "mean", "minAnswered": 5, "itemMin": 1, "itemMax": 4, "transformTo100": true },
            { "code": "qlq-cipn20-motor", "name": "Motor", "items": [{{Items(7, 8, 11, 12, 13, 14, 15, 19)}}], "method": "mean", "minAnswered": 4, "itemMin": 1, "itemMax": 4, "transformTo100": true },
            { "code": "qlq-cipn20-autonomic", "name": "Autonomic", "items": [{{Items(16, 17, 20)}}], "method": "mean", "minAnswered": 2, "itemMin": 1, "itemMax": 4, "transformTo100": true }
          ]
        }
        """;
        return (FhirJson.Serialize(questionnaire), scoring);
    }

    /// <summary>
    /// A PRO-CTCAE-shaped placeholder: numbness/tingling (severity, interference) and pain (frequency, severity,
    /// interference), each 0–4, with "if 0, skip the rest" branching; composites by Basch 2021.
    /// </summary>
    public static (string Questionnaire, string Scoring) ProCtcaePlaceholder()
    {
        var questionnaire = new Questionnaire
        {
            Url = "https://site.example.org/Questionnaire/pro-ctcae-cipn",
            Version = "site-1",
            Name = "SiteProCtcae",
            Title = "Site PRO-CTCAE items (placeholder text)",
            Status = PublicationStatus.Active,
        };
        Questionnaire.ItemComponent Item(string linkId, string? after)
        {
            var item = new Questionnaire.ItemComponent { LinkId = linkId, Text = $"Item {linkId}", Type = Questionnaire.QuestionnaireItemType.Choice, Required = true };
            for (var score = 0; score <= 4; score++)
            {
                var option = new Questionnaire.AnswerOptionComponent { Value = new Coding("https://site.example.org/answers", score.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Option {score}") };
                option.AddExtension(QuestionnaireMapper.OrdinalValueExtension, new FhirDecimal(score));
                item.AnswerOption.Add(option);
            }

            if (after is not null)
            {
                item.EnableWhen.Add(new Questionnaire.EnableWhenComponent { Question = after, Operator = Questionnaire.QuestionnaireItemOperator.NotEqual, Answer = new Coding("https://site.example.org/answers", "0") });
            }

            return item;
        }

        questionnaire.Item.AddRange([Item("nt-sev", null), Item("nt-int", "nt-sev"), Item("pain-frq", null), Item("pain-sev", "pain-frq"), Item("pain-int", "pain-frq")]);
        const string scoring = """
        {
          "composites": [
            { "code": "pro-ctcae-numbness-tingling", "name": "Numbness and tingling (composite 0–3)", "severityItem": "nt-sev", "interferenceItem": "nt-int" },
            { "code": "pro-ctcae-pain", "name": "Pain (composite 0–3)", "frequencyItem": "pain-frq", "severityItem": "pain-sev", "interferenceItem": "pain-int" }
          ]
        }
        """;
        return (FhirJson.Serialize(questionnaire), scoring);
    }
}
