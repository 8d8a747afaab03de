using System.Globalization;
using System.Security.Claims;
using System.Text;
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
/// The patient's whole record to take away: a FHIR R4 collection Bundle (everything CIPN Care holds about them) and a
/// CSV of check-ins. Anyone who may see the record may export it (a patient their own); every export is audited.
/// </summary>
public static class RecordExport
{
    public static RouteGroupBuilder MapRecordExport(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{patientId:guid}/export").WithTags("Export").RequireAuthorization();
        api.MapGet("/fhir", BundleAsync).WithSummary("The whole record as a FHIR R4 collection Bundle (application/fhir+json).");
        api.MapGet("/check-ins.csv", CheckInsCsvAsync).WithSummary("Every check-in as CSV: date, who entered it, scores, grades, falls, notes.");
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
        resources.AddRange((await db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken)).Select(FhirAlertsApi.ToFlag));
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

    public static async Task<IResult> CheckInsCsvAsync(Guid patientId, ClaimsPrincipal user, PatientQueries patients, CheckInQueries checkIns, CancellationToken cancellationToken)
    {
        var (outcome, _) = await patients.GetAsync(user, patientId, "export check-ins (CSV)", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return outcome == AccessOutcome.NotFound ? PatientProblems.NotFound(patientId) : PatientProblems.Forbidden();
        }

        var csv = new StringBuilder("date,entered_by,role,version,symptom_score,sensory_subscale,motor_subscale,autonomic_subscale,sensory_grade,motor_grade,falls,fall_injury,notes\r\n");
        foreach (var c in (await checkIns.HistoryAsync(patientId, cancellationToken)).OrderBy(c => c.At))
        {
            string[] cells =
            [
                c.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), c.EnteredByName, c.EnteredByRole, c.Version,
                Number(c.SymptomScore), Number(c.SensorySubscale), Number(c.MotorSubscale), Number(c.AutonomicSubscale),
                c.SensoryGrade.ToString(CultureInfo.InvariantCulture), c.MotorGrade.ToString(CultureInfo.InvariantCulture),
                c.Falls?.ToString(CultureInfo.InvariantCulture) ?? "", c.FallInjury switch { true => "yes", false => "no", null => "" }, c.Notes ?? "",
            ];
            csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "check-ins.csv");
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
