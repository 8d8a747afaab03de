using System.Security.Claims;
using CipnCare.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CipnCare.Web.Features.Accounts;

/// <summary>
/// Whether a signed-in principal's account still stands as it did when it signed in: same security stamp (a password
/// change renews it), not locked, and still in every role the principal claims (issue #15). Every bearer request asks,
/// so the account and its role names are read in one query (issue #17: it was three reads through Identity).
/// </summary>
public sealed class AccountStanding(CipnDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    private AppUser? _checked;

    /// <summary>The account of <paramref name="principal"/> as this request already read it to check it, if it did (a bearer request).</summary>
    public AppUser? Checked(ClaimsPrincipal principal) =>
        _checked is { } account && principal?.UserId() == account.Id ? account : null;

    /// <summary>The account behind <paramref name="principal"/> (not tracked) when it still stands; otherwise null.</summary>
    public async Task<AppUser?> StillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = identity.Value.ClaimsIdentity;
        if (principal.UserId() is not { } userId || principal.FindFirstValue(claims.SecurityStampClaimType) is not { } stamp)
        {
            return null;
        }

        var found = await StandingQuery.For(db)(db, userId, cancellationToken);
        if (found is null || found.Account.SecurityStamp != stamp || (found.Account.LockoutEnabled && found.Account.LockoutEnd >= clock.GetUtcNow()))
        {
            return null;
        }

        return _checked = principal.FindAll(claims.RoleClaimType).All(r => found.Roles.Contains(r.Value)) ? found.Account : null;
    }

    private sealed record Standing(AppUser Account, List<string?> Roles);

    /// <summary>The account and the names of its roles, in one query, compiled once (<see cref="CompiledQuery{TQuery}"/>).</summary>
    private static readonly CompiledQuery<Func<CipnDbContext, string, CancellationToken, Task<Standing?>>> StandingQuery = new(() =>
        EF.CompileAsyncQuery((CipnDbContext db, string userId, CancellationToken _) => db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Standing(u, db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name).ToList()))
            .FirstOrDefault()));
}
