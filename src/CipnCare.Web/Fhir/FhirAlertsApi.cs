using System.Security.Claims;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>Alerts as FHIR Flags: <c>GET /fhir/Flag?patient=&amp;status=active|inactive</c>.</summary>
public static class FhirAlertsApi
{
    public const string AlertSystem = "https://cipncare.org/fhir/CodeSystem/alert";
    public const string PriorityExtension = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    public const string PrioritySystem = "http://hl7.org/fhir/flag-priority-code";

    public static RouteGroupBuilder MapFhirAlerts(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Flag", SearchAsync);
        return fhir;
    }

    public static async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, CipnDbContext db, CancellationToken cancellationToken)
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
        var resources = (await query.OrderByDescending(a => a.Severity).ThenBy(a => a.RaisedAt).ToListAsync(cancellationToken)).Select(ToFlag).OfType<Resource>().ToList();
        return new FhirResult(Bundles.Searchset(FhirApi.BaseUrl(request), request, resources.Count, resources));
    }

    public static Flag ToFlag(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var flag = new Flag
        {
            Id = alert.Id.ToString(),
            Status = alert.Status == AlertStatus.Resolved ? Flag.FlagStatus.Inactive : Flag.FlagStatus.Active,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
            Code = new CodeableConcept(AlertSystem, Code(alert.Code), alert.Title) { Text = alert.Evidence.Replace('\n', ';') },
            Subject = new ResourceReference($"Patient/{alert.PatientId}"),
            Period = new Period(new FhirDateTime(new DateTimeOffset(alert.RaisedAt, TimeSpan.Zero)), alert.ResolvedAt is { } end ? new FhirDateTime(new DateTimeOffset(end, TimeSpan.Zero)) : null),
        };
        var (priority, display) = alert.Severity switch
        {
            AlertSeverity.Urgent => ("PH", "High priority"),
            AlertSeverity.High => ("PM", "Medium priority"),
            AlertSeverity.Routine => ("PL", "Low priority"),
        };
        flag.AddExtension(PriorityExtension, new CodeableConcept(PrioritySystem, priority, display));
        return flag;
    }

    /// <summary>The alert CodeSystem's code for a rule: kebab-case of its name ("fall-with-injury").</summary>
    public static string Code(AlertCode code) =>
        string.Concat(code.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
