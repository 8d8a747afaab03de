using Microsoft.AspNetCore.Identity;

namespace CipnCare.Web.Features.Accounts;

public sealed class AppUser : IdentityUser
{
    /// <summary>The name shown to other people ("Dr Amara Okafor", "Sam Rivera").</summary>
    public string DisplayName { get; set; } = "";
}
