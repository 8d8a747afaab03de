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
    public static async Task<List<Resource>> ForPatientAsync(CipnDbContext db, Guid patientId, string siteBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var threads = await db.MessageThreads.AsNoTracking().Where(t => t.PatientId == patientId).OrderBy(t => t.StartedAt).ToListAsync(cancellationToken);
        if (threads.Count == 0)
        {
            return [];
        }

        var givenName = await db.Patients.Where(p => p.Id == patientId).Select(p => p.GivenName).FirstAsync(cancellationToken);
        var messages = (await db.Messages.AsNoTracking().Where(m => m.PatientId == patientId).OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync(cancellationToken)).ToLookup(m => m.ThreadId);
        var photos = (await db.MessageAttachments.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.MessageId);
        var resources = new List<Resource>();
        foreach (var thread in threads)
        {
            Guid? previous = null;
            foreach (var message in messages[thread.Id])
            {
                resources.Add(CommunicationMapper.ToFhir(message, thread, previous, photos[message.Id], givenName, siteBase));
                previous = message.Id;
            }
        }

        return resources;
    }
}
