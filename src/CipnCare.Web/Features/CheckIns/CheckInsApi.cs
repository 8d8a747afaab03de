using System.Security.Claims;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.CheckIns;

public static class CheckInsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapCheckIns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Check-ins").RequireAuthorization();
        api.MapGet("/patients/{patientId:guid}/check-ins", ListAsync)
            .WithSummary("A patient's check-ins, newest first: scores, patient-reported grades and the change from the one before. Submit with POST /api/patients/{id}/responses.");
        return api;
    }

    public static Task<Results<Ok<List<CheckInSummary>>, NotFound<ProblemDetails>, ProblemHttpResult>> ListAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, CheckInQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read check-ins", () => queries.HistoryAsync(patientId, cancellationToken), cancellationToken);
}
