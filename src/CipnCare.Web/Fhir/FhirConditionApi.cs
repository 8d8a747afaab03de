using System.Security.Claims;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Cancer diagnoses as FHIR Conditions: <c>POST /fhir/Condition</c> (201; 200 with the recorded one when sent again with
/// the same identifier), read, and search by patient (paged).
/// </summary>
public static class FhirConditionApi
{
    public static RouteGroupBuilder MapFhirConditions(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/Condition", CreateAsync);
        fhir.MapGet("/Condition/{id}", ReadAsync);
        fhir.MapGet("/Condition", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, CancerConditions conditions, CancellationToken ct) =>
            FhirExposureApi.SearchAsync(request, user, access, "search diagnoses (FHIR)", async id => (await conditions.ForPatientAsync(id, ct)).Select(ConditionMapper.ToFhir), ct));
        return fhir;
    }

    public static async Task<FhirResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, CancerConditions conditions, CancellationToken cancellationToken)
    {
        var (resource, problem) = await FhirJson.ReadAsync<Condition>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        var (patientId, input, errors) = ConditionMapper.FromFhir(resource!);
        if (errors.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(errors, OperationOutcome.IssueType.Required, ConditionMapper.ElementFor));
        }

        var result = await conditions.RecordAsync(user, patientId!.Value, input, cancellationToken);
        if (!result.IsOk)
        {
            return FhirResult.Problem(result.Failure!, ConditionMapper.ElementFor);
        }

        // Sent again with an identifier already recorded: 200 and the recorded Condition, as a conditional create that
        // matched answers (https://hl7.org/fhir/R4/http.html#ccreate); nothing new is stored.
        var (condition, again) = result.Value;
        return again
            ? new FhirResult(ConditionMapper.ToFhir(condition))
            : new FhirResult(ConditionMapper.ToFhir(condition), StatusCodes.Status201Created, $"{FhirApi.BaseUrl(request)}/Condition/{condition.Id}"); // Conditions are not versioned: no vread
    }

    public static async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CancerConditions conditions, CancellationToken cancellationToken)
    {
        var (outcome, condition) = Guid.TryParse(id, out var conditionId)
            ? await conditions.ReadAsync(user, conditionId, "read diagnosis (FHIR)", cancellationToken)
            : (AccessOutcome.NotFound, null);
        return outcome == AccessOutcome.Allowed ? new FhirResult(ConditionMapper.ToFhir(condition!)) : FhirResult.Refused(outcome, $"Condition/{id}");
    }
}
