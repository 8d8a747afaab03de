using System.Security.Claims;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Messages;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

    public static async Task<IResult> BundleAsync(Guid patientId, ClaimsPrincipal user, PatientQueries patients, PatientRecord record, IOptions<FhirOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (outcome, patient) = await patients.GetAsync(user, patientId, "export record (FHIR)", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return outcome == AccessOutcome.NotFound ? PatientProblems.NotFound(patientId) : PatientProblems.Forbidden();
        }

        var resources = await record.ResourcesAsync(user, patient!, options.Value.MrnSystem, types: null, cancellationToken);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = clock.GetUtcNow() };
        bundle.Entry.AddRange(resources.Select(r => new Bundle.EntryComponent { FullUrl = $"urn:cipncare:{r.TypeName}/{r.Id}", Resource = r }));
        return new FhirResult(bundle);
    }
}

/// <summary>
/// Everything CIPN Care holds about one patient as FHIR resources: the record export and <c>Patient/{id}/$everything</c>.
/// The caller has opened the patient (access checked and audited).
/// </summary>
public sealed class PatientRecord(
    CipnDbContext db, PatientAccess access, PatientQueries patients, ResponseQueries responses, InstrumentLibrary library,
    AssessmentQueries assessments, CarePlanQueries plans, CancerConditions conditions, IHttpContextAccessor http, IConfiguration configuration)
{
    /// <summary>
    /// Every resource held about the patient, in a fixed order; with <paramref name="types"/>, only the resources of
    /// those types, and only what they are built from is read (a read by id needs one kind, not the whole record).
    /// </summary>
    public async Task<List<Resource>> ResourcesAsync(ClaimsPrincipal user, PatientView patient, string mrnSystem, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return (await ResourcesAsync(user, [patient], mrnSystem, types, cancellationToken))[patient.Id];
    }

    /// <summary>
    /// <see cref="ResourcesAsync(ClaimsPrincipal, PatientView, string, IReadOnlyCollection{string}?, CancellationToken)"/>
    /// for several opened patients at once, from one read of each kind for all of them (bulk export's batches: a dozen
    /// round trips per batch instead of per patient).
    /// </summary>
    public async Task<Dictionary<Guid, List<Resource>>> ResourcesAsync(ClaimsPrincipal user, IReadOnlyList<PatientView> opened, string mrnSystem, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var ids = opened.Select(p => p.Id).Distinct().ToList();
        var records = ids.ToDictionary(id => id, _ => new List<Resource>());
        if (Wants("Patient"))
        {
            var identifiers = await patients.IdentifiersAsync(user, ids, cancellationToken);
            foreach (var patient in opened.DistinctBy(p => p.Id))
            {
                records[patient.Id].Add(PatientMapper.ToFhir(patient with { Identifiers = identifiers[patient.Id].ToList() }, mrnSystem));
            }
        }

        if (Wants("Condition"))
        {
            Add((await conditions.ForPatientsAsync(ids, cancellationToken)).SelectMany(c => c), c => c.PatientId, ConditionMapper.ToFhir);
        }

        if (Wants("QuestionnaireResponse"))
        {
            var histories = await responses.HistoriesAsync(ids, cancellationToken);
            var definitions = new Dictionary<Guid, InstrumentDefinition>();
            foreach (var instrumentId in histories.SelectMany(h => h).Select(r => r.InstrumentId).Distinct())
            {
                definitions[instrumentId] = (await library.FindAsync(instrumentId, cancellationToken))!.Definition;
            }

            foreach (var history in histories)
            {
                records[history.Key].AddRange(history.OrderBy(r => r.AuthoredAt).Select(r => ResponseMapper.ToFhir(r, definitions[r.InstrumentId])));
            }
        }

        if (Wants("Observation"))
        {
            Add(await db.ResponseScores.AsNoTracking().Where(s => ids.Contains(s.PatientId)).OrderBy(s => s.EffectiveAt).ThenBy(s => s.Position).ToListAsync(cancellationToken),
                s => s.PatientId, ResponseMapper.ToObservation);
        }

        if (Wants("Encounter") || Wants("Observation"))
        {
            foreach (var (patientId, overview) in await assessments.OverviewsAsync(ids, cancellationToken))
            {
                foreach (var visit in overview.Visits.Reverse())
                {
                    records[patientId].Add(AssessmentMapper.ToEncounter(visit));
                    records[patientId].AddRange(AssessmentMapper.ToObservations(visit));
                }

                records[patientId].AddRange(overview.Diagnostics.Select(AssessmentMapper.ToObservation));
            }
        }

        if (Wants("MedicationAdministration"))
        {
            Add(await db.DoseAdministrations.AsNoTracking().Where(a => ids.Contains(a.PatientId)).OrderBy(a => a.AdministeredAt).ToListAsync(cancellationToken), a => a.PatientId, ExposureMapper.ToFhir);
        }

        if (Wants("DetectedIssue"))
        {
            Add(await db.DoseFindings.AsNoTracking().Where(f => ids.Contains(f.PatientId)).OrderBy(f => f.AcknowledgedAt).ToListAsync(cancellationToken), f => f.PatientId, ExposureMapper.ToFhir);
        }

        if (Wants("Flag"))
        {
            Add(await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.PatientId)).OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken), a => a.PatientId, AlertMapper.ToFlag);
        }

        if (Wants("Goal") || Wants("CarePlan") || Wants("MedicationStatement") || Wants("ServiceRequest"))
        {
            foreach (var (patientId, plan) in await plans.ForPatientsAsync(ids, cancellationToken))
            {
                var record = records[patientId];
                record.AddRange(plan.Goals.Select(g => CarePlanMapper.ToGoal(patientId, g)));
                if (plan.Goals.Count + plan.Interventions.Count > 0)
                {
                    record.Add(CarePlanMapper.ToCarePlan(patientId, plan));
                }

                record.AddRange(plan.Interventions.Where(i => i.Type == Clinical.CarePlans.InterventionType.Medication).Select(i => CarePlanMapper.ToMedicationStatement(patientId, i)));
                record.AddRange(plan.Referrals.Select(r => CarePlanMapper.ToServiceRequest(patientId, r)));
            }
        }

        // Messages, for whoever may read them (a carer who may only view: when the patient shares them).
        if (Wants("Communication"))
        {
            var readable = new List<Guid>();
            foreach (var patientId in ids)
            {
                if (await MessageQueries.MayReadAsync(db, access, user, patientId, cancellationToken))
                {
                    readable.Add(patientId);
                }
            }

            if (readable.Count > 0)
            {
                foreach (var messages in await FhirCommunicationApi.ForPatientsAsync(db, readable, SiteBase, cancellationToken))
                {
                    records[messages.Key].AddRange(messages);
                }
            }
        }

        // The sections that build two types (assessments, the care plan) give both: keep the ones asked for.
        return types is null ? records : records.ToDictionary(r => r.Key, r => r.Value.Where(resource => types.Contains(resource.TypeName)).ToList());

        bool Wants(string type) => types is null || types.Contains(type);

        void Add<T>(IEnumerable<T> rows, Func<T, Guid> patientOf, Func<T, Resource> map)
        {
            foreach (var row in rows)
            {
                records[patientOf(row)].Add(map(row));
            }
        }
    }

    /// <summary>Where photos are read back: the request's own address, or the site's public one for background work (bulk export).</summary>
    private string SiteBase => http.HttpContext?.Request is { } request
        ? $"{request.Scheme}://{request.Host}{request.PathBase}"
        : configuration[Features.Operations.PublicAddress.Setting]?.TrimEnd('/') ?? "";

    /// <summary>
    /// The patient a resource of <paramref name="type"/> with <paramref name="id"/> belongs to, for a read by id; null
    /// when there is none. Patient, Questionnaire, QuestionnaireResponse, Encounter and Condition have their own reads.
    /// </summary>
    public async Task<Guid?> PatientOfAsync(string type, string id, CancellationToken cancellationToken)
    {
        if (type == "CarePlan")
        {
            return id.StartsWith("cp-", StringComparison.Ordinal) && Guid.TryParse(id[3..], out var planPatient) ? planPatient : null;
        }

        if (type == "Observation" && id.Length > 37 && id[36] == '-' && Guid.TryParse(id[..36], out var visitId))
        {
            return await db.AssessmentVersions.AsNoTracking().Where(v => v.VisitId == visitId).Select(v => (Guid?)v.PatientId).FirstOrDefaultAsync(cancellationToken);
        }

        if (!Guid.TryParse(id, out var key))
        {
            return null;
        }

        return type switch
        {
            "MedicationAdministration" => await Of(db.DoseAdministrations.Where(a => a.Id == key).Select(a => a.PatientId)),
            "DetectedIssue" => await Of(db.DoseFindings.Where(f => f.Id == key).Select(f => f.PatientId)),
            "Flag" => await Of(db.Alerts.Where(a => a.Id == key).Select(a => a.PatientId)),
            "Goal" => await Of(db.Goals.Where(g => g.Id == key).Select(g => g.PatientId)),
            "Communication" => await Of(db.Messages.Where(m => m.Id == key).Select(m => m.PatientId)),
            "ServiceRequest" => await Of(db.Referrals.Where(r => r.Id == key).Select(r => r.PatientId)),
            "MedicationStatement" => await Of(db.Interventions.Where(i => i.Id == key).Select(i => i.PatientId)),
            "Observation" => await Of(db.ResponseScores.Where(s => s.Id == key).Select(s => s.PatientId))
                ?? await Of(db.DiagnosticResults.Where(r => r.Id == key).Select(r => r.PatientId)),
            _ => null,
        };

        Task<Guid?> Of(IQueryable<Guid> patientIds) => patientIds.Select(p => (Guid?)p).FirstOrDefaultAsync(cancellationToken);
    }
}
