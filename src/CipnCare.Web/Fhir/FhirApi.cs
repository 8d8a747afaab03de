using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace CipnCare.Web.Fhir;

/// <summary>The FHIR R4 (4.0.1) endpoint at /fhir: an adapter over our own model. Firely types stay in this folder.</summary>
public static class FhirApi
{
    public const int MaxSearchResults = 100;

    public static RouteGroupBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").ExcludeFromDescription();
        fhir.MapGet("/metadata", (HttpRequest request, TimeProvider clock) => new FhirResult(Capabilities.Statement(BaseUrl(request), clock.GetUtcNow()))).AllowAnonymous();

        var secured = fhir.MapGroup("").RequireAuthorization();
        secured.MapGet("/Patient/{id}", ReadPatientAsync);
        secured.MapGet("/Patient", SearchPatientsAsync);
        secured.MapPost("/Patient", CreatePatientAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin));
        secured.MapFhirExposure();
        secured.MapFhirInstruments();
        secured.MapFhirAlerts();
        secured.MapFhirAssessments();
        secured.MapFhirCarePlans();

        // Anything else under /fhir is an unsupported type or interaction: say so as an OperationOutcome.
        fhir.Map("/{**rest}", (string rest) => FhirResult.Problem(StatusCodes.Status404NotFound, $"'{rest}' is not supported here. See GET /fhir/metadata."))
            .AllowAnonymous();
        return fhir;
    }

    /// <summary>Gives every /fhir error without a body (401, 403, 404, 405, 413 …) an OperationOutcome.</summary>
    public static IApplicationBuilder UseFhirErrors(this IApplicationBuilder app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/fhir"), branch => branch.UseStatusCodePages(async ctx =>
        {
            var status = ctx.HttpContext.Response.StatusCode;
            await FhirResult.Problem(status, Outcomes.MessageForStatus(status)).ExecuteAsync(ctx.HttpContext);
        }));

    public static async Task<FhirResult> ReadPatientAsync(string id, ClaimsPrincipal user, PatientQueries queries, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var patientId))
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Patient/{id}.");
        }

        var (outcome, patient) = await queries.GetAsync(user, patientId, "read patient (FHIR)", cancellationToken);
        return outcome switch
        {
            AccessOutcome.Allowed => new FhirResult(PatientMapper.ToFhir(patient!)),
            AccessOutcome.NotFound => FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Patient/{id}."),
            AccessOutcome.Denied => FhirResult.Problem(StatusCodes.Status403Forbidden, "You may not see this patient's record."),
        };
    }

    /// <summary>Search by identifier (token: [system|]value; MRN) and name (string: starts-with on given or family name).</summary>
    public static async Task<FhirResult> SearchPatientsAsync(
        HttpRequest request, ClaimsPrincipal user, PatientAccess access, CipnDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var supported = new[] { "identifier", "name", "_count" };
        var unknown = request.Query.Keys.Where(k => !supported.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.NotSupported,
                $"Unsupported search parameter(s): {string.Join(", ", unknown)}. Supported: identifier, name, _count."));
        }

        var query = access.Visible(user).AsNoTracking();
        if (request.Query["identifier"].ToString() is { Length: > 0 } identifier)
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            var system = bar >= 0 ? identifier[..bar] : null;
            var value = bar >= 0 ? identifier[(bar + 1)..] : identifier;
            query = system is { Length: > 0 } && system != FhirCodes.MrnSystem
                ? query.Where(_ => false)
                : query.Where(p => p.Mrn == value);
        }

        if (request.Query["name"].ToString() is { Length: > 0 } name)
        {
            var prefix = name.Trim().ToLowerInvariant() + "%";
#pragma warning disable CA1304, CA1311, CA1862 // An expression tree EF translates to SQL lower(); culture does not apply.
            query = query.Where(p => EF.Functions.Like(p.GivenName.ToLower(), prefix) || EF.Functions.Like(p.FamilyName.ToLower(), prefix));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var count = MaxSearchResults;
        if (request.Query["_count"].ToString() is { Length: > 0 } countText && (!int.TryParse(countText, out count) || count < 0))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, "_count must be a whole number of 0 or more.", "_count"));
        }

        count = Math.Min(count, MaxSearchResults);
        var total = await query.CountAsync(cancellationToken);
        var patients = await query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).Take(count)
            .Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (p, t) => new { Patient = p, t.Name, t.Phone })
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(user, "search patients (FHIR)", AuditOutcome.Success, detail: $"{patients.Count} of {total} matches", cancellationToken: cancellationToken);

        var bundle = Bundles.Searchset(BaseUrl(request), request, total,
            patients.Select(row => PatientMapper.ToFhir(PatientView.From(row.Patient, row.Name, row.Phone))));
        return new FhirResult(bundle);
    }

    public static async Task<FhirResult> CreatePatientAsync(HttpRequest request, ClaimsPrincipal user, CreatePatient create, CipnDbContext db, CancellationToken cancellationToken)
    {
        var (resource, problem) = await FhirJson.ReadAsync<FhirPatient>(request, cancellationToken);
        if (problem is not null)
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, problem);
        }

        var (input, mappingErrors) = PatientMapper.FromFhir(resource!);
        if (mappingErrors.Count > 0)
        {
            return FhirResult.Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(mappingErrors, OperationOutcome.IssueType.BusinessRule, PatientMapper.ElementFor));
        }

        var result = await create.HandleAsync(user, input, cancellationToken);
        if (!result.IsOk)
        {
            return FhirResult.Problem(result.Failure!, PatientMapper.ElementFor, OperationOutcome.IssueType.Required);
        }

        var patient = result.Value;
        var team = await db.CareTeams.AsNoTracking().FirstAsync(t => t.Id == patient.CareTeamId, cancellationToken);
        return new FhirResult(PatientMapper.ToFhir(PatientView.From(patient, team.Name, team.Phone)), StatusCodes.Status201Created, $"{BaseUrl(request)}/Patient/{patient.Id}");
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
}
