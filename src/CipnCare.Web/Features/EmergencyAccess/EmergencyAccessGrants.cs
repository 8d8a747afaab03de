using System.Globalization;
using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.EmergencyAccess;

/// <summary>A grant as people see it: who opened whose record, why, and until when.</summary>
public sealed record EmergencyAccessView(Guid Id, Guid PatientId, string PatientName, string Mrn, string ClinicianName, string Reason, DateTime StartedAt, DateTime ExpiresAt, bool Active);

public sealed record EmergencyAccessStarted(Guid Id, Guid PatientId, DateTime ExpiresAt);

/// <summary>
/// Emergency access (ONC §170.315(d)(6); issue #15): a clinician who is not in a patient's care team may open the
/// record, read-only, after stating why, for <see cref="Duration"/>. <see cref="PatientAccess"/> honours the grant;
/// every view under it is audited as emergency access, and every admin is emailed (no health details) to review it.
/// </summary>
public sealed class EmergencyAccessGrants(CipnDbContext db, AuditLog audit, Outbox outbox, UserManager<AppUser> users, PublicAddress address, TimeProvider clock)
{
    public const string Action = "emergency access";
    public const string AdminEmailKind = "emergency-access";
    public const int ReasonMinLength = 20;
    public const int ReasonMaxLength = 500;
    public static readonly TimeSpan Duration = TimeSpan.FromHours(4);

    public async Task<Outcome<EmergencyAccessStarted>> StartAsync(ClaimsPrincipal user, string? mrn, string? reason, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Clinician))
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Denied, detail: "only clinicians may use emergency access", cancellationToken: cancellationToken);
            return Outcome.Denied("Only clinicians may use emergency access.");
        }

        var errors = new Dictionary<string, string>();
        mrn = mrn?.Trim();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(mrn))
        {
            errors["mrn"] = "Enter the patient's MRN (medical record number).";
        }

        if (reason is null || reason.Length < ReasonMinLength)
        {
            errors["reason"] = $"Say why you need this record now, in at least {ReasonMinLength} characters (for example: \"seen in the emergency department after a fall\").";
        }
        else if (reason.Length > ReasonMaxLength)
        {
            errors["reason"] = $"Keep the reason to {ReasonMaxLength} characters.";
        }

        var patient = string.IsNullOrEmpty(mrn) ? null : await db.Patients.AsNoTracking().Where(p => p.Mrn == mrn).Select(p => new { p.Id, p.CareTeamId }).FirstOrDefaultAsync(cancellationToken);
        if (patient is null && !errors.ContainsKey("mrn"))
        {
            errors["mrn"] = "No patient has that MRN. Check it against the patient's wristband or letter.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, null, errors, cancellationToken);
        }

        var userId = user.RequiredUserId();
        if (await db.CareTeamMembers.AnyAsync(m => m.UserId == userId && m.CareTeamId == patient!.CareTeamId, cancellationToken))
        {
            return Outcome.Conflict("mrn", "This patient is in one of your care teams: open their record from your patient list.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new EmergencyAccessGrant { Id = Guid.CreateVersion7(), PatientId = patient!.Id, ClinicianUserId = userId, Reason = reason!, StartedAt = now, ExpiresAt = now + Duration };
        db.EmergencyAccessGrants.Add(grant);
        audit.Add(user, Action, AuditOutcome.Success, patient.Id, $"until {grant.ExpiresAt:yyyy-MM-dd HH:mm} UTC; reason: {reason}");
        var clinician = await db.Users.AsNoTracking().Where(u => u.Id == grant.ClinicianUserId).Select(u => new { u.DisplayName, u.Email }).FirstAsync(cancellationToken);
        foreach (var admin in await users.GetUsersInRoleAsync(Roles.Admin))
        {
            if (admin.Email is { } to)
            {
                outbox.Enqueue(AdminEmailKind, to, "Emergency access used in CIPN Care", AdminEmail(clinician.DisplayName, clinician.Email, grant));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(new EmergencyAccessStarted(grant.Id, grant.PatientId, grant.ExpiresAt));
    }

    /// <summary>Admins: every grant, newest first; clinicians: their own. Audited.</summary>
    public async Task<IReadOnlyList<EmergencyAccessView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.RequiredUserId();
        var admin = user.IsInRole(Roles.Admin);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.EmergencyAccessGrants.AsNoTracking()
            .Where(g => admin || g.ClinicianUserId == userId)
            .OrderByDescending(g => g.StartedAt)
            .Take(200)
            .Join(db.Patients, g => g.PatientId, p => p.Id, (g, p) => new { g, p.GivenName, p.FamilyName, p.Mrn })
            .Join(db.Users, x => x.g.ClinicianUserId, u => u.Id, (x, u) => new { x.g, x.GivenName, x.FamilyName, x.Mrn, u.DisplayName })
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(user, "list emergency access", AuditOutcome.Success, detail: $"{rows.Count} grants", cancellationToken: cancellationToken);
        return rows.Select(r => new EmergencyAccessView(r.g.Id, r.g.PatientId, $"{r.GivenName} {r.FamilyName}", r.Mrn, r.DisplayName, r.g.Reason, r.g.StartedAt, r.g.ExpiresAt, r.g.ExpiresAt > now))
            .OrderByDescending(r => r.StartedAt).ToList();
    }

    private string AdminEmail(string name, string? email, EmergencyAccessGrant grant) => $"""
        Hello,

        {name} ({email}) used emergency access to open a patient's record in CIPN Care
        at {grant.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. The access ends at {grant.ExpiresAt.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.

        Please review the reason they gave and what they viewed:
        {address.Link("/emergency-access")}

        This email has no health details on purpose.

        CIPN Care
        """;
}
