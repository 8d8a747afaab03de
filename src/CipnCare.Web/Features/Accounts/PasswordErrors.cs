using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Identity's password rules (<see cref="PasswordRules.ProblemsAsync"/>) in the reader's language: the English keys
/// are Identity's own words, so English reads as before. Other Identity errors keep Identity's English.
/// </summary>
public sealed class PasswordErrors(IStringLocalizer<PasswordErrors> L) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => With(base.PasswordTooShort(length), L["Passwords must be at least {0} characters.", length]);

    public override IdentityError PasswordRequiresDigit() => With(base.PasswordRequiresDigit(), L["Passwords must have at least one digit ('0'-'9')."]);

    public override IdentityError PasswordRequiresLower() => With(base.PasswordRequiresLower(), L["Passwords must have at least one lowercase ('a'-'z')."]);

    public override IdentityError PasswordRequiresUpper() => With(base.PasswordRequiresUpper(), L["Passwords must have at least one uppercase ('A'-'Z')."]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => With(base.PasswordRequiresNonAlphanumeric(), L["Passwords must have at least one non alphanumeric character."]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => With(base.PasswordRequiresUniqueChars(uniqueChars), L["Passwords must use at least {0} different characters.", uniqueChars]);

    private static IdentityError With(IdentityError error, string description)
    {
        error.Description = description;
        return error;
    }
}
