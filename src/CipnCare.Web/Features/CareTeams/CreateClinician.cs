using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CareTeams;

public sealed record NewClinician(string? Email, string? DisplayName, string? Password, IReadOnlyList<Guid>? CareTeamIds);

/// <summary>Creates a clinician's login and puts them in one or more care teams, all or nothing.</summary>
public sealed class CreateClinician(CipnDbContext db, UserManager<AppUser> users, AuditLog audit)
{
    public async Task<Outcome<AppUser>> HandleAsync(ClaimsPrincipal user, NewClinician input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !ContactDetails.IsEmail(email))
        {
            errors["email"] = "A valid email address is required; it is the clinician's sign-in name.";
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors["email"] = $"{email} already has a login.";
        }

        var name = input.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["displayName"] = "The clinician's name is required (200 characters at most).";
        }

        var teamIds = (input.CareTeamIds ?? []).Distinct().ToList();
        if (teamIds.Count == 0)
        {
            errors["careTeamIds"] = "Choose at least one care team.";
        }
        else if (await db.CareTeams.CountAsync(t => teamIds.Contains(t.Id), cancellationToken) != teamIds.Count)
        {
            errors["careTeamIds"] = "One of the chosen care teams does not exist.";
        }

        var account = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? "" };
        if (string.IsNullOrEmpty(input.Password))
        {
            errors["password"] = "An initial password is required.";
        }
        else if (await PasswordRules.ProblemsAsync(users, account, input.Password) is { } problems)
        {
            errors["password"] = problems;
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, input.Password!);
        var role = created.Succeeded ? await users.AddToRoleAsync(account, Roles.Clinician) : created;
        if (!role.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            errors["email"] = string.Join(" ", role.Errors.Select(e => e.Description));
            return Outcome.Invalid(errors);
        }

        db.CareTeamMembers.AddRange(teamIds.Select(t => new CareTeamMember { CareTeamId = t, UserId = account.Id }));
        audit.Add(user, "create clinician", AuditOutcome.Success, detail: $"user {account.Id} in {teamIds.Count} team(s)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(account);
    }
}
