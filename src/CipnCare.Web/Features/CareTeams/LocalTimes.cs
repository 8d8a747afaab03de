using System.Security.Claims;
using CipnCare.Clinical;
using CipnCare.Web.Components.Shared;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CareTeams;

/// <summary>
/// Which care team's clock a time is read and typed in (issue #13). For a patient's data it is the patient's team; for a
/// page that is not about one patient, the signed-in person's team (a clinician's first team, a patient's own team, a
/// carer's patient's team); otherwise UTC. Each request resolves it once (<see cref="TeamTimeSetup.UseTeamTime"/>) so every date on the
/// page is in the same zone, named on the page.
/// </summary>
public sealed class LocalTimes(CipnDbContext db)
{
    /// <summary>The zone of the patient's care team.</summary>
    public async Task<TeamZone> ForPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        TeamZone.FindOrUtc(await db.Patients.Where(p => p.Id == patientId).Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (_, t) => t.TimeZone).FirstOrDefaultAsync(cancellationToken));

    public async Task<TeamZone> ForTeamAsync(Guid teamId, CancellationToken cancellationToken) =>
        TeamZone.FindOrUtc(await db.CareTeams.Where(t => t.Id == teamId).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken));

    /// <summary>The zone of the person signed in: their team's, their own record's team, or their patient's team.</summary>
    public async Task<TeamZone> ForUserAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return TeamZone.Utc;
        }

        var zone = await db.CareTeamMembers.Where(m => m.UserId == userId).Join(db.CareTeams, m => m.CareTeamId, t => t.Id, (_, t) => t).OrderBy(t => t.Name).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Patients.Where(p => p.UserId == userId).Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (_, t) => t.TimeZone).FirstOrDefaultAsync(cancellationToken)
            ?? await db.CaregiverLinks.Where(l => l.CaregiverUserId == userId).Join(db.Patients, l => l.PatientId, p => p.Id, (_, p) => p)
                .Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (_, t) => t.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return TeamZone.FindOrUtc(zone);
    }

    /// <summary>The zone for this request: the patient in the route, else the person signed in.</summary>
    public Task<TeamZone> ForRequestAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetRouteValue("patientId") is { } value && Guid.TryParse(value.ToString(), out var patientId)
            ? ForPatientAsync(patientId, context.RequestAborted)
            : ForUserAsync(context.User, context.RequestAborted);
    }
}

public static class TeamTimeSetup
{
    /// <summary>Resolves the request's zone once, after sign-in, and sets it for <see cref="Dates"/> for the rest of the request.</summary>
    public static IApplicationBuilder UseTeamTime(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Pages only: APIs and FHIR exchange UTC instants, static files show no dates.
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            Dates.Zone = await context.RequestServices.GetRequiredService<LocalTimes>().ForRequestAsync(context);
        }

        await next();
    });
}
