using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Caregivers;

/// <summary>
/// Creates a caregiver's account from an open invitation: the sign-in name is the email that was invited, the language
/// the one the invitation page was read in.
/// </summary>
public sealed class CreateCaregiverAccount(CipnDbContext db, UserManager<AppUser> users, AuditLog audit, IStringLocalizer<CreateCaregiverAccount> L)
{
    public async Task<Outcome<AppUser>> HandleAsync(CaregiverInvitation invitation, string? displayName, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var errors = new Dictionary<string, string>();
        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            errors["email"] = L["{0} already has an account: sign in with it to accept.", invitation.Email];
        }

        var name = displayName?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["displayName"] = L["Enter your name as the care team should see it ({0} characters at most).", 200];
        }

        var account = new AppUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = name, Language = Languages.Current };
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = L["Choose a password."];
        }
        else if (await PasswordRules.ProblemsAsync(users, account, password) is { } problems)
        {
            errors["password"] = problems;
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, password!);
        var role = created.Succeeded ? await users.AddToRoleAsync(account, Roles.Caregiver) : created;
        if (!role.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Outcome.Invalid("password", string.Join(" ", role.Errors.Select(e => e.Description)));
        }

        audit.Add(null, "create caregiver account", AuditOutcome.Success, invitation.PatientId, $"user {account.Id} from invitation {invitation.Id}", userName: account.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(account);
    }
}
