using System.Globalization;
using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Patient over FHIR: read, search (paged), create, versioned update (<c>If-Match</c>; 412 when stale) and history.
/// Each read and search is audited. Identifiers from other systems go only to staff (they may be personal numbers).
/// </summary>
public static class FhirPatientApi
{
    public static RouteGroupBuilder MapFhirPatients(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Patient/{id}", ReadAsync);
        fhir.MapGet("/Patient/{id}/_history", HistoryAsync);
        fhir.MapGet("/Patient/{id}/_history/{version}", ReadVersionAsync);
        fhir.MapGet("/Patient/{id}/$everything", EverythingAsync);
        fhir.MapGet("/Patient", SearchAsync);
        fhir.MapPost("/Patient", CreateAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
        fhir.MapPut("/Patient/{id}", UpdateAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
        return fhir;
    }

    public static async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, PatientQueries queries, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        var (patient, problem) = await OpenAsync(id, user, queries, "read patient (FHIR)", cancellationToken);
        return problem ?? new FhirResult(PatientMapper.ToFhir(patient!, options.Value.MrnSystem));
    }

    /// <summary><c>Patient/{id}/_history</c>: every version, newest first.</summary>
    public static async Task<FhirResult> HistoryAsync(string id, HttpRequest request, ClaimsPrincipal user, PatientQueries queries, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        var (patient, problem) = await OpenAsync(id, user, queries, "read patient history (FHIR)", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var versions = await queries.HistoryAsync(user, patient!, cancellationToken);
        var baseUrl = FhirApi.BaseUrl(request);
        var bundle = new Bundle { Type = Bundle.BundleType.History, Total = versions.Count, Link = [new() { Relation = "self", Url = $"{baseUrl}/Patient/{id}/_history" }] };
        foreach (var version in versions)
        {
            var resource = PatientMapper.ToFhir(version, options.Value.MrnSystem);
            var first = version.Version == 1; // registered (POST); every later version is a change (PUT)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/Patient/{id}",
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT, Url = first ? "Patient" : $"Patient/{id}" },
                Response = new Bundle.ResponseComponent
                {
                    Status = first ? "201 Created" : "200 OK",
                    Etag = FhirResult.ETag(resource.Meta!.VersionId!),
                    LastModified = resource.Meta.LastUpdated,
                },
            });
        }

        return new FhirResult(bundle);
    }

    /// <summary><c>Patient/{id}/_history/{version}</c>: the registration as that version saved it.</summary>
    public static async Task<FhirResult> ReadVersionAsync(string id, string version, ClaimsPrincipal user, PatientQueries queries, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        var (patient, problem) = await OpenAsync(id, user, queries, "read patient history (FHIR)", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var found = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (await queries.HistoryAsync(user, patient!, cancellationToken)).FirstOrDefault(v => v.Version == number)
            : null;
        return found is null
            ? FhirResult.Problem(StatusCodes.Status404NotFound, $"Patient/{id} has no version {version}.")
            : new FhirResult(PatientMapper.ToFhir(found, options.Value.MrnSystem));
    }

    /// <summary><c>Patient/{id}/$everything</c>: the patient and everything held about them, paged with <c>_count</c>.</summary>
    public static async Task<FhirResult> EverythingAsync(
        string id, HttpRequest request, ClaimsPrincipal user, PatientQueries queries, PatientRecord record, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        if (FhirInstrumentsApi.Unsupported(request) is { } unsupported)
        {
            return unsupported;
        }

        var (patient, problem) = await OpenAsync(id, user, queries, "read whole record (FHIR $everything)", cancellationToken);
        return problem ?? Bundles.Paged(request, await record.ResourcesAsync(user, patient!, options.Value.MrnSystem, types: null, cancellationToken));
    }

    /// <summary>
    /// Search by identifier (token <c>[system|]value</c>: the MRN in any system, or any other identifier kept), name
    /// (starts-with on given or family name) and <c>_lastUpdated</c> (date with prefixes, may repeat); paged with
    /// <c>_count</c> and the <c>next</c> link.
    /// </summary>
    public static async Task<FhirResult> SearchAsync(
        HttpRequest request, ClaimsPrincipal user, PatientAccess access, PatientQueries queries, CipnDbContext db, AuditLog audit, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        if (FhirInstrumentsApi.Unsupported(request, "identifier", "name") is { } unsupported)
        {
            return unsupported;
        }

        var (page, badPage) = SearchPage.From(request);
        if (badPage is not null)
        {
            return badPage;
        }

        if (request.Query["identifier"].Count > 1 || request.Query["name"].Count > 1)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.NotSupported, "Give identifier and name once each."));
        }

        var query = access.Visible(user).AsNoTracking();
        if (request.Query["identifier"].ToString() is { Length: > 0 } identifier)
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            var system = bar > 0 ? identifier[..bar] : null;
            var value = bar >= 0 ? identifier[(bar + 1)..] : identifier;
            var siteMrn = system == options.Value.MrnSystem;
            query = system is null
                ? query.Where(p => p.Mrn == value || db.PatientIdentifiers.Any(i => i.PatientId == p.Id && i.Value == value))
                : query.Where(p => (p.Mrn == value && (p.MrnSystem == system || (siteMrn && p.MrnSystem == null)))
                    || db.PatientIdentifiers.Any(i => i.PatientId == p.Id && i.System == system && i.Value == value));
        }

        if (request.Query["name"].ToString() is { Length: > 0 } name)
        {
            var prefix = name.Trim().ToLowerInvariant() + "%";
#pragma warning disable CA1304, CA1311, CA1862 // An expression tree EF translates to SQL lower(); culture does not apply.
            query = query.Where(p => EF.Functions.Like(p.GivenName.ToLower(), prefix) || EF.Functions.Like(p.FamilyName.ToLower(), prefix));
#pragma warning restore CA1304, CA1311, CA1862
        }

        foreach (var value in request.Query["_lastUpdated"])
        {
            if (ResponseMapper.DateRange(value ?? "") is not { } range)
            {
                return FhirInstrumentsApi.BadDate("_lastUpdated", value);
            }

            query = query.Where(p => p.UpdatedAt >= range.From && p.UpdatedAt < range.To);
        }

        var total = await query.CountAsync(cancellationToken);
        var patients = await query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id).Skip(page!.Offset).Take(page.Count)
            .Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (p, t) => new { Patient = p, t.Name, t.Phone })
            .ToListAsync(cancellationToken);
        var identifiers = await queries.IdentifiersAsync(user, patients.Select(p => p.Patient.Id).ToList(), cancellationToken);
        // A lookup by identifier finds a person: each patient it returned is named in the audit, so "who looked up this
        // patient" has an answer; a name search is audited as one event, as the patient list is.
        if (request.Query.ContainsKey("identifier"))
        {
            foreach (var row in patients)
            {
                audit.Add(user, "search patients (FHIR)", AuditOutcome.Success, row.Patient.Id, "found by identifier");
            }
        }

        await audit.RecordAsync(user, "search patients (FHIR)", AuditOutcome.Success, detail: $"{patients.Count} of {total} matches", cancellationToken: cancellationToken);

        var bundle = Bundles.Searchset(FhirApi.BaseUrl(request), request, total,
            patients.Select(row => PatientMapper.ToFhir(PatientView.From(row.Patient, row.Name, row.Phone) with { Identifiers = identifiers[row.Patient.Id].ToList() }, options.Value.MrnSystem)),
            page);
        return new FhirResult(bundle);
    }

    public static async Task<FhirResult> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, CreatePatient create, PatientQueries queries, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        var (resource, problem) = await FhirJson.ReadAsync<FhirPatient>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        var (input, mappingErrors) = PatientMapper.FromFhir(resource!, options.Value.MrnSystem);
        if (mappingErrors.Count > 0)
        {
            return Unprocessable(mappingErrors);
        }

        // An EHR says nothing of neurotoxic treatment: not started yet.
        var result = await create.HandleAsync(user, input with { TreatmentStatus = input.TreatmentStatus ?? Features.Patients.TreatmentStatus.Planned }, cancellationToken);
        return result.IsOk
            ? await StoredAsync(result.Value.Id, StatusCodes.Status201Created)
            : FhirResult.Problem(result.Failure!, PatientMapper.ElementFor, OperationOutcome.IssueType.Required);

        async Task<FhirResult> StoredAsync(Guid id, int status)
        {
            var (stored, _) = await OpenAsync(id.ToString(), user, queries, "read patient (FHIR)", cancellationToken);
            return new FhirResult(PatientMapper.ToFhir(stored!, options.Value.MrnSystem), status, $"{FhirApi.BaseUrl(request)}/Patient/{id}/_history/{stored!.Version}");
        }
    }

    /// <summary>
    /// <c>PUT Patient/{id}</c>: the whole registration again. <c>If-Match</c> (<c>W/"3"</c>) names the version it changes;
    /// a change to an older version answers 412 and changes nothing. Without it the change applies to the current
    /// version. Care team, diagnosis and treatment status left out stay as they are.
    /// </summary>
    public static async Task<FhirResult> UpdateAsync(
        string id, HttpRequest request, ClaimsPrincipal user, UpdatePatient update, PatientQueries queries, IOptions<FhirOptions> options, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var patientId))
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Patient/{id}.");
        }

        var (resource, problem) = await FhirJson.ReadAsync<FhirPatient>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        if (resource!.Id != id)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, $"The Patient's id must be {id}, as in the URL.", "Patient.id"));
        }

        // Only If-Match names the version changed: FHIR has the server ignore meta.versionId in an update's body (an
        // EHR may forward its own server's version there).
        if (!TryExpectedVersion(request.Headers.IfMatch.ToString(), out var expected))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, "If-Match must be a version ETag as this server sends it: W/\"3\"."));
        }

        var (input, mappingErrors) = PatientMapper.FromFhir(resource, options.Value.MrnSystem);
        if (mappingErrors.Count > 0)
        {
            return Unprocessable(mappingErrors);
        }

        var result = await update.HandleAsync(user, patientId, expected, input, cancellationToken);
        if (!result.IsOk)
        {
            return FhirResult.Problem(result.Failure!, PatientMapper.ElementFor, OperationOutcome.IssueType.Required);
        }

        var (stored, _) = await OpenAsync(id, user, queries, "read patient (FHIR)", cancellationToken);
        return new FhirResult(PatientMapper.ToFhir(stored!, options.Value.MrnSystem));
    }

    private static FhirResult Unprocessable(Dictionary<string, string> errors) =>
        FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(errors, OperationOutcome.IssueType.BusinessRule, PatientMapper.ElementFor));

    /// <summary>The version an update is made against (null without If-Match: the current one); false when it cannot be read.</summary>
    private static bool TryExpectedVersion(string ifMatch, out int? version)
    {
        version = null;
        if (ifMatch.Length == 0)
        {
            return true;
        }

        var text = ifMatch.Trim();
        text = (text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text).Trim('"');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        version = number;
        return true;
    }

    /// <summary>Opens the patient for viewing (audited), with the identifiers FHIR shows; or the FHIR error.</summary>
    private static async Task<(PatientView? Patient, FhirResult? Problem)> OpenAsync(string id, ClaimsPrincipal user, PatientQueries queries, string action, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var patientId))
        {
            return (null, FhirResult.Refused(AccessOutcome.NotFound, $"Patient/{id}"));
        }

        var (outcome, patient) = await queries.GetAsync(user, patientId, action, cancellationToken);
        return outcome == AccessOutcome.Allowed
            ? (patient! with { Identifiers = (await queries.IdentifiersAsync(user, [patientId], cancellationToken))[patientId].ToList() }, null)
            : (null, FhirResult.Refused(outcome, $"Patient/{id}"));
    }
}
