using System.Security.Claims;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Caregivers;

public static class CaregiversApi
{
    /// <summary>The invitation made: send <see cref="Link"/> to the caregiver (it works once, until <see cref="LinkExpiresAt"/>).</summary>
    public sealed record InvitationCreated(Guid Id, string Link, DateTime LinkExpiresAt);

    public sealed record Accepted(Guid PatientId);

    public static RouteGroupBuilder MapCaregivers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Caregivers").RequireAuthorization();
        api.MapGet("/patients/{patientId:guid}/caregivers", ListAsync).WithSummary("The patient's caregivers (scope, end date, revoked or not) and open invitations.");
        api.MapPost("/patients/{patientId:guid}/caregivers/invitations", InviteAsync)
            .WithSummary("The patient or a team clinician invites a caregiver: email, relationship, scope (ReportOnBehalf or ViewOnly), optional accessUntil.");
        api.MapPost("/patients/{patientId:guid}/caregivers/invitations/{invitationId:guid}/cancel", CancelAsync).WithSummary("Cancel an invitation not yet accepted.");
        api.MapPost("/patients/{patientId:guid}/caregivers/{linkId:guid}/revoke", RevokeAsync).WithSummary("End a caregiver's access (the patient, a team clinician or the caregiver).");
        api.MapPost("/invitations/{token}/accept", AcceptAsync).WithSummary("The invited caregiver, signed in with the invited email, accepts.");
        return api;
    }

    public static Task<Results<Ok<CaregiversView>, NotFound<ProblemDetails>, ProblemHttpResult>> ListAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, CaregiverQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read caregivers", () => queries.ForPatientAsync(patientId, cancellationToken), cancellationToken);

    public static async Task<Results<Created<InvitationCreated>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> InviteAsync(
        Guid patientId, NewInvitation body, HttpRequest request, ClaimsPrincipal user, CaregiverGrants grants, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await grants.InviteAsync(user, patientId, body, token => CaregiverGrants.InvitationLink(request, token), cancellationToken);
        return result.Status switch
        {
            GrantStatus.Done => TypedResults.Created($"/api/patients/{patientId}/caregivers",
                new InvitationCreated(result.Id!.Value, CaregiverGrants.InvitationLink(request, result.Token!), clock.GetUtcNow().UtcDateTime.AddDays(CaregiverGrants.InvitationDays))),
            _ => Problem(result, patientId),
        };
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> CancelAsync(
        Guid patientId, Guid invitationId, ClaimsPrincipal user, CaregiverGrants grants, CancellationToken cancellationToken) =>
        Done(await grants.CancelInvitationAsync(user, patientId, invitationId, cancellationToken), patientId);

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> RevokeAsync(
        Guid patientId, Guid linkId, ClaimsPrincipal user, CaregiverGrants grants, CancellationToken cancellationToken) =>
        Done(await grants.RevokeAsync(user, patientId, linkId, cancellationToken), patientId);

    public static async Task<Results<Ok<Accepted>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> AcceptAsync(
        string token, ClaimsPrincipal user, CaregiverGrants grants, CancellationToken cancellationToken)
    {
        var result = await grants.AcceptAsync(user, token, cancellationToken);
        return result.Status switch
        {
            GrantStatus.Done => TypedResults.Ok(new Accepted(result.Id!.Value)),
            GrantStatus.NotFound => TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = result.Errors.Values.FirstOrDefault(), Status = 404 }),
            _ => PatientProblems.Forbidden(result.Errors.Values.FirstOrDefault() ?? "You may not accept this invitation."),
        };
    }


    private static Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult> Done(GrantResult result, Guid patientId) => result.Status switch
    {
        GrantStatus.Done => TypedResults.NoContent(),
        GrantStatus.Invalid => Invalid(result),
        GrantStatus.NotFound => Missing(result, patientId),
        _ => Refused(),
    };

    private static Results<Created<InvitationCreated>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult> Problem(GrantResult result, Guid patientId) => result.Status switch
    {
        GrantStatus.Invalid => Invalid(result),
        GrantStatus.NotFound => Missing(result, patientId),
        _ => Refused(),
    };

    private static ValidationProblem Invalid(GrantResult result) =>
        TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Nothing was changed");

    private static NotFound<ProblemDetails> Missing(GrantResult result, Guid patientId) => result.Errors.Count > 0
        ? TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = result.Errors.Values.First(), Status = 404 })
        : PatientProblems.NotFound(patientId);

    private static ProblemHttpResult Refused() => PatientProblems.Forbidden("Only the patient and their care team manage caregivers.");
}
