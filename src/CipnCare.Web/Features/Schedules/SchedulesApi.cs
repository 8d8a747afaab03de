using System.Security.Claims;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Schedules;

public static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedules(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{patientId:guid}/schedule").WithTags("Check-in schedule").RequireAuthorization();
        api.MapGet("", GetAsync).WithSummary("The patient's check-in plan, when the next check-in is due, whether it is due or overdue, and how many were missed.");
        api.MapPut("", PutAsync).WithSummary("Team clinicians: set intervalDays (1–182; null = default plan) and treatmentEndedOn (null = last recorded dose).");
        return api;
    }

    public static Task<Results<Ok<ScheduleView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, ScheduleQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read check-in schedule", () => queries.ForPatientAsync(patientId, cancellationToken), cancellationToken);

    public static Task<Results<Ok<ScheduleView>, ProblemHttpResult>> PutAsync(
        Guid patientId, ScheduleChange body, ClaimsPrincipal user, ChangeSchedule change, ScheduleQueries queries, CancellationToken cancellationToken) =>
        change.HandleAsync(user, patientId, body, cancellationToken)
            .ToHttpResultAsync(async _ => TypedResults.Ok(await queries.ForPatientAsync(patientId, cancellationToken)));
}
