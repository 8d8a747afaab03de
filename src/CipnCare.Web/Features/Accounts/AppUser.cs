using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

public sealed class AppUser : IdentityUser
{
    /// <summary>The name shown to other people ("Dr Amara Okafor", "Sam Rivera").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The language the person chose to read CIPN Care in ("en", "es"); null until they choose (the browser's
    /// language decides pages until then, English decides emails).</summary>
    public string? Language { get; set; }
}
