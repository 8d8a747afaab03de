using System.Security.Claims;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Fhir.Bulk;
using Microsoft.Extensions.Options;

namespace CipnCare.Web.Fhir;

/// <summary>The FHIR R4 (4.0.1) endpoint at /fhir: an adapter over our own model. Firely types stay in this folder.</summary>
public static class FhirApi
{
    public static RouteGroupBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").ExcludeFromDescription();
        fhir.MapGet("/metadata", (HttpRequest request, TimeProvider clock) => new FhirResult(Capabilities.Statement(BaseUrl(request), clock.GetUtcNow()))).AllowAnonymous();

        var secured = fhir.MapGroup("").RequireAuthorization();
        secured.MapFhirPatients();
        secured.MapFhirConditions();
        secured.MapFhirExposure();
        secured.MapFhirInstruments();
        secured.MapFhirAlerts();
        secured.MapFhirAssessments();
        secured.MapFhirCarePlans();
        secured.MapFhirGroups();
        secured.MapFhirCommunications();
        secured.MapFhirBulkExport();
        foreach (var type in ReadThroughRecord)
        {
            secured.MapGet($"/{type}/{{id}}", (string id, ClaimsPrincipal user, PatientQueries queries, PatientRecord record, IOptions<FhirOptions> options, CancellationToken ct) =>
                ReadThroughRecordAsync(type, id, user, queries, record, options.Value.MrnSystem, ct));
        }

        // Anything else under /fhir is an unsupported type or interaction: say so as an OperationOutcome.
        fhir.Map("/{**rest}", (string rest) => FhirResult.Problem(StatusCodes.Status404NotFound, $"'{rest}' is not supported here. See GET /fhir/metadata."))
            .AllowAnonymous();
        return fhir;
    }

    /// <summary>The types searched by patient whose read by id goes through the patient's record (<see cref="PatientRecord"/>).</summary>
    public static readonly string[] ReadThroughRecord = ["MedicationAdministration", "DetectedIssue", "Flag", "Goal", "CarePlan", "ServiceRequest", "MedicationStatement", "Observation", "Communication"];

    /// <summary>
    /// <c>GET /fhir/{type}/{id}</c>: finds the patient the resource belongs to, opens them as any read does (who may
    /// see them; audited), and answers the resource exactly as a search or <c>$everything</c> shows it.
    /// </summary>
    public static async Task<FhirResult> ReadThroughRecordAsync(string type, string id, ClaimsPrincipal user, PatientQueries queries, PatientRecord record, string mrnSystem, CancellationToken cancellationToken)
    {
        if (await record.PatientOfAsync(type, id, cancellationToken) is not { } patientId)
        {
            return FhirResult.Refused(AccessOutcome.NotFound, $"{type}/{id}");
        }

        var (outcome, patient) = await queries.GetAsync(user, patientId, $"read {type} (FHIR)", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return FhirResult.Refused(outcome, $"{type}/{id}");
        }

        var resource = (await record.ResourcesAsync(user, patient!, mrnSystem, types: [type], cancellationToken)).FirstOrDefault(r => r.Id == id);
        if (resource is null && type == "Communication")
        {
            return FhirResult.Problem(StatusCodes.Status403Forbidden, "The patient has not shared their messages with carers who may only view their record."); // the message exists: it is theirs to share
        }

        return resource is null ? FhirResult.Refused(AccessOutcome.NotFound, $"{type}/{id}") : new FhirResult(resource);
    }

    /// <summary>Gives every /fhir error without a body (401, 403, 404, 405, 413 …) an OperationOutcome.</summary>
    public static IApplicationBuilder UseFhirErrors(this IApplicationBuilder app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/fhir"), branch => branch.UseStatusCodePages(async ctx =>
        {
            var status = ctx.HttpContext.Response.StatusCode;
            await FhirResult.Problem(status, Outcomes.MessageForStatus(status)).ExecuteAsync(ctx.HttpContext);
        }));

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
}
