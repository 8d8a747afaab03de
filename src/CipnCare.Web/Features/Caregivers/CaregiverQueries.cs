using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Caregivers;

public sealed record CaregiverView(Guid Id, string Name, string Email, string Relationship, CaregiverScope Scope, DateTime? ExpiresAt, DateTime? RevokedAt, bool Active, DateTime Since);

public sealed record InvitationView(Guid Id, string Email, string Relationship, CaregiverScope Scope, DateTime? AccessExpiresAt, DateTime ExpiresAt, DateTime CreatedAt);

/// <summary><paramref name="MayManage"/>: the caller invites and revokes carers here (<see cref="CaregiverQueries.MayManageAsync"/>).</summary>
public sealed record CaregiversView(IReadOnlyList<CaregiverView> Caregivers, IReadOnlyList<InvitationView> OpenInvitations, bool MayManage = false);

/// <summary>A patient's caregivers and open invitations. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class CaregiverQueries(CipnDbContext db, TimeProvider clock, PatientAccess access)
{
    /// <summary>
    /// The one rule for every door (page and API): the patient on their own record and the team's clinicians see every
    /// carer and open invitation; anyone else who may see the record (a carer, an admin) sees only their own access,
    /// never the other carers' names and email addresses (issue #15).
    /// </summary>
    public async Task<CaregiversView> ForPatientAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        var manager = await MayManageAsync(user, patientId, cancellationToken);
        var onlyUser = manager ? null : user.UserId() ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.CaregiverLinks.AsNoTracking().Where(l => l.PatientId == patientId && (onlyUser == null || l.CaregiverUserId == onlyUser))
            .Join(db.Users, l => l.CaregiverUserId, u => u.Id, (l, u) => new { Link = l, u.DisplayName, u.Email })
            .OrderBy(x => x.Link.CreatedAt)
            .ToListAsync(cancellationToken);
        var invitations = await db.CaregiverInvitations.AsNoTracking()
            .Where(i => manager && i.PatientId == patientId && i.AcceptedAt == null && i.CancelledAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        return new(
            links.Select(x => new CaregiverView(x.Link.Id, x.DisplayName, x.Email ?? "", x.Link.Relationship, x.Link.Scope, x.Link.ExpiresAt, x.Link.RevokedAt, x.Link.IsActive(now), x.Link.CreatedAt)).ToList(),
            invitations.Select(i => new InvitationView(i.Id, i.Email, i.Relationship, i.Scope, i.AccessExpiresAt, i.ExpiresAt, i.CreatedAt)).ToList(),
            manager);
    }

    /// <summary>Whether the caller manages this patient's carers: the patient on their own record, or a clinician of the patient's team.</summary>
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Clinician))
        {
            return await access.Reportable(user).AnyAsync(p => p.Id == patientId, cancellationToken);
        }

        var userId = user.UserId();
        return user.IsInRole(Roles.Patient) && userId is not null && await db.Patients.AnyAsync(p => p.Id == patientId && p.UserId == userId, cancellationToken);
    }
}
