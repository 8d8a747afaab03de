using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Smart;
using CipnCare.Web.Fhir.Bulk;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>
/// A Group per care team (read, and search of the teams the caller works in), whose members are the team's patients the
/// caller may see: what <c>/fhir/Group/{id}/$export</c> exports. For clinicians, administrators and backend services.
/// </summary>
public static class FhirGroupApi
{
    public static RouteGroupBuilder MapFhirGroups(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Group", SearchAsync);
        fhir.MapGet("/Group/{id}", ReadAsync);
        return fhir;
    }

    public static async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CipnDbContext db, PatientAccess access, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!BulkExportApi.MayExport(user))
        {
            return Refused();
        }

        if (FhirInstrumentsApi.Unsupported(request) is { } unsupported)
        {
            return unsupported;
        }

        if (request.Query.ContainsKey("_lastUpdated"))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.NotSupported, "A care team's Group is built as it is now: _lastUpdated does not apply.", "_lastUpdated"));
        }

        var teams = await Teams(user, db).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(cancellationToken);
        var groups = new List<Resource>();
        foreach (var team in teams)
        {
            groups.Add((await GroupAsync(team, user, db, access, cancellationToken))!);
        }

        await audit.RecordAsync(user, "search care-team groups (FHIR)", AuditOutcome.Success, detail: $"{teams.Count} group(s)", cancellationToken: cancellationToken);
        return Bundles.Paged(request, groups);
    }

    public static async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CipnDbContext db, PatientAccess access, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!BulkExportApi.MayExport(user))
        {
            return Refused();
        }

        if (!Guid.TryParse(id, out var teamId) || !await Teams(user, db).AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            await audit.RecordAsync(user, "read care-team group (FHIR)", AuditOutcome.NotFound, detail: $"Group/{id}", cancellationToken: cancellationToken);
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Group/{id} you may see.");
        }

        var group = await GroupAsync(teamId, user, db, access, cancellationToken);
        await audit.RecordAsync(user, "read care-team group (FHIR)", AuditOutcome.Success, detail: $"Group/{id}: {group!.Quantity} patient(s)", cancellationToken: cancellationToken);
        return new FhirResult(group);
    }

    /// <summary>The teams whose Group the caller may see: a backend service's own, a clinician's, every team for an administrator.</summary>
    internal static IQueryable<Features.CareTeams.CareTeam> Teams(ClaimsPrincipal user, CipnDbContext db)
    {
        if (SmartClaims.ClientTeamOf(user) is { } serviceTeam)
        {
            return db.CareTeams.Where(t => t.Id == serviceTeam);
        }

        var userId = user.UserId();
        return user.IsInRole(Roles.Admin) ? db.CareTeams : db.CareTeams.Where(t => db.CareTeamMembers.Any(m => m.UserId == userId && m.CareTeamId == t.Id));
    }

    private static async Task<Group?> GroupAsync(Guid teamId, ClaimsPrincipal user, CipnDbContext db, PatientAccess access, CancellationToken cancellationToken)
    {
        var name = await db.CareTeams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var members = await access.Visible(user).Where(p => p.CareTeamId == teamId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        return new Group
        {
            Id = teamId.ToString(),
            Identifier = [new Identifier(FhirCodes.CareTeamSystem, teamId.ToString())],
            Active = true,
            Type = Group.GroupType.Person,
            Actual = true,
            Name = $"Patients of {name}",
            Quantity = members.Count,
            Member = members.Select(m => new Group.MemberComponent { Entity = new ResourceReference($"Patient/{m}") }).ToList(),
        };
    }

    private static FhirResult Refused() =>
        FhirResult.Problem(StatusCodes.Status403Forbidden, "Care-team groups are for clinicians, administrators and registered backend services.");
}
