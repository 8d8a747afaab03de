using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.Messages;

/// <summary>
/// Reading messages (issue #19): who may see the patient may read their conversations — except a carer who may only
/// view, unless the patient has allowed it (<see cref="Patient.CarersReadMessages"/>). Every opening is audited; reading
/// a conversation marks it read for that person.
/// </summary>
public sealed class MessageQueries(CipnDbContext db, PatientAccess access, PatientQueries patients, AuditLog audit, TimeProvider clock, IStringLocalizer<MessageQueries> L)
{
    /// <summary>Opens the patient's messages for <paramref name="user"/> (audited as <paramref name="action"/>).</summary>
    public async Task<(AccessOutcome Outcome, PatientView? Patient)> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken cancellationToken)
    {
        if (!await MayReadAsync(db, access, user, patientId, cancellationToken))
        {
            await audit.RecordAsync(user, action, AuditOutcome.Denied, patientId, "a carer who may only view: the patient has not shared their messages", cancellationToken: cancellationToken);
            return (AccessOutcome.Denied, null);
        }

        return await patients.GetAsync(user, patientId, action, cancellationToken);
    }

    /// <summary>
    /// False only for a carer who may view but not report for the patient, when the patient has not shared their messages
    /// with such carers; everyone else is left to <see cref="PatientAccess"/>.
    /// </summary>
    public static async Task<bool> MayReadAsync(CipnDbContext db, PatientAccess access, ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Caregiver) || user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Patient))
        {
            return true;
        }

        return await access.Reportable(user).AnyAsync(p => p.Id == patientId, cancellationToken)
            || await db.Patients.AnyAsync(p => p.Id == patientId && p.CarersReadMessages, cancellationToken);
    }

    /// <summary>Whether <paramref name="user"/> may write in the patient's conversations (the patient, a reporting carer, the team's clinicians).</summary>
    public Task<bool> MayWriteAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken) =>
        access.Reportable(user).AnyAsync(p => p.Id == patientId, cancellationToken);

    /// <summary>Whether <paramref name="user"/> is the patient themself (only they decide who reads their messages).</summary>
    public Task<bool> IsThePatientAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        return db.Patients.AnyAsync(p => p.Id == patientId && userId != null && p.UserId == userId, cancellationToken);
    }

    /// <summary>The team's reply target in working days.</summary>
    public Task<int> ReplyWorkingDaysAsync(Guid careTeamId, CancellationToken cancellationToken) =>
        db.CareTeams.Where(t => t.Id == careTeamId).Select(t => t.ReplyWorkingDays).FirstAsync(cancellationToken);

    /// <summary>The patient's conversations, newest first, with whether each has something new for <paramref name="user"/>. The caller has opened the patient.</summary>
    public async Task<List<ThreadSummary>> ThreadsAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        return await db.MessageThreads.AsNoTracking().Where(t => t.PatientId == patientId).OrderByDescending(t => t.LastMessageAt)
            .Select(t => new ThreadSummary(
                t.Id, t.Subject, t.LastMessageAt,
                db.Messages.Count(m => m.ThreadId == t.Id),
                !db.MessageReads.Any(r => r.ThreadId == t.Id && r.UserId == userId && r.ReadUpTo >= t.LastMessageAt),
                t.WaitingSince, t.ReplyDueAt, t.Language))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One conversation with its messages, opened (audited) and marked read for <paramref name="user"/>; null when there is none to show them.</summary>
    public async Task<(AccessOutcome Outcome, ThreadView? Thread)> ThreadAsync(ClaimsPrincipal user, Guid threadId, CancellationToken cancellationToken)
    {
        var thread = await db.MessageThreads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            await audit.RecordAsync(user, "read messages", AuditOutcome.NotFound, detail: $"no thread {threadId}", cancellationToken: cancellationToken);
            return (AccessOutcome.NotFound, null);
        }

        var (outcome, patient) = await OpenAsync(user, thread.PatientId, "read messages", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return (outcome, null);
        }

        var messages = await db.Messages.AsNoTracking().Where(m => m.ThreadId == threadId).OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var ids = messages.Select(m => m.Id).ToList();
        var photos = (await db.MessageAttachments.AsNoTracking().Where(a => ids.Contains(a.MessageId)).OrderBy(a => a.Id).Select(a => new { a.Id, a.MessageId }).ToListAsync(cancellationToken))
            .ToLookup(a => a.MessageId, a => a.Id);
        if (user.UserId() is { } reader)
        {
            await MarkReadAsync(db, thread.Id, reader, thread.LastMessageAt, cancellationToken);
        }

        return (AccessOutcome.Allowed, new ThreadView(
            thread.Id, patient!, thread.Subject,
            messages.Select(m => new MessageView(m.Id, AttributionFor(m.AuthorName, m.AuthorRole, patient!.GivenName), m.AuthorRole == Roles.Clinician, m.Body, m.SentAt, photos[m.Id].ToList(), m.Language)).ToList(),
            thread.WaitingSince, thread.ReplyDueAt, await MayWriteAsync(user, thread.PatientId, cancellationToken)));
    }

    /// <summary>As <see cref="Attribution"/>, in the language of the page ("Walter Brown, paciente").</summary>
    public string AttributionFor(string name, string role, string patientGivenName) => role switch
    {
        Roles.Caregiver => L["{0}, carer, for {1}", name, patientGivenName],
        Roles.Patient => L["{0}, patient", name],
        _ => L["{0}, care team", name],
    };

    /// <summary>"Anna Schmidt, carer, for Walter"; "Walter Brown, patient"; "Dr Ana Ruiz, care team" (English: records such as FHIR's).</summary>
    public static string Attribution(string name, string role, string patientGivenName) => role switch
    {
        Roles.Caregiver => $"{name}, carer, for {patientGivenName}",
        Roles.Patient => $"{name}, patient",
        _ => $"{name}, care team",
    };

    /// <summary>
    /// Marks the thread read up to <paramref name="upTo"/> for one person, on its own (never in a message's unit of work):
    /// two at once for the same person (a double click) race on one row, and the loser's marker is simply not needed.
    /// </summary>
    public static async Task MarkReadAsync(CipnDbContext db, Guid threadId, string userId, DateTime upTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            var read = await db.MessageReads.FirstOrDefaultAsync(r => r.ThreadId == threadId && r.UserId == userId, cancellationToken);
            if (read is null)
            {
                db.MessageReads.Add(new MessageRead { ThreadId = threadId, UserId = userId, ReadUpTo = upTo });
            }
            else if (read.ReadUpTo < upTo)
            {
                read.ReadUpTo = upTo;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The conversations waiting for a reply from <paramref name="user"/>'s care teams, longest waiting first (the worklist).</summary>
    public async Task<List<WaitingThread>> WaitingForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var teams = await access.TeamIdsAsync(user, cancellationToken);
        var waiting = await WaitingAsync(teams, cancellationToken);
        await audit.RecordAsync(user, "list waiting messages", AuditOutcome.Success, detail: $"{waiting.Count} waiting", cancellationToken: cancellationToken);
        return waiting;
    }

    /// <summary>The teams' conversations waiting for a reply, longest waiting first. Patient names only: the list is the team's own.</summary>
    public Task<List<WaitingThread>> WaitingAsync(IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken) =>
        db.MessageThreads.AsNoTracking().Where(t => t.WaitingSince != null).OrderBy(t => t.WaitingSince)
            .Join(db.Patients, t => t.PatientId, p => p.Id, (t, p) => new { t, p })
            .Where(x => teamIds.Contains(x.p.CareTeamId)) // the patient's team now, not when the conversation began
            .Select(x => new WaitingThread(x.t.Id, x.p.Id, x.p.GivenName + " " + x.p.FamilyName, x.t.Subject, x.t.WaitingSince!.Value, x.t.ReplyDueAt, x.t.Language))
            .ToListAsync(cancellationToken);

    /// <summary>A photo, for someone who may read the patient's messages (audited); null otherwise.</summary>
    public async Task<MessageAttachment?> PhotoAsync(ClaimsPrincipal user, Guid photoId, CancellationToken cancellationToken)
    {
        var photo = await db.MessageAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == photoId, cancellationToken);
        if (photo is null)
        {
            return null;
        }

        var (outcome, _) = await OpenAsync(user, photo.PatientId, "view message photo", cancellationToken);
        return outcome == AccessOutcome.Allowed ? photo : null;
    }

    /// <summary>How long a message has waited, in plain words ("3 hours", "2 days").</summary>
    public static string Waited(DateTime since, DateTime now)
    {
        var waited = now - since;
        return waited.TotalHours < 1 ? "under an hour"
            : waited.TotalHours < 48 ? $"{(int)waited.TotalHours} hour{((int)waited.TotalHours == 1 ? "" : "s")}"
            : $"{(int)waited.TotalDays} days";
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;
}


/// <summary>A conversation in a list; <paramref name="Language"/> is the one its first message (and subject) was written in.</summary>
public sealed record ThreadSummary(Guid Id, string Subject, DateTime LastMessageAt, int Messages, bool Unread, DateTime? WaitingSince, DateTime? ReplyDueAt, string Language = Languages.English);

/// <summary>A message as shown: its attribution in the reader's language, its words as written, in <paramref name="Language"/>.</summary>
public sealed record MessageView(Guid Id, string Attribution, bool FromTeam, string Body, DateTime SentAt, IReadOnlyList<Guid> Photos, string Language = Languages.English);

public sealed record ThreadView(Guid Id, PatientView Patient, string Subject, IReadOnlyList<MessageView> Messages, DateTime? WaitingSince, DateTime? ReplyDueAt, bool MayWrite);

/// <summary>A conversation waiting for the team; <paramref name="Language"/> is the one its first message (and subject) was written in.</summary>
public sealed record WaitingThread(Guid ThreadId, Guid PatientId, string PatientName, string Subject, DateTime WaitingSince, DateTime? ReplyDueAt, string Language = Languages.English);
