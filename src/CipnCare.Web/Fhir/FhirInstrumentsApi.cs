using System.Security.Claims;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>Instruments over FHIR: Questionnaire (read, search), QuestionnaireResponse (create, read, search), score Observations (search).</summary>
public static class FhirInstrumentsApi
{
    public static RouteGroupBuilder MapFhirInstruments(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Questionnaire", SearchQuestionnairesAsync);
        fhir.MapGet("/Questionnaire/{id}", ReadQuestionnaireAsync);
        fhir.MapPost("/QuestionnaireResponse", CreateResponseAsync);
        fhir.MapGet("/QuestionnaireResponse/{id}", ReadResponseAsync);
        fhir.MapGet("/QuestionnaireResponse", SearchResponsesAsync);
        fhir.MapGet("/Observation", SearchObservationsAsync);
        return fhir;
    }

    public static async Task<FhirResult> SearchQuestionnairesAsync(HttpRequest request, CipnDbContext db, CancellationToken cancellationToken)
    {
        if (Unsupported(request, "url", "name", "status") is { } problem)
        {
            return problem;
        }

        // The catalogue of instruments is small: filter in memory.
        IEnumerable<Instrument> rows = await db.Instruments.AsNoTracking().OrderBy(i => i.Url).ThenBy(i => i.LoadedAt).ToListAsync(cancellationToken);
        if (request.Query["url"].ToString() is { Length: > 0 } url)
        {
            var bar = url.IndexOf('|', StringComparison.Ordinal);
            var (canonical, version) = bar >= 0 ? (url[..bar], url[(bar + 1)..]) : (url, null);
            rows = rows.Where(i => i.Url == canonical && (version is null || i.Version == version));
        }

        if (request.Query["name"].ToString() is { Length: > 0 } name)
        {
            rows = rows.Where(i => i.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase) || i.Title.StartsWith(name, StringComparison.OrdinalIgnoreCase));
        }

        if (request.Query["status"].ToString() is { Length: > 0 } status)
        {
            rows = rows.Where(i => i.Status == status);
        }

        var resources = rows.Select(ToQuestionnaire).OfType<Resource>().ToList();
        return Bundles.Paged(request, resources);
    }

    public static async Task<FhirResult> ReadQuestionnaireAsync(string id, CipnDbContext db, CancellationToken cancellationToken)
    {
        var row = Guid.TryParse(id, out var instrumentId) ? await db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instrumentId, cancellationToken) : null;
        return row is not null && ToQuestionnaire(row) is { } questionnaire
            ? new FhirResult(questionnaire)
            : FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Questionnaire/{id}.");
    }

    /// <summary>Validated against the exact questionnaire version and scored like any response; nothing stored on a problem.</summary>
    public static async Task<FhirResult> CreateResponseAsync(
        HttpRequest request, ClaimsPrincipal user, InstrumentLibrary library, SubmitResponse submit, ResponseQueries queries, CancellationToken cancellationToken)
    {
        var (resource, problem) = await FhirJson.ReadAsync<QuestionnaireResponse>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        var incoming = ResponseMapper.FromFhir(resource!);
        if (incoming.PatientId is null || incoming.Errors.ContainsKey("status") || incoming.Errors.ContainsKey("questionnaire"))
        {
            return Unprocessable(incoming.Errors);
        }

        var instrument = await library.FindAsync(incoming.Url!, incoming.Version, cancellationToken);
        var key = request.Headers[CheckInsApi.IdempotencyHeader].ToString();
        using var language = incoming.Language is null ? null : Languages.Use(incoming.Language); // else the request's (Accept-Language)
        var result = await submit.HandleAsync(user, incoming.PatientId.Value, instrument, incoming.Answers, incoming.Errors, key.Length > 0 ? key : null, incoming.Authored, cancellationToken);
        if (!result.IsOk)
        {
            return result.Kind == OutcomeKind.Invalid ? Unprocessable(result.Errors) : FhirResult.Problem(result.Failure!, e => e);
        }

        var view = await queries.SubmittedAsync(result.Value, instrument!.Row, cancellationToken);
        return new FhirResult(ResponseMapper.ToFhir(view, instrument!.Definition),
            result.Value.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created, $"{FhirApi.BaseUrl(request)}/QuestionnaireResponse/{view.Id}");
    }

    public static async Task<FhirResult> ReadResponseAsync(string id, ClaimsPrincipal user, PatientAccess access, InstrumentLibrary library, ResponseQueries queries, CancellationToken cancellationToken)
    {
        var view = Guid.TryParse(id, out var responseId) ? await queries.GetAsync(responseId, cancellationToken) : null;
        if (view is null)
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no QuestionnaireResponse/{id}.");
        }

        if (await FhirExposureApi.OpenAsync(view.PatientId.ToString(), user, access, "read questionnaire response (FHIR)", cancellationToken) is { } refused)
        {
            return refused;
        }

        return new FhirResult(ResponseMapper.ToFhir(view, (await library.FindAsync(view.InstrumentId, cancellationToken))!.Definition));
    }

    /// <summary>Search by patient (or subject), questionnaire (url or url|version) and authored (date with prefixes).</summary>
    public static async Task<FhirResult> SearchResponsesAsync(
        HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] CipnDbContext db, InstrumentLibrary library, [FromKeyedServices(ReadReplica.Key)] ResponseQueries queries, CancellationToken cancellationToken)
    {
        if (Unsupported(request, "patient", "subject", "questionnaire", "authored") is { } problem)
        {
            return problem;
        }

        var (patientId, refused) = await PatientAsync(request, user, access, "search questionnaire responses (FHIR)", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var query = db.InstrumentResponses.AsNoTracking().Where(r => r.PatientId == patientId);
        if (request.Query["questionnaire"].ToString() is { Length: > 0 } canonical)
        {
            var bar = canonical.IndexOf('|', StringComparison.Ordinal);
            var (url, version) = bar >= 0 ? (canonical[..bar], canonical[(bar + 1)..]) : (canonical, null);
            query = query.Where(r => db.Instruments.Any(i => i.Id == r.InstrumentId && i.Url == url && (version == null || i.Version == version)));
        }

        foreach (var value in request.Query["authored"])
        {
            if (ResponseMapper.DateRange(value ?? "") is not { } range)
            {
                return BadDate("authored", value);
            }

            query = query.Where(r => r.AuthoredAt >= range.From && r.AuthoredAt < range.To);
        }

        var views = await queries.ViewsAsync(query.OrderBy(r => r.AuthoredAt), cancellationToken);
        var resources = new List<Resource>();
        foreach (var view in views)
        {
            resources.Add(ResponseMapper.ToFhir(view, (await library.FindAsync(view.InstrumentId, cancellationToken))!.Definition));
        }

        return Bundles.Paged(request, resources);
    }

    /// <summary>Scores as Observations. Search by patient (or subject), code ([system|]code), date (prefixes) and derived-from.</summary>
    public static async Task<FhirResult> SearchObservationsAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] CipnDbContext db, [FromKeyedServices(ReadReplica.Key)] AssessmentQueries assessments, CancellationToken cancellationToken)
    {
        if (Unsupported(request, "patient", "subject", "code", "date", "derived-from", "category") is { } problem)
        {
            return problem;
        }

        var (patientId, refused) = await PatientAsync(request, user, access, "search observations (FHIR)", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        // category=survey (scores), exam, vital-signs, laboratory, procedure, imaging (assessments); [system|]code, comma-separated.
        HashSet<string>? categories = request.Query["category"].ToString() is { Length: > 0 } categoryParam
            ? categoryParam.Split(',').Select(c => c.Split('|')[^1]).ToHashSet()
            : null;
        var dates = new List<(DateTime From, DateTime To)>();
        foreach (var value in request.Query["date"])
        {
            if (ResponseMapper.DateRange(value ?? "") is not { } range)
            {
                return BadDate("date", value);
            }

            dates.Add(range);
        }

        var codeValues = request.Query["code"].ToString() is { Length: > 0 } codeParam ? codeParam.Split(',').ToList() : [];
        var resources = new List<Resource>();
        if (categories is null || categories.Contains("survey"))
        {
            var query = db.ResponseScores.AsNoTracking().Where(s => s.PatientId == patientId);
            if (codeValues.Count > 0)
            {
                var codes = codeValues.Select(c =>
                {
                    var bar = c.IndexOf('|', StringComparison.Ordinal);
                    return bar < 0 ? c : c[..bar] == ResponseMapper.ScoreSystem ? c[(bar + 1)..] : null;
                }).OfType<string>().ToList();
                query = query.Where(s => codes.Contains(s.Code));
            }

            foreach (var range in dates)
            {
                query = query.Where(s => s.EffectiveAt >= range.From && s.EffectiveAt < range.To);
            }

            if (request.Query["derived-from"].ToString() is { Length: > 0 } derivedFrom)
            {
                var id = derivedFrom.StartsWith("QuestionnaireResponse/", StringComparison.Ordinal) ? derivedFrom["QuestionnaireResponse/".Length..] : derivedFrom;
                var responseId = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
                query = query.Where(s => s.ResponseId == responseId);
            }

            var scores = await query.OrderBy(s => s.EffectiveAt).ThenBy(s => s.ResponseId).ThenBy(s => s.Position).ToListAsync(cancellationToken);
            resources.AddRange(scores.Select(ResponseMapper.ToObservation));
        }

        // Exam, vital-sign and result Observations are not derived from questionnaire responses.
        if (request.Query["derived-from"].Count == 0 && (categories is null || categories.Any(c => c != "survey")))
        {
            resources.AddRange(await FhirAssessmentsApi.ObservationsAsync(patientId, categories, codeValues, dates, assessments, cancellationToken));
        }

        return Bundles.Paged(request, resources);
    }

    internal static Questionnaire? ToQuestionnaire(Instrument row)
    {
        if (JsonSerializer.Deserialize<Resource>(row.QuestionnaireJson, FhirJson.Options) is not Questionnaire questionnaire)
        {
            return null;
        }

        questionnaire.Id = row.Id.ToString();
        questionnaire.Meta ??= new Meta();
        questionnaire.Meta.LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(row.LoadedAt, DateTimeKind.Utc)); // when this site loaded it
        return questionnaire;
    }

    internal static async Task<(Guid PatientId, FhirResult? Refused)> PatientAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, string action, CancellationToken cancellationToken)
    {
        var patient = request.Query["patient"].ToString() is { Length: > 0 } p ? p : request.Query["subject"].ToString();
        patient = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
        if (patient.Length == 0)
        {
            return (Guid.Empty, FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Required, "Give the patient: patient=Patient/{id} (or subject=).", "patient")));
        }

        return (Guid.TryParse(patient, out var id) ? id : Guid.Empty, await FhirExposureApi.OpenAsync(patient, user, access, action, cancellationToken));
    }

    /// <summary>A 400 naming the parameters a search does not support; every search also takes <c>_count</c> and <c>_offset</c> (paging).</summary>
    internal static FhirResult? Unsupported(HttpRequest request, params string[] supported)
    {
        supported = [.. supported, "_count", "_offset", "_lastUpdated"]; // every resource carries meta.lastUpdated (Bundles.Paged)
        var unknown = request.Query.Keys.Where(k => !supported.Contains(k)).ToList();
        return unknown.Count == 0 ? null : FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.NotSupported,
            $"Unsupported search parameter(s): {string.Join(", ", unknown)}. Supported: {string.Join(", ", supported)}."));
    }

    internal static FhirResult BadDate(string parameter, string? value) =>
        FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Value,
            $"{parameter}={value} is not a date: use yyyy-mm-dd or a dateTime, optionally prefixed with eq, ge, gt, le or lt.", parameter));

    private static FhirResult Unprocessable(IReadOnlyDictionary<string, string> errors) =>
        FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(errors, OperationOutcome.IssueType.Invalid, key => key switch
        {
            "subject" or "status" or "questionnaire" or "authored" or "language" => $"QuestionnaireResponse.{key}",
            _ => $"QuestionnaireResponse.item.where(linkId='{key}')",
        }));
}
