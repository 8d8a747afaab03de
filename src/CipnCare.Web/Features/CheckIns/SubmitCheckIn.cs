using System.Security.Claims;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CheckIns;

public enum SubmitStatus
{
    Created,

    /// <summary>The same submission key was already stored: the earlier check-in is returned, nothing new stored.</summary>
    AlreadySubmitted,
    Invalid,
    NotFound,
    Denied,
}

public sealed record SubmitCheckInResult(SubmitStatus Status, CheckIn? CheckIn, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Stores one check-in for a patient: checks who may report, validates, scores with the clinical rules and
/// writes the check-in and its audit entry in one transaction. A retry with the same submission key stores
/// nothing new.
/// </summary>
public sealed class SubmitCheckIn(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock)
{
    public const string Action = "create check-in";
    public const int MaxSubmissionKeyLength = 100;

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<SubmitCheckInResult> HandleAsync(ClaimsPrincipal user, Guid patientId, CheckInAnswers answers, string? submissionKey, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, Action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return new(opened.Outcome == AccessOutcome.NotFound ? SubmitStatus.NotFound : SubmitStatus.Denied, null, NoErrors);
        }

        var errors = new Dictionary<string, string>(answers.Validate());
        if (submissionKey is { Length: > MaxSubmissionKeyLength })
        {
            errors["submissionKey"] = $"The submission key must be {MaxSubmissionKeyLength} characters or fewer.";
        }

        if (errors.Count > 0)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, string.Join("; ", errors.Keys), cancellationToken: cancellationToken);
            return new(SubmitStatus.Invalid, null, errors);
        }

        if (submissionKey is not null && await FindBySubmissionKeyAsync(patientId, submissionKey, cancellationToken) is { } earlier)
        {
            return new(SubmitStatus.AlreadySubmitted, earlier, NoErrors);
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId()).Select(u => new { u.DisplayName, u.Email }).FirstAsync(cancellationToken);
        var checkIn = new CheckIn
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
            EnteredByUserId = user.RequiredUserId(),
            EnteredByName = account.DisplayName is { Length: > 0 } name ? name : account.Email ?? "",
            EnteredByRole = user.ReportingRole(),
            SubmissionKey = submissionKey,
        };
        checkIn.Apply(answers, CheckInScoring.Score(answers));
        db.CheckIns.Add(checkIn);
        audit.Add(user, Action, AuditOutcome.Success, patientId, $"check-in {checkIn.Id} entered as {checkIn.EnteredByRole}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (submissionKey is not null)
        {
            // A concurrent retry with the same key won the race: return what it stored.
            db.ChangeTracker.Clear();
            var stored = await FindBySubmissionKeyAsync(patientId, submissionKey, cancellationToken);
            if (stored is null)
            {
                throw;
            }

            return new(SubmitStatus.AlreadySubmitted, stored, NoErrors);
        }

        return new(SubmitStatus.Created, checkIn, NoErrors);
    }

    private Task<CheckIn?> FindBySubmissionKeyAsync(Guid patientId, string key, CancellationToken cancellationToken) =>
        db.CheckIns.AsNoTracking().FirstOrDefaultAsync(c => c.PatientId == patientId && c.SubmissionKey == key, cancellationToken);
}
