using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CipnCare.Clinical;
using CipnCare.Web.Components.Shared;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Caregivers;

public sealed record NewInvitation(string? Email, string? Relationship, CaregiverScope? Scope, DateOnly? AccessUntil);

/// <summary>An invitation made: its id and the one-time link emailed (only the token's hash is stored).</summary>
public sealed record InvitationMade(Guid Id, string Link);

/// <summary>
/// Who may see a patient's record and report for them, beyond the patient and their care team. The patient or a team
/// clinician invites a caregiver by email with a scope (report on behalf, or view only) and an optional end date; the
/// invitee accepts with an account on that email; the patient, a team clinician or the caregiver can revoke it. Every
/// step is audited against the patient's record. Messages are in the reader's language; the invitation email in the
/// inviter's (the invitee has no account, so no language of their own, yet).
/// </summary>
public sealed class CaregiverGrants(CipnDbContext db, PatientAccess access, AuditLog audit, UserManager<AppUser> users, Outbox outbox, TimeProvider clock, LocalTimes times, PublicAddress address, IStringLocalizer<CaregiverGrants> L)
{
    public const int InvitationDays = 14;
    public const int MaxAccessYears = 2;
    public const int MaxRelationshipLength = 60;

    public const string InvitationEmailKind = "caregiver-invitation";

    /// <summary>
    /// Creates an invitation and emails the link to the caregiver (through the outbox, in the same transaction); the
    /// result also carries the one-time token (only its hash is stored), so the inviter can pass the link on by hand.
    /// </summary>
    public async Task<Outcome<InvitationMade>> InviteAsync(ClaimsPrincipal user, Guid patientId, NewInvitation input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "invite caregiver";
        if (await ManagerAsync(user, patientId, action, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>();
        var email = input.Email?.Trim() ?? "";
        if (!ContactDetails.IsEmail(email))
        {
            errors["email"] = L["Enter the caregiver's email address, like name@example.com."];
        }

        var relationship = input.Relationship?.Trim() ?? "";
        if (relationship.Length is 0 or > MaxRelationshipLength)
        {
            errors["relationship"] = L["Say how they are related to the patient (for example daughter, husband, friend), {0} characters at most.", MaxRelationshipLength];
        }

        if (input.Scope is not { } scope || !Enum.IsDefined(scope))
        {
            errors["scope"] = L["Choose whether they may report on the patient's behalf or only see the record."];
        }

        var zone = await times.ForPatientAsync(patientId, cancellationToken);
        var today = zone.Today(clock); // the team's date
        if (input.AccessUntil is { } until && (until <= today || until > today.AddYears(MaxAccessYears)))
        {
            errors["accessUntil"] = L["The end date must be after today and within {0} years; leave it empty for no end date.", MaxAccessYears];
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = address.Link($"/invitations/{token}");
        var invitation = new CaregiverInvitation
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Email = email,
            Relationship = relationship,
            Scope = input.Scope!.Value,
            AccessExpiresAt = input.AccessUntil is { } last ? zone.StartOfDay(last.AddDays(1)) : null, // through the whole last day, on the team's calendar
            TokenHash = Hash(token),
            InvitedByUserId = user.RequiredUserId(),
            CreatedAt = now,
            ExpiresAt = now.AddDays(InvitationDays),
        };
        db.CaregiverInvitations.Add(invitation);
        var inviter = await db.Users.Where(u => u.Id == invitation.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? L["Someone"];
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (p, t) => new { p.GivenName, Team = t.Name, t.Phone }).FirstAsync(cancellationToken);
        outbox.Enqueue(InvitationEmailKind, email, L["You are invited to help as a carer in CIPN Care"], // in the language of the page it was sent from
            InvitationEmail(inviter, patient.GivenName, patient.Team, patient.Phone, invitation, link, zone));
        audit.Add(user, action, AuditOutcome.Success, patientId, $"invitation {invitation.Id}, {invitation.Scope}, emailed");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(new InvitationMade(invitation.Id, link));
    }

    /// <summary>The open invitation behind a token, if any (for the invitation page, before anyone is signed in).</summary>
    public async Task<CaregiverInvitation?> FindOpenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var invitation = await db.CaregiverInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is not null && invitation.IsOpen(clock.GetUtcNow().UtcDateTime) ? invitation : null;
    }

    /// <summary>
    /// The signed-in caregiver accepts: their account's email must be the one invited. Renews an earlier (revoked or
    /// expired) grant for the same patient rather than adding a second.
    /// </summary>
    public async Task<Outcome<Guid>> AcceptAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken)
    {
        const string action = "accept caregiver invitation";
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(token);
        var invitation = await db.CaregiverInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || !invitation.IsOpen(now))
        {
            await audit.RecordAsync(user, action, AuditOutcome.NotFound, invitation?.PatientId, "no open invitation for this link", cancellationToken: cancellationToken);
            return Outcome.NotFound(L["This invitation link has expired, was cancelled or was already used. Ask for a new one."]);
        }

        var account = await users.FindByIdAsync(user.RequiredUserId());
        if (account is null || !string.Equals(account.Email, invitation.Email, StringComparison.OrdinalIgnoreCase) || !user.IsInRole(Roles.Caregiver))
        {
            await audit.RecordAsync(user, action, AuditOutcome.Denied, invitation.PatientId, "signed in with another account than the one invited", cancellationToken: cancellationToken);
            return Outcome.Denied(L["This invitation is for the caregiver account of {0}. Sign in with that account.", invitation.Email]);
        }

        var link = await db.CaregiverLinks.FirstOrDefaultAsync(l => l.PatientId == invitation.PatientId && l.CaregiverUserId == account.Id, cancellationToken);
        if (link?.RevokedAt is { } revoked && revoked >= invitation.CreatedAt)
        {
            // Made before this person's access was ended: accepting it must not bring the access back (issue #15).
            invitation.CancelledAt ??= now;
            audit.Add(user, action, AuditOutcome.Denied, invitation.PatientId, $"invitation {invitation.Id} predates the revocation of grant {link.Id}");
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Denied(L["This invitation was made before your access to this record was ended, so it no longer works. Ask the patient or their care team for a new one."]);
        }

        if (link is null)
        {
            link = new CaregiverLink { Id = Guid.CreateVersion7(), PatientId = invitation.PatientId, CaregiverUserId = account.Id, CreatedAt = now };
            db.CaregiverLinks.Add(link);
        }

        link.Relationship = invitation.Relationship;
        link.Scope = invitation.Scope;
        link.ExpiresAt = invitation.AccessExpiresAt;
        link.RevokedAt = null;
        link.RevokedByUserId = null;
        link.GrantedByUserId = invitation.InvitedByUserId;
        invitation.AcceptedAt = now;
        invitation.AcceptedByUserId = account.Id;
        audit.Add(user, action, AuditOutcome.Success, invitation.PatientId, $"grant {link.Id}, {link.Scope}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(link.PatientId);
    }

    /// <summary>Ends a caregiver's access: the patient, a team clinician, or the caregiver themself.</summary>
    public async Task<Outcome<Done>> RevokeAsync(ClaimsPrincipal user, Guid patientId, Guid linkId, CancellationToken cancellationToken)
    {
        const string action = "revoke caregiver";
        var link = await db.CaregiverLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.PatientId == patientId, cancellationToken);
        var own = link is not null && link.CaregiverUserId == user.UserId();
        if (!own && await ManagerAsync(user, patientId, action, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (link is null)
        {
            return Outcome.NotFound(L["There is no such caregiver for this patient."]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        link.RevokedAt ??= now;
        link.RevokedByUserId ??= user.RequiredUserId();

        // Their other open invitations for this patient end too: accepting one must not restore, or widen, the access.
        var email = (await users.FindByIdAsync(link.CaregiverUserId))?.Email;
        var open = (await db.CaregiverInvitations.Where(i => i.PatientId == patientId && i.AcceptedAt == null && i.CancelledAt == null).ToListAsync(cancellationToken))
            .Where(i => string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase)).ToList(); // a patient's few open invitations
        foreach (var invitation in open)
        {
            invitation.CancelledAt = now;
        }

        audit.Add(user, action, AuditOutcome.Success, patientId, $"grant {link.Id}{(own ? " (by the caregiver)" : "")}{(open.Count > 0 ? $", {open.Count} open invitation(s) cancelled" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Cancels an invitation that has not been accepted.</summary>
    public async Task<Outcome<Done>> CancelInvitationAsync(ClaimsPrincipal user, Guid patientId, Guid invitationId, CancellationToken cancellationToken)
    {
        const string action = "cancel caregiver invitation";
        if (await ManagerAsync(user, patientId, action, cancellationToken) is { } refused)
        {
            return refused;
        }

        var invitation = await db.CaregiverInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.PatientId == patientId, cancellationToken);
        if (invitation is null || invitation.AcceptedAt is not null)
        {
            return Outcome.NotFound(L["There is no open invitation to cancel."]);
        }

        invitation.CancelledAt ??= clock.GetUtcNow().UtcDateTime;
        audit.Add(user, action, AuditOutcome.Success, patientId, $"invitation {invitation.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Only the patient (on their own record) and team clinicians manage caregivers; null when the caller may.</summary>
    private async Task<Failure?> ManagerAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, action, cancellationToken);
        if (opened.Outcome == AccessOutcome.NotFound)
        {
            return Outcome.NotFound(L["There is no such patient."]);
        }

        var isPatient = user.IsInRole(Roles.Patient) && opened.Patient?.UserId == user.UserId();
        if (opened.Outcome == AccessOutcome.Allowed && (isPatient || user.IsInRole(Roles.Clinician)))
        {
            return null;
        }

        if (opened.Outcome == AccessOutcome.Allowed)
        {
            await audit.RecordAsync(user, action, AuditOutcome.Denied, patientId, "only the patient and their care team manage caregivers", cancellationToken: cancellationToken);
        }

        return Outcome.Denied(L["Only the patient and their care team manage caregivers."]);
    }

    /// <summary>The last day of access on the team's calendar: access ends when that day does.</summary>
    public static DateOnly LastDay(DateTime accessEndsAt, TeamZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.DayOf(accessEndsAt.AddTicks(-1));
    }

    /// <summary>
    /// Plain text, no medical details: who invited, for whom (first name), what access, and the link; in the current UI
    /// language (the inviter's page).
    /// </summary>
    private string InvitationEmail(string inviter, string patientFirstName, string team, string teamPhone, CaregiverInvitation invitation, string link, TeamZone zone)
    {
        var report = invitation.Scope == CaregiverScope.ReportOnBehalf;
        var access = invitation.AccessExpiresAt is { } end
            ? report
                ? L["You will be able to see their nerve-symptom check-ins and fill them in on their behalf, until {0} (the last day of access).", Dates.Written(LastDay(end, zone))]
                : L["You will be able to see their nerve-symptom check-ins, until {0} (the last day of access).", Dates.Written(LastDay(end, zone))]
            : report
                ? L["You will be able to see their nerve-symptom check-ins and fill them in on their behalf."]
                : L["You will be able to see their nerve-symptom check-ins."];
        return string.Join("\n",
            L["Hello,"],
            "",
            L["{0} has invited you to help look after {1} in CIPN Care, the service their care team ({2}) uses to follow nerve symptoms during and after cancer treatment.", inviter, patientFirstName, team],
            "",
            access,
            "",
            L["To accept, open this link within {0} days and sign in, or create an account, with this email address:", InvitationDays],
            link,
            "",
            L["If you did not expect this email, ignore it: nobody gets access until you accept."],
            "",
            L["Please do not reply: this mailbox is not read. For anything about care, call the care team on {0}. In an emergency, call your local emergency number.", teamPhone]);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
