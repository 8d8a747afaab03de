using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>
/// The patient's whole record to take away as a FHIR R4 collection Bundle (everything CIPN Care holds about them); the
/// check-ins as CSV are <see cref="CheckInCsv"/>. Anyone who may see the record may export it (a patient their own);
/// every export is audited.
/// </summary>
public static class RecordExport
{
    public static RouteGroupBuilder MapRecordExport(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{patientId:guid}/export").WithTags("Export").RequireAuthorization();
        api.MapGet("/fhir", BundleAsync).WithSummary("The whole record as a FHIR R4 collection Bundle (application/fhir+json).");
        return api;
    }

    public static async Task<IResult> BundleAsync(Guid patientId, ClaimsPrincipal user, PatientQueries patients, CipnDbContext db, ResponseQueries responses, InstrumentLibrary library,
        AssessmentQueries assessments, CarePlanQueries plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (outcome, patient) = await patients.GetAsync(user, patientId, "export record (FHIR)", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return outcome == AccessOutcome.NotFound ? PatientProblems.NotFound(patientId) : PatientProblems.Forbidden();
        }

        var resources = new List<Resource> { PatientMapper.ToFhir(patient!) };
        foreach (var response in (await responses.HistoryAsync(patientId, null, cancellationToken)).OrderBy(r => r.AuthoredAt))
        {
            resources.Add(ResponseMapper.ToFhir(response, (await library.FindAsync(response.InstrumentId, cancellationToken))!.Definition));
        }

        resources.AddRange((await db.ResponseScores.AsNoTracking().Where(s => s.PatientId == patientId).OrderBy(s => s.EffectiveAt).ThenBy(s => s.Position).ToListAsync(cancellationToken)).Select(ResponseMapper.ToObservation));
        var overview = await assessments.OverviewAsync(patientId, cancellationToken);
        foreach (var visit in overview.Visits.Reverse())
        {
            resources.Add(AssessmentMapper.ToEncounter(visit));
            resources.AddRange(AssessmentMapper.ToObservations(visit));
        }

        resources.AddRange(overview.Diagnostics.Select(AssessmentMapper.ToObservation));
        resources.AddRange((await db.DoseAdministrations.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.AdministeredAt).ToListAsync(cancellationToken)).Select(ExposureMapper.ToFhir));
        resources.AddRange((await db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken)).Select(AlertMapper.ToFlag));
        var plan = await plans.ForPatientAsync(patientId, cancellationToken);
        resources.AddRange(plan.Goals.Select(g => CarePlanMapper.ToGoal(patientId, g)));
        if (plan.Goals.Count + plan.Interventions.Count > 0)
        {
            resources.Add(CarePlanMapper.ToCarePlan(patientId, plan));
        }

        resources.AddRange(plan.Interventions.Where(i => i.Type == Clinical.CarePlans.InterventionType.Medication).Select(i => CarePlanMapper.ToMedicationStatement(patientId, i)));
        resources.AddRange(plan.Referrals.Select(r => CarePlanMapper.ToServiceRequest(patientId, r)));

        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = clock.GetUtcNow() };
        bundle.Entry.AddRange(resources.Select(r => new Bundle.EntryComponent { FullUrl = $"urn:cipncare:{r.TypeName}/{r.Id}", Resource = r }));
        return new FhirResult(bundle);
    }
}
