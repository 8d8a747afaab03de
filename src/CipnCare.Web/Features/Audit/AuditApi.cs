using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CipnCare.Web.Features.Audit;

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        api.MapGet("/", SearchAsync).WithSummary("The audit trail, newest first, 50 a page; filter by patientId, user, action, outcome, from, to (UTC dates).");
        return api;
    }

    public static async Task<Ok<AuditResults>> SearchAsync(
        ClaimsPrincipal user, AuditQueries queries, Guid? patientId, string? who, string? action, AuditOutcome? outcome, DateOnly? from, DateOnly? to, int? page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SearchAsync(user, new AuditFilter(patientId, who, action, outcome, from, to, page ?? 1), cancellationToken));
}
