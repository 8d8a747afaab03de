using System.Security.Claims;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Instruments;

public static class InstrumentsApi
{
    /// <summary>A site's instrument: the FHIR Questionnaire and our scoring definition (docs/instruments.md).</summary>
    public sealed record InstrumentUpload(JsonElement Questionnaire, JsonElement Scoring);

    /// <summary>
    /// A response to submit: answers keyed by linkId (a choice's code, a number, true/false, "yyyy-mm-dd" or text), and
    /// <paramref name="Language"/>, the language its questions were shown in, so of any free text ("en", "es"; as FHIR's
    /// <c>QuestionnaireResponse.language</c>); without it, the request's (Accept-Language).
    /// </summary>
    public sealed record ResponseRequest(string? Questionnaire, string? Version, Dictionary<string, JsonElement>? Answers, DateTime? Authored, string? Language = null);

    public static RouteGroupBuilder MapInstruments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Questionnaires").RequireAuthorization();
        api.MapGet("/instruments", ListAsync).WithSummary("Every questionnaire version the app knows, shipped and site-loaded, with the score codes each produces.");
        api.MapPost("/admin/instruments", UploadAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Load a site's questionnaire version (FHIR Questionnaire + scoring). An answered version is never changed: publish a new version.");
        api.MapPost("/patients/{patientId:guid}/responses", SubmitAsync)
            .WithSummary("Submit a completed questionnaire response. Send an Idempotency-Key header so a retry stores exactly one response.");
        api.MapGet("/patients/{patientId:guid}/responses", HistoryAsync).WithSummary("A patient's questionnaire responses with their scores, newest first.");
        api.MapGet("/responses/{responseId:guid}", GetAsync).WithSummary("One questionnaire response with its scores.");
        return api;
    }

    public static async Task<Ok<List<InstrumentSummary>>> ListAsync(InstrumentLibrary library, CancellationToken cancellationToken) =>
        TypedResults.Ok(await library.ListAsync(cancellationToken));

    public static Task<Results<Results<Created<InstrumentSummary>, Ok<InstrumentSummary>>, ProblemHttpResult>> UploadAsync(
        InstrumentUpload body, ClaimsPrincipal user, InstrumentLibrary library, CancellationToken cancellationToken) =>
        library.UploadAsync(user, body.Questionnaire.GetRawText(), body.Scoring.GetRawText(), cancellationToken)
            .ToHttpResultAsync(async uploaded =>
            {
                var summary = InstrumentLibrary.Summary((await library.FindAsync(uploaded.Id, cancellationToken))!);
                return uploaded.Replaced ? (Results<Created<InstrumentSummary>, Ok<InstrumentSummary>>)TypedResults.Ok(summary) : TypedResults.Created($"/api/instruments/{summary.Id}", summary);
            });

    public static async Task<Results<Results<Created<ResponseView>, Ok<ResponseView>>, ProblemHttpResult>> SubmitAsync(
        Guid patientId,
        ResponseRequest request,
        [FromHeader(Name = CheckInsApi.IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        InstrumentLibrary library,
        SubmitResponse submit,
        ResponseQueries queries,
        CancellationToken cancellationToken)
    {
        var instrument = string.IsNullOrWhiteSpace(request.Questionnaire) ? null : await library.FindAsync(request.Questionnaire, request.Version, cancellationToken);
        var (answers, inputErrors) = instrument is null ? ([], []) : AnswerInput.FromJson(instrument.Definition, request.Answers);
        var stated = Languages.Stated(request.Language, inputErrors);
        using var language = stated is null ? null : Languages.Use(stated); // else the request's (Accept-Language)
        return await submit.HandleAsync(user, patientId, instrument, answers, inputErrors, idempotencyKey, request.Authored, cancellationToken)
            .ToHttpResultAsync(async submitted =>
            {
                var view = await queries.SubmittedAsync(submitted, instrument!.Row, cancellationToken);
                return submitted.Replayed ? (Results<Created<ResponseView>, Ok<ResponseView>>)TypedResults.Ok(view) : TypedResults.Created($"/api/responses/{view.Id}", view);
            });
    }

    public static Task<Results<Ok<List<ResponseView>>, NotFound<ProblemDetails>, ProblemHttpResult>> HistoryAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, ResponseQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read questionnaire responses", () => queries.HistoryAsync(patientId, null, cancellationToken), cancellationToken);

    public static async Task<Results<Ok<ResponseView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid responseId, ClaimsPrincipal user, CipnDbContext db, PatientAccess access, ResponseQueries queries, CancellationToken cancellationToken)
    {
        var patientId = await db.InstrumentResponses.Where(r => r.Id == responseId).Select(r => (Guid?)r.PatientId).FirstOrDefaultAsync(cancellationToken);
        if (patientId is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"There is no response {responseId}.", Status = 404 });
        }

        return await PatientProblems.ViewAsync(access, user, patientId.Value, "read questionnaire response", async () => (await queries.GetAsync(responseId, cancellationToken))!, cancellationToken);
    }
}
