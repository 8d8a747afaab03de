using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CipnCare.Web.Features;

/// <summary>The checks every form applies to phone numbers and email addresses.</summary>
public static partial class ContactDetails
{
    public const string PhoneRule = "digits, spaces, +, -, ( and ) only, up to 40 characters";

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value.Trim());

    public static bool IsEmail(string value) => value.Length <= 256 && new EmailAddressAttribute().IsValid(value.Trim());

    [GeneratedRegex(@"^[0-9+\-() ]{3,40}$")]
    private static partial Regex PhonePattern();
}
