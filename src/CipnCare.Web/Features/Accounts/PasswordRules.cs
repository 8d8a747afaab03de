using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

public static class PasswordRules
{
    /// <summary>Every Identity password rule the password breaks, as one sentence; null when it passes.</summary>
    public static async Task<string?> ProblemsAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}
