using System.Security.Claims;
using CipnCare.Web.Features.Outcomes;
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
        PatientProblems.ViewAsync(access, user, patientId, "read caregivers", () => queries.ForPatientAsync(user, patientId, cancellationToken), cancellationToken);

    public static Task<Results<Created<InvitationCreated>, ProblemHttpResult>> InviteAsync(
        Guid patientId, NewInvitation body, ClaimsPrincipal user, CaregiverGrants grants, TimeProvider clock, CancellationToken cancellationToken) =>
        grants.InviteAsync(user, patientId, body, cancellationToken)
            .ToHttpResultAsync(made => TypedResults.Created($"/api/patients/{patientId}/caregivers",
                new InvitationCreated(made.Id, made.Link, clock.GetUtcNow().UtcDateTime.AddDays(CaregiverGrants.InvitationDays))));

    public static Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        Guid patientId, Guid invitationId, ClaimsPrincipal user, CaregiverGrants grants, CancellationToken cancellationToken) =>
        grants.CancelInvitationAsync(user, patientId, invitationId, cancellationToken).ToHttpResultAsync(_ => TypedResults.NoContent());

    public static Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid patientId, Guid linkId, ClaimsPrincipal user, CaregiverGrants grants, CancellationToken cancellationToken) =>
        grants.RevokeAsync(user, patientId, linkId, cancellationToken).ToHttpResultAsync(_ => TypedResults.NoContent());

    public static Task<Results<Ok<Accepted>, ProblemHttpResult>> AcceptAsync(
        string token, ClaimsPrincipal user, CaregiverGrants grants, CancellationToken cancellationToken) =>
        grants.AcceptAsync(user, token, cancellationToken).ToHttpResultAsync(patientId => TypedResults.Ok(new Accepted(patientId)));
}
