using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MimeKit;

namespace CipnCare.Web.Features;

/// <summary>The checks every form applies to phone numbers and email addresses.</summary>
public static partial class ContactDetails
{
    public const string PhoneRule = "digits, spaces, +, -, ( and ) only, up to 40 characters";

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value.Trim());

    /// <summary>
    /// One plain address (no name, no comment) that the mail library itself can parse — what the outbox will later hand
    /// to MimeKit. A looser check let "(carer@example.org" in, which MimeKit then could not send (issue #15).
    /// </summary>
    public static bool IsEmail(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return trimmed.Length is > 0 and <= 254
            && new EmailAddressAttribute().IsValid(trimmed)
            && MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[0-9+\-() ]{3,40}$")]
    private static partial Regex PhonePattern();
}
