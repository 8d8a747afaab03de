using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Messages;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>
/// A message to or from the care team (issue #19) as a FHIR Communication: subject the patient, the conversation's
/// subject as its topic, the words as a string payload and each photo as an attachment (its URL needs the reader's
/// sign-in), the previous message as inResponseTo.
/// </summary>
public static class CommunicationMapper
{
    public static Communication ToFhir(Message message, MessageThread thread, Guid? previousId, IEnumerable<MessageAttachment> photos, string patientGivenName, string siteBase)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(thread);
        var communication = new Communication
        {
            Id = message.Id.ToString(),
            Meta = FhirCodes.ChangedAt(message.SentAt),
            Status = EventStatus.Completed,
            Category = [new CodeableConcept { Text = "Message with the care team" }],
            Subject = new ResourceReference($"Patient/{message.PatientId}"),
            Topic = new CodeableConcept { Text = thread.Subject },
            SentElement = new FhirDateTime(new DateTimeOffset(message.SentAt, TimeSpan.Zero)),
            Sender = message.AuthorRole == Roles.Patient
                ? new ResourceReference($"Patient/{message.PatientId}") { Display = MessageQueries.Attribution(message.AuthorName, message.AuthorRole, patientGivenName) }
                : new ResourceReference { Display = MessageQueries.Attribution(message.AuthorName, message.AuthorRole, patientGivenName) },
            Payload = [new Communication.PayloadComponent { Content = new FhirString(message.Body) }],
        };
        communication.Recipient.Add(message.AuthorRole == Roles.Clinician ? new ResourceReference($"Patient/{message.PatientId}") : new ResourceReference { Display = "Care team" });
        if (previousId is { } previous)
        {
            communication.InResponseTo.Add(new ResourceReference($"Communication/{previous}"));
        }

        foreach (var photo in photos)
        {
            communication.Payload.Add(new Communication.PayloadComponent
            {
                Content = new Attachment { ContentType = photo.ContentType, Url = $"{siteBase}/messages/photos/{photo.Id}", Title = "Photo" },
            });
        }

        return communication;
    }
}
