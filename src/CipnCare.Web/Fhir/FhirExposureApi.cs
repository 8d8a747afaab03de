using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>Neurotoxic exposure over FHIR: doses as MedicationAdministration, findings as DetectedIssue, $neurotoxic-exposure.</summary>
public static class FhirExposureApi
{
    public static RouteGroupBuilder MapFhirExposure(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/MedicationAdministration", async (HttpRequest request, ClaimsPrincipal user, RecordExposure record, CipnDbContext db, CancellationToken ct) =>
        {
            var (resource, problem) = await FhirJson.ReadAsync<MedicationAdministration>(request, ct);
            return problem is not null ? FhirResult.Problem(StatusCodes.Status400BadRequest, problem) : await RecordDoseAsync(resource!, request, user, record, db, ct);
        });
        fhir.MapPost("/Observation", async (HttpRequest request, ClaimsPrincipal user, RecordExposure record, CancellationToken ct) =>
        {
            var (resource, problem) = await FhirJson.ReadAsync<Observation>(request, ct);
            return problem is not null ? FhirResult.Problem(StatusCodes.Status400BadRequest, problem) : await RecordObservationAsync(resource!, request, user, record, ct);
        });
        fhir.MapPost("/", ImportAsync);
        fhir.MapGet("/MedicationAdministration", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] CipnDbContext db, CancellationToken ct) =>
            SearchAsync(request, user, access, "search doses (FHIR)", async id =>
                (await db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == id).OrderBy(a => a.AdministeredAt).ToListAsync(ct)).Select(ExposureMapper.ToFhir), ct));
        fhir.MapGet("/DetectedIssue", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] CipnDbContext db, CancellationToken ct) =>
            SearchAsync(request, user, access, "search dose findings (FHIR)", async id =>
                (await db.DoseFindings.AsNoTracking().Where(f => f.PatientId == id).OrderBy(f => f.AcknowledgedAt).ToListAsync(ct)).Select(ExposureMapper.ToFhir), ct));
        fhir.MapGet("/Patient/{id}/$neurotoxic-exposure", ExposureAsync);
        return fhir;
    }

    public static async Task<FhirResult> ExposureAsync(string id, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] ExposureQueries queries, CancellationToken cancellationToken)
    {
        if (await OpenAsync(id, user, access, "read exposure (FHIR)", cancellationToken) is { } problem)
        {
            return problem;
        }

        var patientId = Guid.Parse(id); // OpenAsync answered 404 for anything else
        return new FhirResult(ExposureMapper.ToParameters(patientId, await queries.SummaryAsync(patientId, cancellationToken)));
    }

    public static async Task<FhirResult> RecordDoseAsync(MedicationAdministration resource, HttpRequest request, ClaimsPrincipal user, RecordExposure record, CipnDbContext db, CancellationToken cancellationToken, ImportBatch? batch = null)
    {
        var (patientId, dose, errors) = ExposureMapper.FromFhir(resource);
        if (errors.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(errors, OperationOutcome.IssueType.Required, e => e));
        }

        var result = await record.ImportAdministrationAsync(user, patientId!.Value, dose, cancellationToken, batch);
        if (!result.IsOk)
        {
            var findings = RecordExposure.UnacknowledgedFindings(result.Failure);
            if (findings.Count == 0)
            {
                return FhirResult.Problem(result.Failure!, ElementFor);
            }

            var outcome = new OperationOutcome { Issue = findings.Select(f => Outcomes.Issue(OperationOutcome.IssueType.BusinessRule, $"{f.Rule}: {f.Message}")).ToList() };
            outcome.Issue.Add(Outcomes.Issue(OperationOutcome.IssueType.BusinessRule, $"Nothing was stored. To record this dose anyway, add the extension {ExposureMapper.AcknowledgementExtension} with the reason (valueString)."));
            return FhirResult.Problem(StatusCodes.Status409Conflict, outcome);
        }

        var stored = (await db.DoseAdministrations.FindAsync([result.Value.Id], cancellationToken))!; // still tracked from the save: no query
        return new FhirResult(ExposureMapper.ToFhir(stored), StatusCodes.Status201Created, $"{FhirApi.BaseUrl(request)}/MedicationAdministration/{stored.Id}");
    }

    public static async Task<FhirResult> RecordObservationAsync(Observation resource, HttpRequest request, ClaimsPrincipal user, RecordExposure record, CancellationToken cancellationToken, ImportBatch? batch = null)
    {
        var (patientId, measurement, errors) = ExposureMapper.FromFhir(resource);
        if (errors.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(errors, OperationOutcome.IssueType.Required, e => e));
        }

        var result = await record.MeasurementAsync(user, patientId!.Value, measurement, cancellationToken, batch);
        return result.IsOk
            ? new FhirResult(WithId(resource, result.Value.Id), StatusCodes.Status201Created, $"{FhirApi.BaseUrl(request)}/Observation/{result.Value.Id}")
            : FhirResult.Problem(result.Failure!, f => f switch
            {
                "heightCm" or "weightKg" => "Observation.value",
                "measuredAt" => "Observation.effective",
                _ => "Observation",
            });

        static Observation WithId(Observation o, Guid id)
        {
            o.Id = id.ToString();
            o.Status = ObservationStatus.Final;
            return o;
        }
    }

    /// <summary>
    /// A transaction Bundle of height/weight Observations and MedicationAdministrations, imported all or nothing:
    /// measurements first, then doses in time order, each checked exactly like a single POST. The access and each patient's
    /// exposure data are read once per patient, and kept up to date with what the import stores (<see cref="ImportBatch"/>).
    /// </summary>
    public static async Task<FhirResult> ImportAsync(HttpRequest request, ClaimsPrincipal user, RecordExposure record, CipnDbContext db, Features.Audit.AuditLog audit, CancellationToken cancellationToken)
    {
        var (bundle, problem) = await FhirJson.ReadAsync<Bundle>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        if (bundle!.Type != Bundle.BundleType.Transaction)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, "Only transaction Bundles are accepted at POST /fhir.", "Bundle.type"));
        }

        var entries = bundle.Entry.Select((e, i) => (Entry: e, Index: i)).ToList();
        var unsupported = entries.FirstOrDefault(e => e.Entry.Resource is not (Observation or MedicationAdministration) || e.Entry.Request?.Method is not Bundle.HTTPVerb.POST);
        if (unsupported.Entry is not null)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.Error(OperationOutcome.IssueType.NotSupported,
                $"Bundle.entry[{unsupported.Index}]: only POST of Observation (height, weight) and MedicationAdministration is supported.", $"Bundle.entry[{unsupported.Index}]"));
        }

        static DateTimeOffset When(Resource r) =>
            (r is Observation o ? o.Effective : ((MedicationAdministration)r).Effective) is FhirDateTime dt && dt.TryToDateTimeOffset(out var when) ? when : DateTimeOffset.MinValue;
        var ordered = entries.OrderBy(e => e.Entry.Resource is Observation ? 0 : 1).ThenBy(e => When(e.Entry.Resource!)).ToList();
        var responses = new Bundle.ResponseComponent[entries.Count];

        await using var transaction = await Features.Audit.AuditChain.BeginTransactionAsync(db, cancellationToken); // its held audit events lock the head in its last save
        db.Database.AutoSavepointsEnabled = false; // all or nothing: a refused entry rolls the whole transaction back, so no savepoint per save (two round trips each)
        var batch = new ImportBatch();
        using var auditEvents = Features.Audit.AuditChain.HoldEvents(db); // chained last, in the transaction: the audit head is not locked for the whole import
        foreach (var (entry, index) in ordered)
        {
            var result = entry.Resource is Observation observation
                ? await RecordObservationAsync(observation, request, user, record, cancellationToken, batch)
                : await RecordDoseAsync((MedicationAdministration)entry.Resource!, request, user, record, db, cancellationToken, batch);
            if (result.StatusCode != StatusCodes.Status201Created)
            {
                auditEvents.Dispose(); // dropped with the rest
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                // The use case's own audit entry was rolled back with the rest: the refusal is recorded again, durably, against the patient (issue #15).
                var patientId = entry.Resource is Observation refusedObservation ? ExposureMapper.FromFhir(refusedObservation).PatientId : ExposureMapper.FromFhir((MedicationAdministration)entry.Resource!).PatientId;
                var refusal = result.StatusCode switch
                {
                    StatusCodes.Status403Forbidden => Features.Audit.AuditOutcome.Denied,
                    StatusCodes.Status404NotFound => Features.Audit.AuditOutcome.NotFound,
                    _ => Features.Audit.AuditOutcome.Invalid,
                };
                await audit.RecordAsync(user, "import FHIR transaction", refusal, patientId, $"entry {index} refused ({result.StatusCode}); nothing imported", cancellationToken: cancellationToken);
                var outcome = (OperationOutcome)result.Resource;
                foreach (var issue in outcome.Issue)
                {
                    issue.Diagnostics = $"Bundle.entry[{index}]: {issue.Diagnostics} Nothing in the Bundle was imported.";
                }

                return FhirResult.Problem(result.StatusCode, outcome);
            }

            responses[index] = new Bundle.ResponseComponent { Status = "201 Created", Location = $"{result.Resource.TypeName}/{result.Resource.Id}" };
            db.ChangeTracker.Clear(); // saved (inside the transaction): tracking every entry so far made each save slower than the last (issue #17)
        }

        await auditEvents.WriteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        response.Entry.AddRange(responses.Select(r => new Bundle.EntryComponent { Response = r }));
        return new FhirResult(response);
    }

    /// <summary>A search by patient (opened and audited) and <c>_lastUpdated</c>, paged.</summary>
    internal static async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, string action, Func<Guid, Task<IEnumerable<Resource>>> load, CancellationToken cancellationToken)
    {
        var patient = request.Query["patient"].ToString();
        patient = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
        if (patient.Length == 0 || request.Query.Keys.Any(k => k is not ("patient" or "_count" or "_offset" or "_lastUpdated")))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.NotSupported, "Search by patient (patient=Patient/{id} or {id}) and _lastUpdated, paged with _count; no other parameters are supported.", "patient"));
        }

        if (await OpenAsync(patient, user, access, action, cancellationToken) is { } problem)
        {
            return problem;
        }

        return Bundles.Paged(request, (await load(Guid.Parse(patient))).ToList());
    }

    /// <summary>Opens the patient for viewing (audited); the FHIR error to return, or null when allowed.</summary>
    internal static async Task<FhirResult?> OpenAsync(string id, ClaimsPrincipal user, PatientAccess access, string action, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var patientId))
        {
            return FhirResult.Refused(AccessOutcome.NotFound, $"Patient/{id}");
        }

        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.View, action, cancellationToken);
        return opened.Outcome == AccessOutcome.Allowed ? null : FhirResult.Refused(opened.Outcome, $"Patient/{id}");
    }

    private static string ElementFor(string field) => field switch
    {
        "agentCode" => "MedicationAdministration.medication",
        "administeredAt" => "MedicationAdministration.effective",
        "amount" or "unit" => "MedicationAdministration.dosage.dose",
        "route" => "MedicationAdministration.dosage.route",
        "acknowledgementReason" => $"MedicationAdministration.extension('{ExposureMapper.AcknowledgementExtension}')",
        _ => "MedicationAdministration",
    };
}
