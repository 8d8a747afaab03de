using System.Security.Claims;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Data;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary><c>GET /fhir/Goal|CarePlan|ServiceRequest|MedicationStatement?patient=</c>.</summary>
public static class FhirCarePlanApi
{
    public static RouteGroupBuilder MapFhirCarePlans(this RouteGroupBuilder fhir)
    {
        Map(fhir, "Goal", "search goals (FHIR)", (id, plan) => plan.Goals.Select(g => CarePlanMapper.ToGoal(id, g)));
        Map(fhir, "CarePlan", "search care plans (FHIR)", (id, plan) => plan.Goals.Count + plan.Interventions.Count == 0 ? [] : [CarePlanMapper.ToCarePlan(id, plan)]);
        Map(fhir, "ServiceRequest", "search referrals (FHIR)", (id, plan) => plan.Referrals.Select(r => CarePlanMapper.ToServiceRequest(id, r)));
        Map(fhir, "MedicationStatement", "search symptomatic medicines (FHIR)", (id, plan) =>
            plan.Interventions.Where(i => i.Type == InterventionType.Medication).Select(i => CarePlanMapper.ToMedicationStatement(id, i)));
        return fhir;
    }

    private static void Map(RouteGroupBuilder fhir, string type, string action, Func<Guid, CarePlanView, IEnumerable<Resource>> map) =>
        fhir.MapGet($"/{type}", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] CarePlanQueries queries, CancellationToken ct) =>
            FhirExposureApi.SearchAsync(request, user, access, action, async id => map(id, await queries.ForPatientAsync(id, ct)), ct));
}
