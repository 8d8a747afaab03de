using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

public static class PasswordRules
{
    /// <summary>The rules of AccountSetup's Identity password options, in plain words, for every form that sets a password.</summary>
    public const string Hint = "At least 12 characters, with a capital letter, a small letter and a number.";

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
