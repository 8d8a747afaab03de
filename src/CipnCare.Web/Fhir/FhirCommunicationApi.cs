using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Messages;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Messages with the care team as FHIR Communications (issue #19): search by patient (paged), and read by id through the
/// patient's record. Whoever may read the patient's messages may read them (<see cref="MessageQueries.MayReadAsync"/>).
/// </summary>
public static class FhirCommunicationApi
{
    public static RouteGroupBuilder MapFhirCommunications(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Communication", SearchAsync);
        return fhir;
    }

    public static async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, PatientAccess access, CipnDbContext db, Features.Audit.AuditLog audit, CancellationToken cancellationToken)
    {
        var patient = request.Query["patient"].ToString();
        var id = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
        if (Guid.TryParse(id, out var patientId) && !await MessageQueries.MayReadAsync(db, access, user, patientId, cancellationToken))
        {
            await audit.RecordAsync(user, "search messages (FHIR)", Features.Audit.AuditOutcome.Denied, patientId, "a carer who may only view: the patient has not shared their messages", cancellationToken: cancellationToken);
            return FhirResult.Problem(StatusCodes.Status403Forbidden, "The patient has not shared their messages with carers who may only view their record.");
        }

        var siteBase = FhirApi.BaseUrl(request)[..^"/fhir".Length];
        return await FhirExposureApi.SearchAsync(request, user, access, "search messages (FHIR)", async p => await ForPatientAsync(db, p, siteBase, cancellationToken), cancellationToken);
    }

    /// <summary>Every message of the patient's conversations, conversation by conversation, oldest first.</summary>
    public static async Task<List<Resource>> ForPatientAsync(CipnDbContext db, Guid patientId, string siteBase, CancellationToken cancellationToken) =>
        (await ForPatientsAsync(db, [patientId], siteBase, cancellationToken))[patientId].ToList();

    /// <summary>Several patients' messages from one read of each kind (bulk export's batches), as <see cref="ForPatientAsync"/> orders them.</summary>
    public static async Task<ILookup<Guid, Resource>> ForPatientsAsync(CipnDbContext db, IReadOnlyCollection<Guid> patientIds, string siteBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var threads = await db.MessageThreads.AsNoTracking().Where(t => patientIds.Contains(t.PatientId)).OrderBy(t => t.StartedAt).ToListAsync(cancellationToken);
        if (threads.Count == 0)
        {
            return Enumerable.Empty<Resource>().ToLookup(_ => Guid.Empty);
        }

        var writing = threads.Select(t => t.PatientId).Distinct().ToList();
        var givenNames = await db.Patients.AsNoTracking().Where(p => writing.Contains(p.Id)).Select(p => new { p.Id, p.GivenName }).ToDictionaryAsync(p => p.Id, p => p.GivenName, cancellationToken);
        var messages = (await db.Messages.AsNoTracking().Where(m => writing.Contains(m.PatientId)).OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync(cancellationToken)).ToLookup(m => m.ThreadId);
        var photos = (await db.MessageAttachments.AsNoTracking().Where(a => writing.Contains(a.PatientId)).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.MessageId);
        var resources = new List<(Guid PatientId, Resource Resource)>();
        foreach (var thread in threads)
        {
            Guid? previous = null;
            foreach (var message in messages[thread.Id])
            {
                resources.Add((thread.PatientId, CommunicationMapper.ToFhir(message, thread, previous, photos[message.Id], givenNames[thread.PatientId], siteBase)));
                previous = message.Id;
            }
        }

        return resources.ToLookup(r => r.PatientId, r => r.Resource);
    }
}
