namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// A response being filled in, saved at every step so nothing is lost to a closed tab or a flat battery, and resumed
/// where it was left. One per patient, questionnaire and person answering; removed when the response is sent.
/// </summary>
public sealed class ResponseDraft
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid InstrumentId { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>Answers so far as text keyed by linkId (as a form posts them).</summary>
    public string AnswersJson { get; set; } = "{}";

    /// <summary>The step to resume at (1-based; one past the last topic is the review).</summary>
    public int Step { get; set; } = 1;

    /// <summary>Sent with the response, so a second tap on "Send" stores it once.</summary>
    public string SubmissionKey { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
