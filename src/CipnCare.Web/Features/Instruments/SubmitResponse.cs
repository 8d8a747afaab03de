using System.Data.Common;
using System.Security.Claims;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Instruments;

/// <summary>The stored response; <paramref name="Replayed"/> when the same submission key was already stored (nothing new was stored).</summary>
public sealed record Submitted(InstrumentResponse Response, bool Replayed);

/// <summary>
/// Stores one completed response for a patient, from any door (the form, the API, FHIR): checks who may report,
/// validates the answers against the exact instrument version, scores them, and writes the response, its scores and
/// the audit entry in one transaction. Answers to items that were not asked (a branch left) are dropped. A retry with
/// the same submission key stores nothing new.
/// </summary>
public sealed class SubmitResponse(CipnDbContext db, PatientAccess access, AccountStanding standing, AuditLog audit, RaiseAlerts alerts, CipnMetrics metrics, TimeProvider clock)
{
    public const string Action = "submit questionnaire response";
    public const int MaxSubmissionKeyLength = 100;

    public async Task<Outcome<Submitted>> HandleAsync(
        ClaimsPrincipal user, Guid patientId, LoadedInstrument? instrument, IReadOnlyDictionary<string, Answer> answers, IReadOnlyDictionary<string, string> inputErrors,
        string? submissionKey, DateTime? authoredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);

        // One connection for the access check, the rules' reads and the save, instead of EF opening and closing it for each
        // (on SQLite each open also registers EF's functions and sets the busy timeout). Closed however this ends.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await SubmitAsync(user, patientId, instrument, answers, inputErrors, submissionKey, authoredAt, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Outcome<Submitted>> SubmitAsync(
        ClaimsPrincipal user, Guid patientId, LoadedInstrument? instrument, IReadOnlyDictionary<string, Answer> answers, IReadOnlyDictionary<string, string> inputErrors,
        string? submissionKey, DateTime? authoredAt, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, Action, cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return opened.Refusal("You may not report for this patient.");
        }

        if (instrument is null)
        {
            await audit.RecordAsync(user, Action, AuditOutcome.Invalid, patientId, "unknown questionnaire", cancellationToken: cancellationToken);
            return Outcome.Invalid("questionnaire", "There is no such questionnaire (url and version).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>(inputErrors);
        foreach (var (key, message) in ResponseRules.Validate(instrument.Definition, answers))
        {
            errors.TryAdd(key, message);
        }

        if (submissionKey is { Length: > MaxSubmissionKeyLength })
        {
            errors["submissionKey"] = $"The submission key must be {MaxSubmissionKeyLength} characters or fewer.";
        }

        if (authoredAt is { } authored && authored.ToUniversalTime() > now.AddMinutes(5))
        {
            errors["authored"] = "The response cannot be dated in the future.";
        }

        if (instrument.Row.Status == "retired")
        {
            errors["questionnaire"] = $"{instrument.Definition.Title} version {instrument.Definition.Version} is retired; use the current version.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, Action, patientId, errors, cancellationToken);
        }

        if (submissionKey is not null && await FindBySubmissionKeyAsync(patientId, submissionKey, cancellationToken) is { } earlier)
        {
            return Outcome.Ok(new Submitted(earlier, Replayed: true));
        }

        var account = standing.Checked(user) is { } read ? new { read.DisplayName, read.Email }
            : await db.Users.AsNoTracking().Where(u => u.Id == user.UserId()).Select(u => new { u.DisplayName, u.Email }).FirstAsync(cancellationToken);
        var enteredBy = new EnteredBy(user.RequiredUserId(), account.DisplayName is { Length: > 0 } name ? name : account.Email ?? "", user.ReportingRole());
        var response = ResponseRecords.Build(Guid.CreateVersion7(), patientId, instrument, answers, authoredAt?.ToUniversalTime() ?? now, enteredBy, submissionKey, now);
        var raised = await alerts.ForResponseAsync(opened.Patient!, response, instrument, cancellationToken);
        audit.Add(user, Action, AuditOutcome.Success, patientId, $"{instrument.Definition.Url}|{instrument.Definition.Version} response {response.Id} entered as {response.EnteredByRole}{(raised.Count > 0 ? $", {raised.Count} alert rule(s) fired" : "")}");
        try
        {
            await SaveAsync(db, response, cancellationToken);
        }
        catch (Exception e) when (submissionKey is not null && e is DbUpdateException or SqliteException { SqliteExtendedErrorCode: SqliteUniqueViolation })
        {
            // A concurrent retry with the same key won the race: return what it stored.
            db.ChangeTracker.Clear();
            return await FindBySubmissionKeyAsync(patientId, submissionKey, cancellationToken) is { } stored
                ? Outcome.Ok(new Submitted(stored, Replayed: true))
                : throw new InvalidOperationException("A response with this submission key could not be stored or found.", e);
        }

        metrics.Submitted(instrument.Definition.Url);
        return Outcome.Ok(new Submitted(response, Replayed: false));
    }

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (https://www.sqlite.org/rescode.html#constraint_unique): here, the patient's submission key.</summary>
    private const int SqliteUniqueViolation = 2067;

    /// <summary>
    /// Writes a new response and its scores with what the request added to the context (the audit event, any alerts and
    /// their emails) in one transaction. On SQLite the one write lock is held from the transaction's BEGIN to its commit,
    /// and EF's save pipeline for the response and its nine or so scores was most of what ran inside it (issue #17), so
    /// there they are inserted by <see cref="RowInserts"/> and EF saves the rest. On PostgreSQL a save writes its rows
    /// before it takes the audit chain's lock, so EF saves it all.
    /// </summary>
    public static async Task SaveAsync(CipnDbContext db, InstrumentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(response);
        if (db.Database.GetDbConnection() is not SqliteConnection)
        {
            db.InstrumentResponses.Add(response);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await AuditChain.BeginTransactionAsync(db, cancellationToken);
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false; // all or nothing: no savepoint around the save inside it
        try
        {
            await RowInserts.InsertAsync(db, [response], cancellationToken);
            await RowInserts.InsertAsync(db, response.Scores, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None); // all is written: a caller gone now does not undo it
        }
        catch
        {
            // Rolled back here, not only by disposing: a disposed transaction raises no EF event, and the write gate's
            // turn would stay with this connection until it closes.
            try
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // SQLite has ended the transaction itself (the connection broke with the write): the write's own error is the one to report.
            }

            throw;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>The response already stored with this key for the patient, if any (a second tap on "Send").</summary>
    public Task<InstrumentResponse?> FindSubmittedAsync(Guid patientId, string submissionKey, CancellationToken cancellationToken) =>
        FindBySubmissionKeyAsync(patientId, submissionKey, cancellationToken);

    private Task<InstrumentResponse?> FindBySubmissionKeyAsync(Guid patientId, string key, CancellationToken cancellationToken) =>
        db.InstrumentResponses.AsNoTracking().Include(r => r.Scores).FirstOrDefaultAsync(r => r.PatientId == patientId && r.SubmissionKey == key, cancellationToken);
}
