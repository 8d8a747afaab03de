using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Messages;

/// <summary>One message in a thread, attributed to who wrote it and, for a carer, for whom.</summary>
public sealed class Message
{
    public const int BodyMaxLength = 4000;

    public Guid Id { get; set; }
    public Guid ThreadId { get; set; }
    public Guid PatientId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";

    /// <summary>Patient, Caregiver or Clinician (<see cref="Accounts.Roles"/>).</summary>
    public string AuthorRole { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>The language the page was in when it was written ("en", "es"); shown to clinicians beside the words, kept verbatim.</summary>
    public string Language { get; set; } = Languages.English;
    public DateTime SentAt { get; set; }

    /// <summary>What the sender was told to do at once (from the safety-net triage of their words); Routine for the team's replies.</summary>
    public CipnCare.Clinical.Alerts.PatientNextStep NextStep { get; set; }
}
