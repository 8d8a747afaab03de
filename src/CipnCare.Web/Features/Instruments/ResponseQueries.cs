using System.Text.Json;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Instruments;

public sealed record ScoreView(string Code, string Name, double? Value, string? Unit, string? CtcaeVersion, string Reasons);

/// <summary>A stored response as the API shows it: the instrument version, who entered it, the answers and the scores.</summary>
public sealed record ResponseView(
    Guid Id,
    Guid PatientId,
    Guid InstrumentId,
    string Questionnaire,
    string Version,
    string Title,
    DateTime AuthoredAt,
    string EnteredByName,
    string EnteredByRole,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<ScoreView> Scores,
    string RulesVersion,
    CipnCare.Clinical.Alerts.PatientNextStep NextStep = CipnCare.Clinical.Alerts.PatientNextStep.Routine)
{
    public ScoreView? Score(string code) => Scores.FirstOrDefault(s => s.Code == code);

    /// <summary>When it was stored: its FHIR meta.lastUpdated.</summary>
    public DateTime RecordedAt { get; init; }

    /// <summary>The language the questions were shown in, so of any free text ("en", "es"): FHIR QuestionnaireResponse.language.</summary>
    public string Language { get; init; } = "en";
}

/// <summary>Reads of stored responses. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class ResponseQueries(CipnDbContext db)
{
    /// <summary>A patient's responses, newest first; optionally one instrument URL only.</summary>
    public async Task<List<ResponseView>> HistoryAsync(Guid patientId, string? questionnaireUrl, CancellationToken cancellationToken)
    {
        var query = db.InstrumentResponses.AsNoTracking().Where(r => r.PatientId == patientId);
        if (questionnaireUrl is not null)
        {
            query = query.Where(r => db.Instruments.Any(i => i.Id == r.InstrumentId && i.Url == questionnaireUrl));
        }

        return await ViewsAsync(query.OrderByDescending(r => r.AuthoredAt).ThenByDescending(r => r.Id), cancellationToken);
    }

    /// <summary>Several patients' responses at once (one read for all; each patient's newest first): bulk export's batches.</summary>
    public async Task<ILookup<Guid, ResponseView>> HistoriesAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken) =>
        (await ViewsAsync(db.InstrumentResponses.AsNoTracking().Where(r => patientIds.Contains(r.PatientId)).OrderByDescending(r => r.AuthoredAt).ThenByDescending(r => r.Id), cancellationToken))
        .ToLookup(r => r.PatientId);

    public async Task<ResponseView?> GetAsync(Guid responseId, CancellationToken cancellationToken) =>
        (await ViewsAsync(db.InstrumentResponses.AsNoTracking().Where(r => r.Id == responseId), cancellationToken)).FirstOrDefault();

    public async Task<List<ResponseView>> ViewsAsync(IQueryable<InstrumentResponse> responses, CancellationToken cancellationToken)
    {
        var rows = await responses
            .Join(db.Instruments, r => r.InstrumentId, i => i.Id, (r, i) => new { Response = r, i.Url, i.Version, i.Title })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Response.Id).ToList();
        var scores = (await db.ResponseScores.AsNoTracking().Where(s => ids.Contains(s.ResponseId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.ResponseId);
        return rows.Select(r => View(r.Response, r.Url, r.Version, r.Title, scores[r.Response.Id])).ToList();
    }

    /// <summary>
    /// What a submission answers with: a response it just stored, from what it wrote (nothing read back — issue #17); one
    /// stored before with the same submission key, as stored.
    /// </summary>
    public async Task<ResponseView> SubmittedAsync(Submitted submitted, Instrument instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(instrument);
        return submitted.Replayed
            ? (await GetAsync(submitted.Response.Id, cancellationToken))!
            : View(submitted.Response, instrument.Url, instrument.Version, instrument.Title, submitted.Response.Scores);
    }

    private static ResponseView View(InstrumentResponse response, string url, string version, string title, IEnumerable<ResponseScore> scores) =>
        new(response.Id, response.PatientId, response.InstrumentId, url, version, title, response.AuthoredAt, response.EnteredByName, response.EnteredByRole,
            JsonSerializer.Deserialize<Dictionary<string, string>>(response.AnswersJson) ?? [],
            scores.OrderBy(s => s.Position).Select(s => new ScoreView(s.Code, s.Name, s.Value, s.Unit, s.CtcaeVersion, s.Reasons)).ToList(),
            response.RulesVersion,
            response.NextStep)
        {
            RecordedAt = response.RecordedAt,
            Language = response.Language,
        };
}
