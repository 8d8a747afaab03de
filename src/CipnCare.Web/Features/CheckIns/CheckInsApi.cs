using System.Security.Claims;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CheckIns;

public static class CheckInsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Scores keyed by item id (see GET /api/check-ins/items), each 0–4.</summary>
    public sealed record CheckInRequest(Dictionary<string, int>? Scores, bool LimitsEverydayTasks, bool LimitsSelfCare, string? Notes);

    public sealed record CheckInItemView(string Id, string Question, string Domain, bool IsCount, IReadOnlyList<string> Anchors);

    public static RouteGroupBuilder MapCheckIns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Check-ins").RequireAuthorization();
        api.MapGet("/check-ins/items", GetItems).WithSummary("The check-in's questions and answer scales.");
        api.MapGet("/patients/{patientId:guid}/check-ins", ListAsync).WithSummary("A patient's check-ins, newest first, each with its change from the one before.");
        api.MapPost("/patients/{patientId:guid}/check-ins", SubmitAsync)
            .WithSummary("Submit a check-in. Send an Idempotency-Key header so a retry stores exactly one check-in.");
        api.MapGet("/check-ins/{checkInId:guid}", GetAsync).WithSummary("One check-in.");
        return api;
    }

    public static Ok<List<CheckInItemView>> GetItems() => TypedResults.Ok(CheckInItems.All
        .Select(i => new CheckInItemView(i.Id, i.Question, i.Domain.ToString(), i.IsCount, i.IsCount ? CheckInItems.CountAnchors : CheckInItems.SeverityAnchors))
        .ToList());

    public static Task<Results<Ok<List<CheckInView>>, NotFound<ProblemDetails>, ProblemHttpResult>> ListAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, CheckInQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read check-ins", () => queries.HistoryAsync(patientId, cancellationToken), cancellationToken);

    public static async Task<Results<Ok<CheckInView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid checkInId, ClaimsPrincipal user, CipnDbContext db, PatientAccess access, CheckInQueries queries, CancellationToken cancellationToken)
    {
        var checkIn = await db.CheckIns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checkInId, cancellationToken);
        if (checkIn is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"There is no check-in {checkInId}.", Status = 404 });
        }

        return await PatientProblems.ViewAsync(access, user, checkIn.PatientId, "read check-in", async () => (await queries.WithPreviousAsync(checkIn, cancellationToken))!, cancellationToken);
    }

    public static async Task<Results<Created<CheckInView>, Ok<CheckInView>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> SubmitAsync(
        Guid patientId,
        CheckInRequest request,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        SubmitCheckIn submit,
        CheckInQueries queries,
        CancellationToken cancellationToken)
    {
        var answers = new CheckInAnswers(request.Scores ?? [], request.LimitsEverydayTasks, request.LimitsSelfCare, request.Notes);
        var result = await submit.HandleAsync(user, patientId, answers, idempotencyKey, cancellationToken);
        switch (result.Status)
        {
            case SubmitStatus.Created:
                var created = (await queries.WithPreviousAsync(result.CheckIn!, cancellationToken))!;
                return TypedResults.Created($"/api/check-ins/{created.Id}", created);
            case SubmitStatus.AlreadySubmitted:
                return TypedResults.Ok((await queries.WithPreviousAsync(result.CheckIn!, cancellationToken))!);
            case SubmitStatus.Invalid:
                return result.Errors.ToValidationProblem("The check-in was not stored");
            case SubmitStatus.NotFound:
                return PatientProblems.NotFound(patientId);
            case SubmitStatus.Denied:
                return PatientProblems.Forbidden("You may not report symptoms for this patient.");
            default:
                throw new InvalidOperationException($"Unhandled status {result.Status}.");
        }
    }
}
