using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;

namespace CipnCare.Web.Features.EmergencyAccess;

public static class EmergencyAccessApi
{
    public sealed record StartRequest([property: MaxLength(64)] string? Mrn, [property: MaxLength(EmergencyAccessGrants.ReasonMaxLength + 100)] string? Reason);

    public static IEndpointRouteBuilder MapEmergencyAccess(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/emergency-access").WithTags("Emergency access").RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
        api.MapPost("/", (StartRequest body, ClaimsPrincipal user, EmergencyAccessGrants grants, CancellationToken ct) =>
                grants.StartAsync(user, body.Mrn, body.Reason, ct).ToHttpResultAsync(started => TypedResults.Created($"/api/patients/{started.PatientId}", started)))
            .WithSummary("A clinician outside the patient's teams opens the record read-only for four hours, with a reason (at least 20 characters); admins are emailed. 409 when the patient is already in one of your teams.");
        api.MapGet("/", async (ClaimsPrincipal user, EmergencyAccessGrants grants, CancellationToken ct) => TypedResults.Ok(await grants.ListAsync(user, ct)))
            .WithSummary("Emergency access grants: every one for admins, your own for clinicians (newest first, at most 200).");
        return app;
    }
}
