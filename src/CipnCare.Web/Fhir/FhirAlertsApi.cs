using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>Alerts as FHIR Flags: <c>GET /fhir/Flag?patient=&amp;status=active|inactive</c>.</summary>
public static class FhirAlertsApi
{
    public static RouteGroupBuilder MapFhirAlerts(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Flag", SearchAsync);
        return fhir;
    }

    public static async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] CipnDbContext db, CancellationToken cancellationToken)
    {
        if (FhirInstrumentsApi.Unsupported(request, "patient", "status") is { } unsupported)
        {
            return unsupported;
        }

        var status = request.Query["status"].ToString();
        if (status is not ("" or "active" or "inactive"))
        {
            return FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Value, "status must be active or inactive.", "status"));
        }

        var (patientId, refused) = await FhirInstrumentsApi.PatientAsync(request, user, access, "search alerts (FHIR)", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var query = db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId);
        query = status switch
        {
            "active" => query.Where(a => a.Status != AlertStatus.Resolved),
            "inactive" => query.Where(a => a.Status == AlertStatus.Resolved),
            _ => query,
        };
        var resources = (await query.OrderByDescending(a => a.Severity).ThenBy(a => a.RaisedAt).ToListAsync(cancellationToken)).Select(AlertMapper.ToFlag).OfType<Resource>().ToList();
        return Bundles.Paged(request, resources);
    }
}
