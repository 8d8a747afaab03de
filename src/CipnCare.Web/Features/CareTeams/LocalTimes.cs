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
            ?? await db.CaregiverLinks.Where(l => l.CaregiverUserId == userId).OrderBy(l => l.CreatedAt).Join(db.Patients, l => l.PatientId, p => p.Id, (_, p) => p)
                .Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (_, t) => t.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return TeamZone.FindOrUtc(zone);
    }

    /// <summary>The zone for this request: the patient in the route (or the patient of the response in it), else the person signed in.</summary>
    public async Task<TeamZone> ForRequestAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        if (context.GetRouteValue("patientId") is { } value && Guid.TryParse(value.ToString(), out var patientId))
        {
            return await ForPatientAsync(patientId, ct);
        }

        if (context.GetRouteValue("responseId") is { } response && Guid.TryParse(response.ToString(), out var responseId)
            && await db.InstrumentResponses.Where(r => r.Id == responseId).Select(r => (Guid?)r.PatientId).FirstOrDefaultAsync(ct) is { } owner)
        {
            return await ForPatientAsync(owner, ct); // a check-in's own page: its patient's clock
        }

        return await ForUserAsync(context.User, ct);
    }
}

public static partial class TeamTimeSetup
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Time zone not resolved; the page shows UTC")]
    private static partial void LogUnresolved(ILogger logger, Exception exception);

    /// <summary>Resolves the request's zone once, after sign-in, and sets it for <see cref="Dates"/> for the rest of the request.</summary>
    public static IApplicationBuilder UseTeamTime(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Pages only: APIs and FHIR exchange UTC instants, static files show no dates.
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            try
            {
                Dates.Zone = await context.RequestServices.GetRequiredService<LocalTimes>().ForRequestAsync(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The error and status pages must render while the database is down: UTC, labelled as such.
                Dates.Zone = TeamZone.Utc;
                LogUnresolved(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamTimeSetup)), e);
            }
        }

        await next();
    });
}
