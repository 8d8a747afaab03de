using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Smart;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Patient = CipnCare.Web.Features.Patients.Patient;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Fhir.Bulk;

/// <summary>
/// Runs export jobs: takes the oldest waiting job (or one whose instance stopped renewing its claim), opens each patient
/// the requester may see — audited per patient, as any read — and writes their resources as NDJSON files of at most
/// <see cref="MaxFileBytes"/>. A job cancelled (deleted) while it runs stops at the next batch; a job taken over after
/// its instance died starts again from the beginning.
/// </summary>
public sealed partial class BulkExportRunner(
    CipnDbContext db, PatientAccess access, AuditLog audit, PatientRecord record, IOptions<FhirOptions> fhirOptions,
    IOptions<BulkExportOptions> options, TimeProvider clock, ILogger<BulkExportRunner> logger)
{
    public const int MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>How long a claim on a job holds without renewal; the worker renews it after every batch of patients.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const string PatientAction = "bulk export (FHIR)";
    private const int BatchSize = 50;

    /// <summary>Takes and runs the next job as <paramref name="instance"/>; false when there was none to take.</summary>
    public async Task<bool> RunNextAsync(string instance, CancellationToken cancellationToken)
    {
        var now = Now;
        var waiting = await Takeable(now).AsNoTracking().OrderBy(j => j.RequestedAt).Select(j => j.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            // The conditional UPDATE is the claim: of several instances trying at once, one changes the row. Each claim is
            // an attempt of its own: files are written under it, and only the completing attempt's files are listed, so
            // an instance that lost its claim while writing cannot add to the export another instance finished.
            var attempt = $"{instance}/{Guid.NewGuid():N}";
            var taken = await Takeable(now).Where(j => j.Id == id).ExecuteUpdateAsync(
                u => u.SetProperty(j => j.State, BulkExportState.Running).SetProperty(j => j.LeaseOwner, attempt)
                    .SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.StartedAt, now).SetProperty(j => j.PatientsDone, 0),
                cancellationToken) == 1;
            if (taken)
            {
                await RunAsync(id, attempt, cancellationToken);
                return true;
            }
        }

        return false;
    }

    /// <summary>Deletes jobs (and their files) past their expiry; the number deleted.</summary>
    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        return db.BulkExportJobs.Where(j => j.ExpiresAt != null && j.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private IQueryable<BulkExportJob> Takeable(DateTime now) =>
        db.BulkExportJobs.Where(j => j.State == BulkExportState.Queued || (j.State == BulkExportState.Running && j.LeaseUntil < now));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task RunAsync(Guid jobId, string instance, CancellationToken cancellationToken)
    {
        if (await db.BulkExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken) is not { } job)
        {
            return; // cancelled between the claim and now
        }

        await db.BulkExportFiles.Where(f => f.JobId == jobId).ExecuteDeleteAsync(cancellationToken); // a takeover starts again
        var types = job.TypeList;
        var files = new NdjsonFiles(db, jobId, instance);
        try
        {
            var user = await CurrentAsync(BulkExportPrincipal.Read(job.ClaimsJson), cancellationToken);
            if (types.Contains("Questionnaire"))
            {
                foreach (var row in await db.Instruments.AsNoTracking().OrderBy(i => i.Url).ThenBy(i => i.Version).ToListAsync(cancellationToken))
                {
                    if (FhirInstrumentsApi.ToQuestionnaire(row) is { } questionnaire && Changed(questionnaire, job.Since))
                    {
                        await files.WriteAsync(questionnaire, cancellationToken);
                    }
                }
            }

            var patientTypes = types.Where(t => t != "Questionnaire").ToList();
            var patientIds = patientTypes.Count == 0 ? [] : await PatientsOf(job, user).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
            if (!await RenewAsync(jobId, instance, 0, patientIds.Count, cancellationToken))
            {
                return;
            }

            var done = 0;
            foreach (var batch in patientIds.Chunk(BatchSize))
            {
                await ExportBatchAsync(job, user, batch, patientTypes, files, cancellationToken);
                db.ChangeTracker.Clear(); // the audit events are saved; keep the unit of work small
                if (!await RenewAsync(jobId, instance, done += batch.Length, patientIds.Count, cancellationToken))
                {
                    LogStopped(logger, jobId);
                    return; // cancelled, or another instance took it over
                }
            }

            await files.FlushAsync(cancellationToken);
            var now = Now;
            var completed = await Mine(jobId, instance).ExecuteUpdateAsync(
                u => u.SetProperty(j => j.State, BulkExportState.Completed).SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.ExpiresAt, now + options.Value.KeepFilesFor).SetProperty(j => j.LeaseUntil, (DateTime?)null),
                cancellationToken);
            if (completed == 1)
            {
                LogCompleted(logger, jobId, files.Written, patientIds.Count);
            }
            else
            {
                LogStopped(logger, jobId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            LogFailed(logger, jobId, e.GetType().Name);
            var now = Now;
            await Mine(jobId, instance).ExecuteUpdateAsync(
                u => u.SetProperty(j => j.State, BulkExportState.Failed).SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.ExpiresAt, now + options.Value.KeepFilesFor).SetProperty(j => j.LeaseUntil, (DateTime?)null)
                    .SetProperty(j => j.Error, "The export could not be completed. Nothing was lost: start a new export; if it fails again, tell the site's administrator."),
                CancellationToken.None);
        }
    }

    /// <summary>
    /// A batch of patients: opened as the requester (who may see them is checked again now, in one query, and each one
    /// opened is audited — saved together), then their resources read together and written patient by patient. A patient
    /// they may no longer see is left out.
    /// </summary>
    private async Task ExportBatchAsync(BulkExportJob job, ClaimsPrincipal user, Guid[] batch, IReadOnlyCollection<string> types, NdjsonFiles files, CancellationToken cancellationToken)
    {
        var opened = await PatientsOf(job, user).AsNoTracking().Where(p => batch.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var teamIds = opened.Select(p => p.CareTeamId).Distinct().ToList();
        var teams = await db.CareTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        foreach (var patient in opened)
        {
            audit.Add(user, PatientAction, AuditOutcome.Success, patient.Id, $"export {job.Id}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var views = opened.Select(p => PatientView.From(p, teams[p.CareTeamId].Name, teams[p.CareTeamId].Phone)).ToList();
        Dictionary<Guid, List<Resource>> records;
        try
        {
            records = await record.ResourcesAsync(user, views, fhirOptions.Value.MrnSystem, types, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not DbException)
        {
            // A record that cannot be mapped sinks only itself: the batch is read again one patient at a time.
            records = [];
            foreach (var view in views)
            {
                try
                {
                    records[view.Id] = await record.ResourcesAsync(user, view, fhirOptions.Value.MrnSystem, types, cancellationToken);
                }
                catch (Exception one) when (one is not OperationCanceledException and not DbException)
                {
                    // The error file says whose, and the rest goes on.
                    LogPatientFailed(logger, view.Id, one.GetType().Name);
                    await files.WriteErrorAsync(Outcomes.Error(OperationOutcome.IssueType.Exception, $"Patient/{view.Id}: the record could not be exported ({one.GetType().Name}). Export this patient again, or tell the site's administrator."), cancellationToken);
                }
            }

            LogBatchRetried(logger, e.GetType().Name);
        }

        foreach (var view in views)
        {
            foreach (var resource in records.GetValueOrDefault(view.Id, []).Where(r => Changed(r, job.Since)))
            {
                await files.WriteAsync(resource, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The requester as they are now, not as they were at kick-off: a person's roles are read again (an administrator
    /// demoted since exports only what a clinician may), and a locked or deleted account exports nothing.
    /// </summary>
    private async Task<ClaimsPrincipal> CurrentAsync(ClaimsPrincipal stored, CancellationToken cancellationToken)
    {
        if (SmartClaims.ClientTeamOf(stored) is not null || stored.UserId() is not { } userId)
        {
            return stored; // a backend service: its registered team is in the claims, and PatientAccess reads only that
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        var active = account is not null && (account.LockoutEnd is null || account.LockoutEnd <= clock.GetUtcNow()); // compared here: SQLite cannot order DateTimeOffset
        var roles = active ? await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken) : [];
        var identity = new ClaimsIdentity(stored.Claims.Where(c => c.Type != ClaimTypes.Role), "bulk-export", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(roles.Select(r => new System.Security.Claims.Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(identity); // no roles: PatientAccess opens nobody, and the export is empty
    }

    /// <summary>
    /// Changed since <paramref name="since"/>: its <c>meta.lastUpdated</c> is at or after it. A resource whose last change
    /// we do not record (care-plan items, check-in answers) is always included: more than asked, never a change missed.
    /// </summary>
    public static bool Changed(Resource resource, DateTime? since) =>
        since is null || resource.Meta?.LastUpdated is not { } updated || updated.UtcDateTime >= since.Value;

    /// <summary>
    /// The patients the requester may export: whom they may see (<see cref="PatientAccess"/>), but for a clinician only
    /// their own teams' — emergency access opens one record for one person's care, never a population.
    /// </summary>
    private IQueryable<Patient> PatientsOf(BulkExportJob job, ClaimsPrincipal user)
    {
        var visible = access.Visible(user);
        if (user.IsInRole(Roles.Clinician) && !user.IsInRole(Roles.Admin))
        {
            var userId = user.UserId();
            visible = visible.Where(p => db.CareTeamMembers.Any(m => m.UserId == userId && m.CareTeamId == p.CareTeamId));
        }

        return job.Level == BulkExportLevel.Group ? visible.Where(p => p.CareTeamId == job.GroupId) : visible;
    }

    private IQueryable<BulkExportJob> Mine(Guid jobId, string instance) =>
        db.BulkExportJobs.Where(j => j.Id == jobId && j.LeaseOwner == instance && j.State == BulkExportState.Running);

    /// <summary>Renews this instance's claim and records progress; false when the job is gone (cancelled) or no longer ours.</summary>
    private async Task<bool> RenewAsync(Guid jobId, string instance, int done, int total, CancellationToken cancellationToken)
    {
        var until = Now + Lease;
        return await Mine(jobId, instance).ExecuteUpdateAsync(
            u => u.SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.PatientsDone, done).SetProperty(j => j.PatientsTotal, total),
            cancellationToken) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk export {JobId}: {Resources} resources from {Patients} patients")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, int resources, int patients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk export {JobId} stopped: cancelled or taken over")]
    private static partial void LogStopped(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk export {JobId} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk export: a batch could not be mapped ({Error}); it was read again patient by patient")]
    private static partial void LogBatchRetried(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk export: patient {PatientId} could not be exported: {Error}")]
    private static partial void LogPatientFailed(ILogger logger, Guid patientId, string error);

    /// <summary>The job's output: one buffer per resource type, saved as a file whenever it reaches <see cref="MaxFileBytes"/>.</summary>
    private sealed class NdjsonFiles(CipnDbContext db, Guid jobId, string attempt)
    {
        private readonly Dictionary<string, (MemoryStream Buffer, int Count)> _open = [];
        private int _sequence;

        public int Written { get; private set; }

        public Task WriteAsync(Resource resource, CancellationToken cancellationToken)
        {
            Written++;
            return AppendAsync(resource.TypeName, isError: false, resource, cancellationToken);
        }

        public Task WriteErrorAsync(OperationOutcome outcome, CancellationToken cancellationToken) =>
            AppendAsync("OperationOutcome", isError: true, outcome, cancellationToken);

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            foreach (var key in _open.Keys.Order(StringComparer.Ordinal).ToList())
            {
                await SaveAsync(key, cancellationToken);
            }
        }

        private async Task AppendAsync(string type, bool isError, Resource resource, CancellationToken cancellationToken)
        {
            var key = isError ? "!error" : type;
            if (!_open.TryGetValue(key, out var file))
            {
                file = (new MemoryStream(), 0);
            }

            JsonSerializer.Serialize(file.Buffer, resource, FhirJson.Options);
            file.Buffer.WriteByte((byte)'\n');
            _open[key] = (file.Buffer, file.Count + 1);
            if (file.Buffer.Length >= MaxFileBytes)
            {
                await SaveAsync(key, cancellationToken);
            }
        }

        private async Task SaveAsync(string key, CancellationToken cancellationToken)
        {
            var (buffer, count) = _open[key];
            _open.Remove(key);
            var isError = key == "!error";
            db.BulkExportFiles.Add(new BulkExportFile
            {
                Id = Guid.CreateVersion7(),
                JobId = jobId,
                Attempt = attempt,
                Type = isError ? "OperationOutcome" : key,
                IsError = isError,
                Sequence = ++_sequence,
                Count = count,
                Content = buffer.ToArray(),
            });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear(); // the content is in the database now; do not hold it twice
        }
    }
}
