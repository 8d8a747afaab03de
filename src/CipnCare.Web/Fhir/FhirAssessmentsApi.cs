using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>Assessment visits as Encounters (read, search by patient); their Observations are searched at /fhir/Observation.</summary>
public static class FhirAssessmentsApi
{
    public static RouteGroupBuilder MapFhirAssessments(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Encounter/{id}", ReadEncounterAsync);
        fhir.MapGet("/Encounter", (HttpRequest request, ClaimsPrincipal user, PatientAccess access, [FromKeyedServices(ReadReplica.Key)] AssessmentQueries queries, CancellationToken ct) =>
            FhirExposureApi.SearchAsync(request, user, access, "search assessment encounters (FHIR)",
                async id => (await queries.OverviewAsync(id, ct)).Visits.Select(AssessmentMapper.ToEncounter), ct));
        return fhir;
    }

    public static async Task<FhirResult> ReadEncounterAsync(string id, ClaimsPrincipal user, PatientAccess access, CipnDbContext db, AssessmentQueries queries, CancellationToken cancellationToken)
    {
        var visitId = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        var patientId = await db.AssessmentVersions.Where(a => a.VisitId == visitId).Select(a => (Guid?)a.PatientId).FirstOrDefaultAsync(cancellationToken);
        if (patientId is null)
        {
            return FhirResult.Problem(StatusCodes.Status404NotFound, $"There is no Encounter/{id}.");
        }

        if (await FhirExposureApi.OpenAsync(patientId.Value.ToString(), user, access, "read assessment encounter (FHIR)", cancellationToken) is { } refused)
        {
            return refused;
        }

        var visit = (await queries.OverviewAsync(patientId.Value, cancellationToken)).Visits.First(v => v.VisitId == visitId);
        return new FhirResult(AssessmentMapper.ToEncounter(visit));
    }

    /// <summary>Exam, vital-sign and result Observations for a search, filtered by category, code and date like the score Observations.</summary>
    public static async Task<List<Resource>> ObservationsAsync(Guid patientId, ISet<string>? categories, IReadOnlyList<string> codes, IReadOnlyList<(DateTime From, DateTime To)> dates, AssessmentQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(dates);
        var overview = await queries.OverviewAsync(patientId, cancellationToken);
        return overview.Visits.OrderBy(v => v.VisitDate).SelectMany(AssessmentMapper.ToObservations)
            .Concat(overview.Diagnostics.OrderBy(d => d.TakenOn).Select(AssessmentMapper.ToObservation))
            .Where(o => categories is null || o.Category.SelectMany(c => c.Coding).Any(c => categories.Contains(c.Code ?? "")))
            .Where(o => codes.Count == 0 || o.Code.Coding.Any(c => codes.Contains(c.Code ?? "") || codes.Contains($"{c.System}|{c.Code}")))
            .Where(o => dates.All(range => o.Effective is FhirDateTime when && when.ToDateTimeOffset(TimeSpan.Zero).UtcDateTime is var at && at >= range.From && at < range.To))
            .OfType<Resource>().ToList();
    }
}
