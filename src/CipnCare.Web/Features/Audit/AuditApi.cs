using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CipnCare.Web.Features.Audit;

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        api.MapGet("/verify", VerifyAsync).WithSummary("Walks the tamper-evident chain: {intact, checked, firstBrokenId, problem}. Editing or deleting any event is found.");
        api.MapGet("/export.csv", ExportAsync).WithSummary("The matching events as CSV (the same filters and sort; at most 50,000 rows), formula-safe; the export is audited.");
        api.MapGet("/", SearchAsync).WithSummary("The audit trail, newest first, 50 a page; filter by patientId, user, action, outcome, from, to (UTC dates).");
        return api;
    }

    public static async Task<Ok<AuditVerification>> VerifyAsync(ClaimsPrincipal user, CipnDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var verification = await AuditChain.VerifyAsync(db, cancellationToken);
        await audit.RecordAsync(user, "verify audit trail", AuditOutcome.Success, detail: verification.Intact ? $"intact, {verification.Checked} events" : $"BROKEN at event id {verification.FirstBrokenId}: {verification.Problem}", cancellationToken: cancellationToken);
        return TypedResults.Ok(verification);
    }

    public static async Task<Ok<AuditResults>> SearchAsync(
        ClaimsPrincipal user, AuditQueries queries, Guid? patientId, string? who, string? action, AuditOutcome? outcome, DateOnly? from, DateOnly? to, int? page, AuditSort? sort, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SearchAsync(user, new AuditFilter(patientId, who, action, outcome, from, to, page ?? 1, Sort: sort ?? AuditSort.Newest), cancellationToken));

    public static async Task<FileContentHttpResult> ExportAsync(
        ClaimsPrincipal user, AuditQueries queries, Guid? patientId, string? who, string? action, AuditOutcome? outcome, DateOnly? from, DateOnly? to, AuditSort? sort, CancellationToken cancellationToken) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await queries.ExportCsvAsync(user, new AuditFilter(patientId, who, action, outcome, from, to, Sort: sort ?? AuditSort.Newest), cancellationToken)),
            "text/csv; charset=utf-8", "cipncare-audit.csv");
}
