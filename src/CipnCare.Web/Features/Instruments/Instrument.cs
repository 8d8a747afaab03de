namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// One version of an instrument: the FHIR Questionnaire JSON and our scoring JSON, exactly as loaded. A version that
/// has been answered is never changed; a new version is a new row.
/// </summary>
public sealed class Instrument
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string Version { get; set; } = "";
    public string Name { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>FHIR publication status: draft, active or retired.</summary>
    public string Status { get; set; } = "active";

    /// <summary>Shipped with the app (our own wording) or uploaded by a site (for licensed instruments).</summary>
    public InstrumentSource Source { get; set; }

    public string QuestionnaireJson { get; set; } = "";
    public string ScoringJson { get; set; } = "";
    public DateTime LoadedAt { get; set; }
    public string? LoadedByUserId { get; set; }
}

public enum InstrumentSource
{
    Shipped,
    Uploaded,
}
