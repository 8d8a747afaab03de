using System.Text.Json;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Instruments;

/// <summary>Who typed a response in: the patient, a caregiver on their behalf, or a clinician.</summary>
public sealed record EnteredBy(string UserId, string Name, string Role);

/// <summary>
/// Builds the rows that store one response: the answers that were asked, as text keyed by linkId, and one score row
/// per value the instrument's scoring produces. The one path every response takes to the database (a submission,
/// the demo, the conversion of foundation check-ins).
/// </summary>
public static class ResponseRecords
{
    public static InstrumentResponse Build(Guid id, Guid patientId, LoadedInstrument instrument, IReadOnlyDictionary<string, Answer> answers, DateTime authoredAt, EnteredBy enteredBy, string? submissionKey, DateTime recordedAt)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(enteredBy);
        var asked = ResponseRules.AskedOnly(instrument.Definition, answers);
        var score = InstrumentScoring.Score(instrument.Definition, asked);
        (authoredAt, recordedAt) = (UtcDateTimeConverter.Stored(authoredAt.ToUniversalTime()), UtcDateTimeConverter.Stored(recordedAt.ToUniversalTime()));
        var response = new InstrumentResponse
        {
            Id = id,
            PatientId = patientId,
            InstrumentId = instrument.Row.Id,
            AuthoredAt = authoredAt,
            RecordedAt = recordedAt,
            EnteredByUserId = enteredBy.UserId,
            EnteredByName = enteredBy.Name,
            EnteredByRole = enteredBy.Role,
            SubmissionKey = submissionKey,
            AnswersJson = JsonSerializer.Serialize(asked.ToDictionary(a => a.Key, a => AnswerInput.ToText(a.Value))),
            RulesVersion = score.RulesVersion,
            Language = Languages.Current, // the request's: the questions were shown in it
        };
        int? Grade(string code) => score.Values.FirstOrDefault(v => v.Code == code)?.Value is { } value ? (int)value : null;
        (response.SensoryGrade, response.MotorGrade) = (Grade(CheckInSummary.SensoryGradeCode), Grade(CheckInSummary.MotorGradeCode));
        response.Scores = score.Values.Select((v, i) => new ResponseScore
        {
            Id = Guid.CreateVersion7(),
            ResponseId = response.Id,
            PatientId = patientId,
            Code = v.Code,
            Name = v.Name,
            Position = i,
            Value = v.Value,
            Unit = v.Unit,
            CtcaeVersion = v.CtcaeVersion,
            Reasons = string.Join("; ", v.Reasons),
            EffectiveAt = authoredAt,
            RecordedAt = recordedAt,
        }).ToList();
        return response;
    }
}
