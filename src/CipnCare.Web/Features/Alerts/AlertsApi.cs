using System.Security.Claims;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Alerts;

public static class AlertsApi
{
    public sealed record Resolution(AlertResolution? Action, string? Note);

    public sealed record Assignment(string? UserId);

    public static RouteGroupBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Alerts").RequireAuthorization();
        api.MapGet("/worklist", WorklistAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician))
            .WithSummary("Open and acknowledged alerts of the caller's care teams, most severe then oldest first, with counts and what is new since the last look.");
        api.MapGet("/patients/{patientId:guid}/alerts", ForPatientAsync).WithSummary("A patient's alerts, open first, with evidence, suggestions and their history.");
        api.MapPost("/alerts/{alertId:guid}/acknowledge", (Guid alertId, ClaimsPrincipal user, WorkAlert work, CancellationToken ct) => ResultAsync(work.AcknowledgeAsync(user, alertId, ct)))
            .WithSummary("A care-team clinician acknowledges an open alert (the time to acknowledge is kept).");
        api.MapPost("/alerts/{alertId:guid}/resolve", (Guid alertId, Resolution body, ClaimsPrincipal user, WorkAlert work, CancellationToken ct) => ResultAsync(work.ResolveAsync(user, alertId, body.Action, body.Note, ct)))
            .WithSummary("Resolve with the action taken (CalledPatient, DoseModified, Referral, Education, NoActionNeeded) and a note.");
        api.MapPost("/alerts/{alertId:guid}/assign", (Guid alertId, Assignment body, ClaimsPrincipal user, WorkAlert work, CancellationToken ct) => ResultAsync(work.AssignAsync(user, alertId, body.UserId, ct)))
            .WithSummary("Reassign to a clinician of the patient's care team.");
        return api;
    }

    public static async Task<Ok<Worklist>> WorklistAsync(ClaimsPrincipal user, AlertQueries queries, AlertSeverity? severity, bool? includeResolved, bool? mine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.WorklistAsync(user, new WorklistFilter(severity, includeResolved == true, mine == true), cancellationToken));

    public static Task<Results<Ok<List<AlertView>>, NotFound<ProblemDetails>, ProblemHttpResult>> ForPatientAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, AlertQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read alerts", () => queries.ForPatientAsync(patientId, cancellationToken), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> ResultAsync(Task<Outcome<Done>> work) =>
        work.ToHttpResultAsync(_ => TypedResults.NoContent());
}
