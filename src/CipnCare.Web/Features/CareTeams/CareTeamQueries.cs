using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CareTeams;

public sealed record CareTeamView(Guid Id, string Name, string Phone, IReadOnlyList<TeamMemberView> Clinicians, int PatientCount);

public sealed record TeamMemberView(string UserId, string DisplayName, string? Email);

/// <summary>Reads of care teams, for the admin pages and API and for choosing a patient's team. Pages call these, never the DbContext.</summary>
public sealed class CareTeamQueries(CipnDbContext db, PatientAccess access)
{
    /// <summary>Every team with its clinicians and how many patients it has (admins only: the callers enforce the role).</summary>
    public async Task<List<CareTeamView>> ListAsync(CancellationToken cancellationToken)
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

    public Task<CareTeam?> FindAsync(Guid teamId, CancellationToken cancellationToken) =>
        db.CareTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);

    /// <summary>The teams this person may register a patient in: every team for an admin, their own for a clinician.</summary>
    public async Task<List<(Guid Id, string Name)>> ForRegistrationAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = await access.TeamIdsAsync(user, cancellationToken);
        var teams = await db.CareTeams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return teams.Where(t => user.IsInRole(Roles.Admin) || own.Contains(t.Id)).Select(t => (t.Id, t.Name)).ToList();
    }
}
