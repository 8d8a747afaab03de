using System.Security.Claims;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Instruments;

public static class InstrumentsApi
{
    /// <summary>A site's instrument: the FHIR Questionnaire and our scoring definition (docs/instruments.md).</summary>
    public sealed record InstrumentUpload(JsonElement Questionnaire, JsonElement Scoring);

    public sealed record UploadProblem(string Title, IReadOnlyList<string> Problems);

    /// <summary>Answers keyed by linkId: a choice's code, a number, true/false, "yyyy-mm-dd" or text.</summary>
    public sealed record ResponseRequest(string? Questionnaire, string? Version, Dictionary<string, JsonElement>? Answers, DateTime? Authored);

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

    public static async Task<Results<Created<InstrumentSummary>, Ok<InstrumentSummary>, UnprocessableEntity<UploadProblem>, Conflict<UploadProblem>>> UploadAsync(
        InstrumentUpload body, ClaimsPrincipal user, InstrumentLibrary library, CancellationToken cancellationToken)
    {
        var result = await library.UploadAsync(user, body.Questionnaire.GetRawText(), body.Scoring.GetRawText(), cancellationToken);
        switch (result.Status)
        {
            case UploadStatus.Created or UploadStatus.Replaced:
                var summary = InstrumentLibrary.Summary((await library.FindAsync(result.Id!.Value, cancellationToken))!);
                return result.Status == UploadStatus.Created ? TypedResults.Created($"/api/instruments/{summary.Id}", summary) : TypedResults.Ok(summary);
            case UploadStatus.AlreadyAnswered:
                return TypedResults.Conflict(new UploadProblem("This version cannot be changed", result.Problems));
            case UploadStatus.Invalid:
                return TypedResults.UnprocessableEntity(new UploadProblem("The questionnaire was not loaded", result.Problems));
            default:
                throw new InvalidOperationException($"Unhandled status {result.Status}.");
        }
    }

    public static async Task<Results<Created<ResponseView>, Ok<ResponseView>, ProblemHttpResult, NotFound<ProblemDetails>>> SubmitAsync(
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
        var result = await submit.HandleAsync(user, patientId, instrument, answers, inputErrors, idempotencyKey, request.Authored, cancellationToken);
        return result.Status switch
        {
            ResponseStatus.Created => TypedResults.Created($"/api/responses/{result.Response!.Id}", (await queries.GetAsync(result.Response.Id, cancellationToken))!),
            ResponseStatus.AlreadySubmitted => TypedResults.Ok((await queries.GetAsync(result.Response!.Id, cancellationToken))!),
            ResponseStatus.Invalid or ResponseStatus.UnknownInstrument => TypedResults.Problem(new HttpValidationProblemDetails(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
            {
                Title = "The response was not stored",
                Status = StatusCodes.Status422UnprocessableEntity,
            }),
            ResponseStatus.NotFound => PatientProblems.NotFound(patientId),
            ResponseStatus.Denied => PatientProblems.Forbidden("You may not report for this patient."),
        };
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
