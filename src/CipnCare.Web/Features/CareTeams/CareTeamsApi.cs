using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CareTeams;

public static class CareTeamsApi
{
    public sealed record CareTeamView(Guid Id, string Name, string Phone, IReadOnlyList<TeamMemberView> Clinicians, int PatientCount);

    public sealed record TeamMemberView(string UserId, string DisplayName, string? Email);

    public sealed record ClinicianCreated(string UserId, string Email, IReadOnlyList<Guid> CareTeamIds);

    public static RouteGroupBuilder MapCareTeams(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        api.MapGet("/care-teams", ListAsync).WithSummary("Care teams with their clinicians and patient counts.");
        api.MapPost("/care-teams", CreateTeamAsync).WithSummary("Create a care team.");
        api.MapPost("/clinicians", CreateClinicianAsync).WithSummary("Create a clinician login in one or more care teams.");
        api.MapGet("/care-teams/{teamId:guid}/settings", GetSettingsAsync).WithSummary("What the team tells patients (review hours, emergency number, crisis line), its on-call email and alert thresholds.");
        api.MapPut("/care-teams/{teamId:guid}/settings", PutSettingsAsync).WithSummary("Change the team's settings; thresholds null = the defaults.");
        return api;
    }

    public static async Task<Ok<List<CareTeamView>>> ListAsync(CipnDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListTeamsAsync(db, cancellationToken));

    public static async Task<List<CareTeamView>> ListTeamsAsync(CipnDbContext db, CancellationToken cancellationToken)
    {
        var teams = await db.CareTeams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Phone,
                Members = db.CareTeamMembers.Where(m => m.CareTeamId == t.Id)
                    .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new TeamMemberView(u.Id, u.DisplayName, u.Email)).ToList(),
                Patients = db.Patients.Count(p => p.CareTeamId == t.Id),
            })
            .ToListAsync(cancellationToken);
        return teams.Select(t => new CareTeamView(t.Id, t.Name, t.Phone, t.Members.OrderBy(m => m.DisplayName).ToList(), t.Patients)).ToList();
    }

    public static async Task<Results<Created<CareTeamView>, ValidationProblem>> CreateTeamAsync(
        NewCareTeam request, ClaimsPrincipal user, CreateCareTeam create, CancellationToken cancellationToken)
    {
        var result = await create.HandleAsync(user, request, cancellationToken);
        return result.Team is { } team
            ? TypedResults.Created($"/api/admin/care-teams/{team.Id}", new CareTeamView(team.Id, team.Name, team.Phone, [], 0))
            : result.Errors.ToValidationProblem("The care team was not created");
    }

    public static async Task<Results<Ok<TeamSettings>, NotFound>> GetSettingsAsync(Guid teamId, CipnDbContext db, CancellationToken cancellationToken) =>
        await db.CareTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken) is { } team
            ? TypedResults.Ok(ChangeTeamSettings.Read(team))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<TeamSettings>, ValidationProblem, NotFound>> PutSettingsAsync(
        Guid teamId, TeamSettings body, ClaimsPrincipal user, ChangeTeamSettings change, CipnDbContext db, CancellationToken cancellationToken)
    {
        var (found, errors) = await change.HandleAsync(user, teamId, body, cancellationToken);
        if (!found)
        {
            return TypedResults.NotFound();
        }

        return errors.Count > 0
            ? errors.ToValidationProblem("The settings were not changed")
            : TypedResults.Ok(ChangeTeamSettings.Read(await db.CareTeams.AsNoTracking().FirstAsync(t => t.Id == teamId, cancellationToken)));
    }

    public static async Task<Results<Created<ClinicianCreated>, ValidationProblem>> CreateClinicianAsync(
        NewClinician request, ClaimsPrincipal user, CreateClinician create, CancellationToken cancellationToken)
    {
        var result = await create.HandleAsync(user, request, cancellationToken);
        return result.User is { } account
            ? TypedResults.Created($"/api/admin/clinicians/{account.Id}", new ClinicianCreated(account.Id, account.Email!, request.CareTeamIds ?? []))
            : result.Errors.ToValidationProblem("The clinician was not created");
    }
}
