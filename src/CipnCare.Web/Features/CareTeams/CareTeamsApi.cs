using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CipnCare.Web.Features.CareTeams;

public static class CareTeamsApi
{
    public sealed record ClinicianCreated(string UserId, string Email, IReadOnlyList<Guid> CareTeamIds);

    public static RouteGroupBuilder MapCareTeams(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        api.MapGet("/care-teams", ListAsync).WithSummary("Care teams with their clinicians and patient counts.");
        api.MapPost("/care-teams", CreateTeamAsync).WithSummary("Create a care team.");
        api.MapPost("/clinicians", CreateClinicianAsync).WithSummary("Create a clinician login in one or more care teams.");
        api.MapGet("/care-teams/{teamId:guid}/settings", GetSettingsAsync).WithSummary("What the team tells patients (review hours, emergency number, crisis line, and the hours and crisis line in Spanish), its on-call email and alert thresholds.");
        api.MapPut("/care-teams/{teamId:guid}/settings", PutSettingsAsync).WithSummary("Change the team's settings; thresholds null = the defaults; spanishReviewHours and spanishCrisisLine empty = Spanish pages show the English, left out = kept unless the English changed.");
        return api;
    }

    public static async Task<Ok<List<CareTeamView>>> ListAsync(CareTeamQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(cancellationToken));

    public static Task<Results<Created<CareTeamView>, ProblemHttpResult>> CreateTeamAsync(
        NewCareTeam request, ClaimsPrincipal user, CreateCareTeam create, CancellationToken cancellationToken) =>
        create.HandleAsync(user, request, cancellationToken)
            .ToHttpResultAsync(team => TypedResults.Created($"/api/admin/care-teams/{team.Id}", new CareTeamView(team.Id, team.Name, team.Phone, [], 0)));

    public static async Task<Results<Ok<TeamSettings>, NotFound>> GetSettingsAsync(Guid teamId, CareTeamQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(teamId, cancellationToken) is { } team
            ? TypedResults.Ok(ChangeTeamSettings.Read(team))
            : TypedResults.NotFound();

    public static Task<Results<Ok<TeamSettings>, ProblemHttpResult>> PutSettingsAsync(
        Guid teamId, TeamSettings body, ClaimsPrincipal user, ChangeTeamSettings change, CancellationToken cancellationToken) =>
        change.HandleAsync(user, teamId, body, cancellationToken).ToHttpResultAsync(TypedResults.Ok);

    public static Task<Results<Created<ClinicianCreated>, ProblemHttpResult>> CreateClinicianAsync(
        NewClinician request, ClaimsPrincipal user, CreateClinician create, CancellationToken cancellationToken) =>
        create.HandleAsync(user, request, cancellationToken)
            .ToHttpResultAsync(account => TypedResults.Created($"/api/admin/clinicians/{account.Id}", new ClinicianCreated(account.Id, account.Email!, request.CareTeamIds ?? [])));
}
