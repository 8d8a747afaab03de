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
        fhir.MapPost("/MedicationAdministration", CreateAsync);
        fhir.MapGet("/MedicationAdministration", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, CipnDbContext db, CancellationToken ct) =>
            SearchAsync(request, user, access, "search doses (FHIR)", async id =>
                (await db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == id).OrderBy(a => a.AdministeredAt).ToListAsync(ct)).Select(ExposureMapper.ToFhir), ct));
        fhir.MapGet("/DetectedIssue", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, CipnDbContext db, CancellationToken ct) =>
            SearchAsync(request, user, access, "search dose findings (FHIR)", async id =>
                (await db.DoseFindings.AsNoTracking().Where(f => f.PatientId == id).OrderBy(f => f.AcknowledgedAt).ToListAsync(ct)).Select(ExposureMapper.ToFhir), ct));
        fhir.MapGet("/Patient/{id}/$neurotoxic-exposure", ExposureAsync);
        return fhir;
    }

    public static async Task<FhirResult> ExposureAsync(string id, ClaimsPrincipal user, PatientAccess access, ExposureQueries queries, CancellationToken cancellationToken)
    {
        if (await OpenAsync(id, user, access, "read exposure (FHIR)", cancellationToken) is { } problem)
        {
            return problem;
        }

        return new FhirResult(ExposureMapper.ToParameters(await queries.SummaryAsync(Guid.Parse(id), cancellationToken)));
    }

    public static async Task<FhirResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, RecordExposure record, CipnDbContext db, CancellationToken cancellationToken)
    {
        var (resource, problem) = await FhirJson.ReadAsync<MedicationAdministration>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        var (patientId, dose, errors) = ExposureMapper.FromFhir(resource!);
        if (errors.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(errors, OperationOutcome.IssueType.Required, e => e));
        }

        var result = await record.AdministrationAsync(user, patientId!.Value, dose, cancellationToken);
        switch (result.Status)
        {
            case RecordStatus.Created:
                var stored = await db.DoseAdministrations.AsNoTracking().FirstAsync(a => a.Id == result.Id, cancellationToken);
                return new FhirResult(ExposureMapper.ToFhir(stored), StatusCodes.Status201Created, $"{FhirApi.BaseUrl(request)}/MedicationAdministration/{stored.Id}");
            case RecordStatus.Invalid:
                return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(result.Errors, OperationOutcome.IssueType.BusinessRule, ElementFor));
            case RecordStatus.NeedsAcknowledgement:
                var outcome = new OperationOutcome { Issue = result.Findings.Select(f => Outcomes.Issue(OperationOutcome.IssueType.BusinessRule, $"{f.Rule}: {f.Message}")).ToList() };
                outcome.Issue.Add(Outcomes.Issue(OperationOutcome.IssueType.BusinessRule, $"Nothing was stored. To record this dose anyway, add the extension {ExposureMapper.AcknowledgementExtension} with the reason (valueString)."));
                return FhirResult.Problem(StatusCodes.Status409Conflict, outcome);
            case RecordStatus.NotFound:
                return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Patient/{patientId}.");
            case RecordStatus.Denied:
                return FhirResult.Problem(StatusCodes.Status403Forbidden, "Only the patient's care-team clinicians record treatment.");
            default:
                throw new InvalidOperationException($"Unhandled status {result.Status}.");
        }
    }

    private static async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, string action, Func<Guid, Task<IEnumerable<Resource>>> load, CancellationToken cancellationToken)
    {
        var patient = request.Query["patient"].ToString();
        patient = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
        if (patient.Length == 0 || request.Query.Keys.Any(k => k != "patient"))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.NotSupported, "Search by patient (patient=Patient/{id} or {id}); no other parameters are supported.", "patient"));
        }

        if (await OpenAsync(patient, user, access, action, cancellationToken) is { } problem)
        {
            return problem;
        }

        var resources = (await load(Guid.Parse(patient))).ToList();
        return new FhirResult(Bundles.Searchset(FhirApi.BaseUrl(request), request, resources.Count, resources));
    }

    /// <summary>Opens the patient for viewing (audited); the FHIR error to return, or null when allowed.</summary>
    private static async Task<FhirResult?> OpenAsync(string id, ClaimsPrincipal user, PatientAccess access, string action, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var patientId))
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Patient/{id}.");
        }

        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.View, action, cancellationToken);
        return opened.Outcome switch
        {
            AccessOutcome.Allowed => null,
            AccessOutcome.NotFound => FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Patient/{id}."),
            AccessOutcome.Denied => FhirResult.Problem(StatusCodes.Status403Forbidden, "You may not see this patient's record."),
        };
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
