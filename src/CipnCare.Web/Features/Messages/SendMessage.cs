using System.Security.Claims;
using CipnCare.Clinical;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Messages;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Messages;

/// <summary>
/// Writing to the care team (issue #19). The patient, and carers who report for them, start conversations and write in
/// them; the patient's care-team clinicians reply. A patient's or carer's message runs through the safety net before it
/// is stored — danger raises an urgent alert and the sender is told at once what to do — and starts the team's reply
/// clock (its reply target in working days). A team's reply stops the clock and emails the patient's side a notice with
/// no health details. The message, its alerts, its audit entry and its emails commit together. What the sender is told is
/// in the page's language; the notice in each recipient's chosen one (English until they choose).
/// </summary>
public sealed class SendMessage(
    CipnDbContext db, PatientAccess access, AuditLog audit, TextTriage triage, RaiseAlerts alerts, Outbox outbox,
    PublicAddress address, TimeProvider clock, IStringLocalizer<SendMessage> L)
{
    public const string EmailKind = "new-message";
    private const string Action = "send message";

    public async Task<Outcome<SentMessage>> StartAsync(ClaimsPrincipal user, Guid patientId, NewMessage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await OpenAsync(user, patientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = Check(input, newThread: true, out var photo);
        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, patientId, errors, cancellationToken);
        }

        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == patientId, cancellationToken);
        var now = Now;
        var thread = new MessageThread { Id = Guid.CreateVersion7(), PatientId = patientId, CareTeamId = patient.CareTeamId, Subject = input.Subject!.Trim(), StartedAt = now, LastMessageAt = now, Language = Languages.Current };
        db.MessageThreads.Add(thread);
        return await AddAsync(user, thread, input.Body!, photo, newThread: true, cancellationToken);
    }

    public async Task<Outcome<SentMessage>> ReplyAsync(ClaimsPrincipal user, Guid threadId, NewMessage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var thread = await db.MessageThreads.FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.NotFound, detail: $"no thread {threadId}", cancellationToken: cancellationToken);
            return Outcome.NotFound(L["There is no such conversation."]);
        }

        if (await OpenAsync(user, thread.PatientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = Check(input, newThread: false, out var photo);
        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, thread.PatientId, errors, cancellationToken);
        }

        return await AddAsync(user, thread, input.Body!, photo, newThread: false, cancellationToken);
    }

    /// <summary>The patient alone decides whether carers who may only view their record read their messages too (audited).</summary>
    public async Task<Outcome<bool>> ShareWithViewOnlyCarersAsync(ClaimsPrincipal user, Guid patientId, bool share, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var patient = userId is null ? null : await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId && p.UserId == userId, cancellationToken);
        if (patient is null)
        {
            await audit.RecordAsync(user, "share messages with carers", AuditOutcome.Denied, patientId, "only the patient decides", cancellationToken: cancellationToken);
            return Outcome.Denied(L["Only the patient decides who reads their messages."]);
        }

        patient.CarersReadMessages = share;
        audit.Add(user, "share messages with carers", AuditOutcome.Success, patientId, share ? "view-only carers may read messages" : "view-only carers may not read messages");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(share);
    }

    /// <summary>Who may write: the patient, a carer who reports for them, their care team's clinicians (not an administrator, not under emergency access).</summary>
    private async Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, Action, cancellationToken);
        return opened.Outcome == AccessOutcome.Allowed ? null
            : opened.Refusal(L["Only the patient, carers who report for them and their care team can write here."]);
    }

    private Dictionary<string, string> Check(NewMessage input, bool newThread, out CleanPhoto? photo)
    {
        var errors = new Dictionary<string, string>();
        photo = null;
        if (newThread && string.IsNullOrWhiteSpace(input.Subject))
        {
            errors["subject"] = L["Say in a few words what it is about."];
        }
        else if (newThread && input.Subject!.Trim().Length > MessageThread.SubjectMaxLength)
        {
            errors["subject"] = L["Keep the subject to {0} characters.", MessageThread.SubjectMaxLength];
        }

        if (string.IsNullOrWhiteSpace(input.Body))
        {
            errors["body"] = L["Write your message."];
        }
        else if (input.Body.Trim().Length > Message.BodyMaxLength)
        {
            errors["body"] = L["A message can be up to {0} characters; send the rest in another one.", Message.BodyMaxLength];
        }

        if (input.Photo is { } bytes)
        {
            var (clean, problem) = Photos.Clean(bytes);
            if (problem is not null)
            {
                errors["photo"] = Say(problem.Value, bytes.Length);
            }

            photo = clean;
        }

        return errors;
    }

    /// <summary>Why the photo was refused, in words the sender can act on.</summary>
    private string Say(PhotoProblem problem, int length) => problem switch
    {
        PhotoProblem.Empty => L["The photo is empty: choose it again."],
        PhotoProblem.TooManyBytes => L["The photo is {0:0.#} MB; photos can be up to 5 MB. Send a smaller one (most phones can share a smaller size).", length / (1024.0 * 1024)],
        PhotoProblem.NotJpegOrPng => L["Send a photo as a JPEG or PNG file (other kinds of file cannot be sent)."],
        PhotoProblem.TooManyPixels => L["The photo is too large to open; send a smaller one."],
        _ => L["The photo could not be read: it may be damaged. Take or choose it again."],
    };

    private async Task<Outcome<SentMessage>> AddAsync(ClaimsPrincipal user, MessageThread thread, string body, CleanPhoto? photo, bool newThread, CancellationToken cancellationToken)
    {
        var now = Now;
        var userId = user.RequiredUserId();
        var role = user.ReportingRole();
        var fromTeam = role == Roles.Clinician;
        var message = new Message
        {
            Id = Guid.CreateVersion7(),
            ThreadId = thread.Id,
            PatientId = thread.PatientId,
            AuthorUserId = userId,
            AuthorName = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "",
            AuthorRole = role,
            Body = body.Trim(),
            Language = Languages.Current,
            SentAt = now,
        };
        db.Messages.Add(message);
        if (photo is not null)
        {
            db.MessageAttachments.Add(new MessageAttachment { Id = Guid.CreateVersion7(), MessageId = message.Id, PatientId = thread.PatientId, ContentType = photo.ContentType, Width = photo.Width, Height = photo.Height, Content = photo.Content });
        }

        // The patient's team now (a patient may have moved team since the conversation began).
        thread.CareTeamId = await db.Patients.Where(p => p.Id == thread.PatientId).Select(p => p.CareTeamId).FirstAsync(cancellationToken);
        var team = await db.CareTeams.AsNoTracking().FirstAsync(t => t.Id == thread.CareTeamId, cancellationToken);
        var zone = TeamZone.FindOrUtc(team.TimeZone);
        if (fromTeam && await UnseenSinceAsync(thread.Id, userId, cancellationToken) is { } unseen)
        {
            // The reply answers what this clinician has read; a message written after that still waits for the team.
            if (thread.WaitingSince != unseen)
            {
                thread.WaitingSince = unseen;
                thread.ReplyDueAt = ReplyTargets.DueAt(unseen, team.ReplyWorkingDays, zone);
                thread.OverdueAlertedAt = null;
            }

            await NotifyPatientSideAsync(thread, cancellationToken);
        }
        else if (fromTeam)
        {
            // The team has answered: nothing waits; the patient's side hears there is something to read.
            thread.WaitingSince = null;
            thread.ReplyDueAt = null;
            thread.OverdueAlertedAt = null;
            var waitingKey = $"message-waiting:{thread.Id}:";
            foreach (var waiting in await db.Alerts.Where(a => a.PatientId == thread.PatientId && a.Code == AlertCode.MessageWaiting && a.Status != AlertStatus.Resolved && a.ConditionKey.StartsWith(waitingKey)).ToListAsync(cancellationToken))
            {
                waiting.Status = AlertStatus.Resolved;
                waiting.ResolvedAt = now;
                waiting.ResolvedByUserId = userId;
                waiting.Resolution = AlertResolution.AnsweredByMessage;
                waiting.ResolutionNote = "The team replied to the message.";
            }

            await NotifyPatientSideAsync(thread, cancellationToken);
        }
        else
        {
            // The safety net, before "sent" is shown: the subject and the message, as the team would read them.
            var found = AlertRules.ForMessage(triage.Assess(newThread ? $"{thread.Subject}.\n{message.Body}" : message.Body), now);
            foreach (var alert in found)
            {
                await alerts.RaiseAsync(thread.PatientId, alert, cancellationToken);
            }

            message.NextStep = AlertRules.NextStep(found);
            if (thread.WaitingSince is null)
            {
                thread.WaitingSince = now;
                thread.ReplyDueAt = ReplyTargets.DueAt(now, team.ReplyWorkingDays, zone);
            }
        }

        thread.LastMessageAt = now;
        audit.Add(user, Action, AuditOutcome.Success, thread.PatientId, $"thread {thread.Id}{(photo is null ? "" : ", with a photo")}{(message.NextStep == PatientNextStep.Routine ? "" : $", safety net: {message.NextStep}")}");
        await db.SaveChangesAsync(cancellationToken);
        await MessageQueries.MarkReadAsync(db, thread.Id, userId, now, cancellationToken); // after the message is safe: a lost race here loses only a read marker
        return Outcome.Ok(new SentMessage(thread.Id, message.Id, message.NextStep, thread.ReplyDueAt));
    }

    /// <summary>When the oldest patient-side message this clinician has not read was sent; null when they have read them all.</summary>
    private async Task<DateTime?> UnseenSinceAsync(Guid threadId, string userId, CancellationToken cancellationToken)
    {
        var readUpTo = await db.MessageReads.Where(r => r.ThreadId == threadId && r.UserId == userId).Select(r => (DateTime?)r.ReadUpTo).FirstOrDefaultAsync(cancellationToken);
        return await db.Messages.Where(m => m.ThreadId == threadId && m.AuthorRole != Roles.Clinician && (readUpTo == null || m.SentAt > readUpTo))
            .OrderBy(m => m.SentAt).Select(m => (DateTime?)m.SentAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The patient (their own account's email, else the one on record) and carers who may read messages: a notice, no
    /// health details, in the language each chose for their account (English without one).
    /// </summary>
    private async Task NotifyPatientSideAsync(MessageThread thread, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == thread.PatientId, cancellationToken);
        var now = Now;
        var account = patient.UserId is null ? null : await db.Users.Where(u => u.Id == patient.UserId).Select(u => new { u.Email, u.Language }).FirstOrDefaultAsync(cancellationToken);
        var recipients = new List<(string? Email, string? Language)> { patient.UserId is null ? (patient.Email, null) : (account?.Email, account?.Language) };
        recipients.AddRange((await db.CaregiverLinks
            .Where(l => l.PatientId == patient.Id && l.RevokedAt == null && (l.ExpiresAt == null || l.ExpiresAt > now)
                && (l.Scope == CaregiverScope.ReportOnBehalf || patient.CarersReadMessages))
            .Join(db.Users, l => l.CaregiverUserId, u => u.Id, (_, u) => new { u.Email, u.Language }).ToListAsync(cancellationToken))
            .Select(u => (u.Email, u.Language)));
        foreach (var (email, language) in recipients.Where(r => r.Email is { Length: > 0 }).DistinctBy(r => r.Email!, StringComparer.OrdinalIgnoreCase))
        {
            using (Languages.Use(language))
            {
                outbox.Enqueue(EmailKind, email!, L["You have a new message in CIPN Care"], string.Join("\n\n",
                    L["Hello,"],
                    L["You have a new message from the care team in CIPN Care. Sign in to read it: {0}", address.Link($"/messages/{thread.Id}")],
                    L["If symptoms are getting worse, do not wait: call the care team. In an emergency call your emergency number."],
                    L["Please do not reply to this email: this mailbox is not read."]));
            }
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}


/// <summary>What someone writes: a subject (for a new conversation), the message and, optionally, a photo's bytes.</summary>
public sealed record NewMessage(string? Subject, string? Body, byte[]? Photo = null);

/// <summary>A message stored: where, what the sender must be told at once, and when the team's reply is due.</summary>
public sealed record SentMessage(Guid ThreadId, Guid MessageId, PatientNextStep NextStep, DateTime? ReplyDueAt);
