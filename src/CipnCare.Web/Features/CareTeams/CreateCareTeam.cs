using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CareTeams;

public sealed record NewCareTeam(string? Name, string? Phone);

public sealed class CreateCareTeam(CipnDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<CareTeam>> HandleAsync(ClaimsPrincipal user, NewCareTeam input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = "The team name is required (200 characters at most).";
        }
        else if (await db.CareTeams.AnyAsync(t => t.Name == name, cancellationToken))
        {
            errors["name"] = $"There is already a team called {name}.";
        }

        var phone = input.Phone?.Trim();
        if (string.IsNullOrEmpty(phone) || !ContactDetails.IsPhone(phone))
        {
            errors["phone"] = $"The team's phone number is required ({ContactDetails.PhoneRule}). Patients are told to call it.";
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var team = new CareTeam { Id = Guid.CreateVersion7(), Name = name!, Phone = phone!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.CareTeams.Add(team);
        audit.Add(user, "create care team", AuditOutcome.Success, detail: $"team {team.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(team);
    }
}
