using System.Globalization;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Localization;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>Questionnaire responses and their scores as FHIR QuestionnaireResponse and Observation. Pure mapping.</summary>
public static class ResponseMapper
{
    public const string ScoreSystem = "https://cipncare.org/fhir/CodeSystem/cipn";
    public const string CtcaeVersionExtension = "https://cipncare.org/fhir/StructureDefinition/ctcae-version";
    public const string RulesVersionExtension = "https://cipncare.org/fhir/StructureDefinition/rules-version";
    public const string EnteredByExtension = "https://cipncare.org/fhir/StructureDefinition/entered-by-role";
    public const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>A posted response; <see cref="Language"/> is "en" or "es" when it said (QuestionnaireResponse.language), else null.</summary>
    public sealed record Incoming(Guid? PatientId, string? Url, string? Version, DateTime? Authored, Dictionary<string, Answer> Answers, Dictionary<string, string> Errors)
    {
        public string? Language { get; init; }
    }

    /// <summary>Reads a posted response: subject, questionnaire canonical (url|version), authored, language and one answer per item.</summary>
    public static Incoming FromFhir(QuestionnaireResponse resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var errors = new Dictionary<string, string>();
        var reference = resource.Subject?.Reference ?? "";
        Guid? patientId = reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id) ? id : null;
        if (patientId is null)
        {
            errors["subject"] = "subject must reference the patient as Patient/{id}.";
        }

        if (resource.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
        {
            errors["status"] = "Only completed responses are accepted (status = completed).";
        }

        var canonical = resource.Questionnaire ?? "";
        var bar = canonical.IndexOf('|', StringComparison.Ordinal);
        var (url, version) = bar >= 0 ? (canonical[..bar], canonical[(bar + 1)..]) : (canonical, null);
        if (url.Length == 0)
        {
            errors["questionnaire"] = "questionnaire must give the questionnaire's canonical url (url|version).";
        }

        var language = Languages.Stated(resource.Language, errors); // the language of any free text (issue #20)

        DateTime? authored = null;
        if (resource.AuthoredElement is { } when && when.TryToDateTimeOffset(out var at))
        {
            authored = at.UtcDateTime;
        }

        var answers = new Dictionary<string, Answer>();
        foreach (var item in Flatten(resource.Item))
        {
            var linkId = item.LinkId ?? "";
            if (item.Answer.Count > 1)
            {
                errors[linkId] = $"'{linkId}' has {item.Answer.Count} answers; one is allowed.";
            }
            else if (item.Answer.Count == 1)
            {
                if (QuestionnaireMapper.AnswerFrom(item.Answer[0].Value) is { } answer)
                {
                    answers[linkId] = answer;
                }
                else
                {
                    errors[linkId] = $"'{linkId}' has an answer of a type that is not supported.";
                }
            }
        }

        return new(patientId, url, version, authored, answers, errors) { Language = language };
    }

    public static QuestionnaireResponse ToFhir(ResponseView response, InstrumentDefinition instrument)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(instrument);
        var answers = AnswerInput.FromText(instrument, response.Answers).Answers;
        var resource = new QuestionnaireResponse
        {
            Id = response.Id.ToString(),
            Meta = FhirCodes.ChangedAt(response.RecordedAt),
            Language = response.Language, // the language of any free text answer (issue #20); item texts stay the instrument's own
            Questionnaire = $"{response.Questionnaire}|{response.Version}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{response.PatientId}"),
            Source = new ResourceReference($"Patient/{response.PatientId}"),
            AuthoredElement = new FhirDateTime(new DateTimeOffset(response.AuthoredAt, TimeSpan.Zero)),
            Author = new ResourceReference { Display = $"{response.EnteredByName} ({response.EnteredByRole.ToLowerInvariant()})" },
        };
        resource.Author.AddExtension(EnteredByExtension, new Code(response.EnteredByRole.ToLowerInvariant()));
        var groups = new Dictionary<string, QuestionnaireResponse.ItemComponent>();
        foreach (var item in instrument.Items.Where(i => i.IsQuestion && answers.ContainsKey(i.LinkId)))
        {
            var answered = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text };
            answered.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = QuestionnaireMapper.ValueFor(item, answers[item.LinkId]) });
            if (item.Group is { } group)
            {
                if (!groups.TryGetValue(group, out var parent))
                {
                    parent = groups[group] = new QuestionnaireResponse.ItemComponent { LinkId = group, Text = item.Topic };
                    resource.Item.Add(parent);
                }

                parent.Item.Add(answered);
            }
            else
            {
                resource.Item.Add(answered);
            }
        }

        return resource;
    }

    /// <summary>A score as an Observation derivedFrom its response: category survey, code from our CodeSystem.</summary>
    public static Observation ToObservation(ResponseScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var observation = new Observation
        {
            Id = score.Id.ToString(),
            Meta = FhirCodes.ChangedAt(score.RecordedAt),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategorySystem, "survey", "Survey")],
            Code = new CodeableConcept(ScoreSystem, score.Code, score.Name),
            Subject = new ResourceReference($"Patient/{score.PatientId}"),
            Effective = new FhirDateTime(new DateTimeOffset(score.EffectiveAt, TimeSpan.Zero)),
            DerivedFrom = [new ResourceReference($"QuestionnaireResponse/{score.ResponseId}")],
        };
        if (score.Value is { } value)
        {
            observation.Value = score.Unit is { } unit
                ? new Quantity((decimal)value, unit, "http://unitsofmeasure.org")
                : value == Math.Floor(value) ? new Integer((int)value) : new Quantity((decimal)value, "1", "http://unitsofmeasure.org");
        }
        else
        {
            observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed");
        }

        if (score.CtcaeVersion is { } ctcae)
        {
            observation.AddExtension(CtcaeVersionExtension, new FhirString(ctcae));
        }

        if (score.Reasons.Length > 0)
        {
            observation.Note = [new Annotation { Text = score.Reasons }];
        }

        return observation;
    }

    /// <summary>Parses a FHIR date search value with its prefix (eq, ge, gt, le, lt); a date alone covers the whole day.</summary>
    public static (DateTime From, DateTime To)? DateRange(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var prefix = value.Length > 2 && char.IsLetter(value[0]) && char.IsLetter(value[1]) ? value[..2] : "eq";
        var text = prefix == "eq" && !value.StartsWith("eq", StringComparison.Ordinal) ? value : value[2..];
        DateTime start, end;
        if (text.StartsWith("9999", StringComparison.Ordinal))
        {
            return null; // the end of the calendar: one day or tick later does not exist
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            end = start.AddDays(1);
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            start = at.UtcDateTime;
            end = start.AddTicks(1);
        }
        else
        {
            return null;
        }

        return prefix switch
        {
            "eq" => (start, end),
            "ge" => (start, DateTime.MaxValue),
            "gt" => (end, DateTime.MaxValue),
            "le" => (DateTime.MinValue, end),
            "lt" => (DateTime.MinValue, start),
            _ => null,
        };
    }

    private static IEnumerable<QuestionnaireResponse.ItemComponent> Flatten(IEnumerable<QuestionnaireResponse.ItemComponent> items) =>
        items.SelectMany(i => i.Answer.Count == 0 && i.Item.Count > 0 ? Flatten(i.Item) : [i]);
}
