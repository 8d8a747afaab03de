using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Caregivers;

public sealed record CaregiverView(Guid Id, string Name, string Email, string Relationship, CaregiverScope Scope, DateTime? ExpiresAt, DateTime? RevokedAt, bool Active, DateTime Since);

public sealed record InvitationView(Guid Id, string Email, string Relationship, CaregiverScope Scope, DateTime? AccessExpiresAt, DateTime ExpiresAt, DateTime CreatedAt);

public sealed record CaregiversView(IReadOnlyList<CaregiverView> Caregivers, IReadOnlyList<InvitationView> OpenInvitations);

/// <summary>A patient's caregivers and open invitations. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class CaregiverQueries(CipnDbContext db, TimeProvider clock)
{
    public async Task<CaregiversView> ForPatientAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.CaregiverLinks.AsNoTracking().Where(l => l.PatientId == patientId)
            .Join(db.Users, l => l.CaregiverUserId, u => u.Id, (l, u) => new { Link = l, u.DisplayName, u.Email })
            .OrderBy(x => x.Link.CreatedAt)
            .ToListAsync(cancellationToken);
        var invitations = await db.CaregiverInvitations.AsNoTracking()
            .Where(i => i.PatientId == patientId && i.AcceptedAt == null && i.CancelledAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        return new(
            links.Select(x => new CaregiverView(x.Link.Id, x.DisplayName, x.Email ?? "", x.Link.Relationship, x.Link.Scope, x.Link.ExpiresAt, x.Link.RevokedAt, x.Link.IsActive(now), x.Link.CreatedAt)).ToList(),
            invitations.Select(i => new InvitationView(i.Id, i.Email, i.Relationship, i.Scope, i.AccessExpiresAt, i.ExpiresAt, i.CreatedAt)).ToList());
    }
}
