using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Smart;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace CipnCare.Web.Fhir.Bulk;

/// <summary>
/// FHIR Bulk Data Access 2.0 export (https://hl7.org/fhir/uv/bulkdata/export.html): kick-off at <c>/fhir/$export</c>,
/// <c>/fhir/Patient/$export</c> and <c>/fhir/Group/{careTeamId}/$export</c>; the status at the Content-Location the
/// kick-off answers (202 with X-Progress and Retry-After while it runs, the manifest when done, DELETE cancels); the
/// NDJSON files at the manifest's URLs, for the requester only, until they expire. For clinicians, administrators and
/// SMART backend services; each patient is opened as the requester would open them, and audited.
/// </summary>
public static class BulkExportApi
{
    /// <summary>The types a Patient or Group export can hold: the patient compartment as this server fills it.</summary>
    public static readonly IReadOnlyList<string> PatientTypes =
    [
        "Patient", "Condition", "Encounter", "Observation", "QuestionnaireResponse", "MedicationAdministration",
        "DetectedIssue", "Flag", "Goal", "CarePlan", "MedicationStatement", "ServiceRequest", "Communication",
    ];

    /// <summary>A system-level export adds the resources that belong to no patient.</summary>
    public static readonly IReadOnlyList<string> SystemTypes = [.. PatientTypes, "Questionnaire"];

    public const string NdjsonContentType = "application/fhir+ndjson";
    private static readonly string[] OutputFormats = [NdjsonContentType, "application/ndjson", "ndjson"];
    private static readonly string[] Parameters = ["_outputFormat", "_type", "_since"];
    private const int RetryAfterSeconds = 2;

    public static void MapFhirBulkExport(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/$export", (HttpContext http, CipnDbContext db, AuditLog audit, BulkExportWorker worker, IOptions<BulkExportOptions> options, TimeProvider clock, CancellationToken ct) =>
            KickOffAsync(http, BulkExportLevel.System, null, db, audit, worker, options.Value, clock, ct));
        fhir.MapGet("/Patient/$export", (HttpContext http, CipnDbContext db, AuditLog audit, BulkExportWorker worker, IOptions<BulkExportOptions> options, TimeProvider clock, CancellationToken ct) =>
            KickOffAsync(http, BulkExportLevel.Patient, null, db, audit, worker, options.Value, clock, ct));
        fhir.MapGet("/Group/{id}/$export", (string id, HttpContext http, CipnDbContext db, AuditLog audit, BulkExportWorker worker, IOptions<BulkExportOptions> options, TimeProvider clock, CancellationToken ct) =>
            Guid.TryParse(id, out var groupId)
                ? KickOffAsync(http, BulkExportLevel.Group, groupId, db, audit, worker, options.Value, clock, ct)
                : System.Threading.Tasks.Task.FromResult<IResult>(FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Group/{id}.")));
        fhir.MapGet("/bulk-status/{id:guid}", StatusAsync);
        fhir.MapDelete("/bulk-status/{id:guid}", CancelAsync);
        fhir.MapGet("/bulk-files/{id:guid}", DownloadAsync);
    }

    /// <summary>Who may export at all: clinicians and administrators (what they may see), and backend services (their team).</summary>
    public static bool MayExport(ClaimsPrincipal user) =>
        SmartClaims.ClientTeamOf(user) is not null || user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Admin);

    public static async Task<IResult> KickOffAsync(HttpContext http, BulkExportLevel level, Guid? groupId, CipnDbContext db, AuditLog audit, BulkExportWorker worker, BulkExportOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = http.User;
        var request = http.Request;
        if (!MayExport(user) || BulkExportPrincipal.OwnerOf(user) is not { } owner)
        {
            return FhirResult.Problem(StatusCodes.Status403Forbidden, "Bulk export is for clinicians, administrators and registered backend services. A patient or carer can download their own record from their page.");
        }

        var prefer = request.Headers["Prefer"].ToString();
        if (!prefer.Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            return Bad("Prefer", "A bulk export runs in the background: send the header Prefer: respond-async.");
        }

        var lenient = prefer.Contains("handling=lenient", StringComparison.OrdinalIgnoreCase);
        if (!lenient && request.Query.Keys.FirstOrDefault(k => !Parameters.Contains(k)) is { } unsupported)
        {
            return Bad(unsupported, $"The parameter {unsupported} is not supported. Supported: {string.Join(", ", Parameters)} (or send Prefer: handling=lenient to have unsupported ones ignored).");
        }

        if (request.QueryString.Value?.Length > 1500)
        {
            return Bad("_type", "The request is too long: ask for fewer types at once.");
        }

        if (request.Query["_outputFormat"].ToString() is { Length: > 0 } format && !OutputFormats.Contains(format))
        {
            return Bad("_outputFormat", $"_outputFormat={format} is not supported: the files are {NdjsonContentType}.");
        }

        var (types, typeProblem) = Types(request, level, user, SmartRequests.HasSmartToken(http), lenient);
        if (typeProblem is not null)
        {
            return typeProblem;
        }

        DateTime? since = null;
        if (request.Query["_since"].ToString() is { Length: > 0 } sinceText)
        {
            if (!TryParseInstant(sinceText, out var parsed))
            {
                return Bad("_since", $"_since={sinceText} is not a FHIR instant: give a date and time with a time zone, such as 2026-12-01T00:00:00Z.");
            }

            since = parsed;
        }

        if (level == BulkExportLevel.Group && await GroupRefusalAsync(db, user, groupId!.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await db.BulkExportJobs.CountAsync(j => j.Owner == owner && (j.State == BulkExportState.Queued || j.State == BulkExportState.Running), cancellationToken) >= options.MaxUnfinishedPerRequester)
        {
            http.Response.Headers.RetryAfter = "60";
            return FhirResult.Problem(StatusCodes.Status429TooManyRequests, $"You have {options.MaxUnfinishedPerRequester} exports still running: wait for one to finish, or cancel one (DELETE its status URL).");
        }

        var job = new BulkExportJob
        {
            Id = Guid.CreateVersion7(),
            Owner = owner,
            ClaimsJson = BulkExportPrincipal.Write(user),
            Level = level,
            GroupId = groupId,
            Types = string.Join(",", types),
            Since = since,
            RequestUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            State = BulkExportState.Queued,
        };
        db.BulkExportJobs.Add(job);
        audit.Add(user, "start bulk export (FHIR)", AuditOutcome.Success, detail: $"export {job.Id}: {level}{(groupId is null ? "" : $" {groupId}")}, {job.Types}{(since is null ? "" : $", since {since:O}")}");
        await db.SaveChangesAsync(cancellationToken);
        worker.Wake();

        http.Response.Headers.ContentLocation = $"{FhirApi.BaseUrl(request)}/bulk-status/{job.Id}";
        return FhirResult.Problem(StatusCodes.Status202Accepted, new OperationOutcome
        {
            Issue = [Outcomes.Issue(OperationOutcome.IssueType.Informational, "The export has started. Poll the Content-Location URL for its progress and, when it is done, the list of files.")],
        });
    }

    /// <summary>
    /// The types to export: those named in <c>_type</c> (each one this level can export) or every one, narrowed to what a
    /// SMART token's user/ or system/ scopes allow reading (a type named but not allowed is refused, not dropped).
    /// </summary>
    private static (IReadOnlyList<string> Types, IResult? Problem) Types(HttpRequest request, BulkExportLevel level, ClaimsPrincipal user, bool smart, bool lenient)
    {
        var exportable = level == BulkExportLevel.System ? SystemTypes : PatientTypes;
        var scopes = smart ? SmartScopes.Clinical(user.GetScopes()) : null;
        bool Granted(string type) => scopes is null || SmartScopes.Deciding(scopes, type, "rs") is ScopeContext.User or ScopeContext.System;

        var named = request.Query["_type"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            var granted = exportable.Where(Granted).ToList();
            return granted.Count > 0 ? (granted, null)
                : ([], FhirResult.Problem(StatusCodes.Status403Forbidden, "The token's scopes allow reading no resource type in bulk: ask for user/ or system/ scopes such as system/*.rs."));
        }

        if (named.Where(t => !exportable.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            if (!lenient)
            {
                return ([], Bad("_type", $"{string.Join(", ", unknown)} cannot be exported {(level == BulkExportLevel.System ? "" : "by patient ")}here. Types: {string.Join(", ", exportable)}."));
            }

            named = named.Except(unknown).ToList();
        }

        if (named.Where(t => !Granted(t)).ToList() is { Count: > 0 } refused)
        {
            return ([], FhirResult.Problem(StatusCodes.Status403Forbidden, $"The token's scopes do not allow reading {string.Join(", ", refused)} in bulk: ask for user/ or system/ scopes that do."));
        }

        return named.Count > 0 ? (named, null) : ([], Bad("_type", "None of the types asked for can be exported here."));
    }

    /// <summary>A Group is a care team: a clinician of the team, an administrator, or a backend service registered for it may export it.</summary>
    private static async Task<IResult?> GroupRefusalAsync(CipnDbContext db, ClaimsPrincipal user, Guid teamId, CancellationToken cancellationToken)
    {
        if (!await db.CareTeams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Group/{teamId}.");
        }

        var allowed = await FhirGroupApi.Teams(user, db).AnyAsync(t => t.Id == teamId, cancellationToken); // the Groups the caller may read
        return allowed ? null : FhirResult.Problem(StatusCodes.Status403Forbidden, "You may export only your own care teams' patients.");
    }

    public static async Task<IResult> StatusAsync(Guid id, HttpContext http, CipnDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await OwnJobAsync(id, http.User, db, clock, cancellationToken) is not { } job)
        {
            return NoSuchExport(id);
        }

        switch (job.State)
        {
            case BulkExportState.Queued or BulkExportState.Running:
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-Progress"] = job.State == BulkExportState.Queued ? "Waiting to start"
                    : job.PatientsTotal == 0 ? "Started" : $"Exported {job.PatientsDone} of {job.PatientsTotal} patients";
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case BulkExportState.Failed:
                return FhirResult.Problem(StatusCodes.Status500InternalServerError, job.Error ?? "The export could not be completed.");
            case BulkExportState.Completed:
                break;
        }

        var files = await db.BulkExportFiles.AsNoTracking().Where(f => f.JobId == id && f.Attempt == job.LeaseOwner).OrderBy(f => f.Sequence)
            .Select(f => new { f.Id, f.Type, f.IsError, f.Count }).ToListAsync(cancellationToken);
        var baseUrl = FhirApi.BaseUrl(http.Request);
        JsonArray Entries(bool errors) => [.. files.Where(f => f.IsError == errors).Select(f => new JsonObject
        {
            ["type"] = f.Type,
            ["url"] = $"{baseUrl}/bulk-files/{f.Id}",
            ["count"] = f.Count,
        })];
        http.Response.Headers.Expires = job.ExpiresAt!.Value.ToString("R", CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject
        {
            ["transactionTime"] = job.StartedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["request"] = job.RequestUrl,
            ["requiresAccessToken"] = true,
            ["output"] = Entries(errors: false),
            ["deleted"] = new JsonArray(),
            ["error"] = Entries(errors: true),
        });
    }

    public static async Task<IResult> CancelAsync(Guid id, HttpContext http, CipnDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await OwnJobAsync(id, http.User, db, clock, cancellationToken) is null)
        {
            return NoSuchExport(id);
        }

        // Deleting the row is the cancellation: the worker's next claim renewal finds it gone and stops; the files go with it.
        await db.BulkExportJobs.Where(j => j.Id == id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(http.User, "cancel bulk export (FHIR)", AuditOutcome.Success, detail: $"export {id}", cancellationToken: cancellationToken);
        return FhirResult.Problem(StatusCodes.Status202Accepted, new OperationOutcome
        {
            Issue = [Outcomes.Issue(OperationOutcome.IssueType.Informational, "The export is cancelled and its files deleted.")],
        });
    }

    public static async Task<IResult> DownloadAsync(Guid id, HttpContext http, CipnDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await db.BulkExportFiles.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.JobId, f.Type, f.Count, f.Attempt }).FirstOrDefaultAsync(cancellationToken);
        if (file is null || await OwnJobAsync(file.JobId, http.User, db, clock, cancellationToken) is not { State: BulkExportState.Completed } job || job.LeaseOwner != file.Attempt)
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, "There is no such export file: it may have expired. Start a new export.");
        }

        await audit.RecordAsync(http.User, "download bulk export file (FHIR)", AuditOutcome.Success, detail: $"export {file.JobId}: {file.Count} {file.Type}", cancellationToken: cancellationToken);
        var content = await db.BulkExportFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.Content).FirstAsync(cancellationToken);
        return Results.Bytes(content, NdjsonContentType);
    }

    /// <summary>The export, if the caller started it and it has not expired; otherwise null (answered as 404, never 403: another's export is not shown to exist).</summary>
    private static async Task<BulkExportJob?> OwnJobAsync(Guid id, ClaimsPrincipal user, CipnDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = BulkExportPrincipal.OwnerOf(user);
        var now = clock.GetUtcNow().UtcDateTime;
        return owner is null ? null
            : await db.BulkExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.Owner == owner && (j.ExpiresAt == null || j.ExpiresAt > now), cancellationToken);
    }

    private static FhirResult NoSuchExport(Guid id) =>
        FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no export {id}: it finished more than its keeping time ago, was cancelled, or is not yours.");

    private static FhirResult Bad(string parameter, string message) =>
        FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, message, parameter));

    /// <summary>A FHIR instant: date, time and zone (https://hl7.org/fhir/R4/datatypes.html#instant).</summary>
    public static bool TryParseInstant(string text, out DateTime utc)
    {
        utc = default;
        var hasZone = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !text.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }
}
