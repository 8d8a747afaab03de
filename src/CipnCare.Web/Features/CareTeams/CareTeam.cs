namespace CipnCare.Web.Features.CareTeams;

public sealed class CareTeam
{
    /// <summary>What a new team tells patients until an admin changes it: US hours and numbers, with Spanish for them.</summary>
    public const string DefaultReviewHours = "Monday to Friday, 8:00 to 18:00";

    public const string DefaultSpanishReviewHours = "De lunes a viernes, de 8:00 a 18:00";

    public const string DefaultCrisisLine = "988 (Suicide & Crisis Lifeline, call or text)";

    /// <summary>The 988 Lifeline in Spanish: call 988 and press 2, or text AYUDA to 988 (https://988lifeline.org/get-help/what-to-expect).</summary>
    public const string DefaultSpanishCrisisLine = "988 (Línea de Prevención del Suicidio y Crisis: llame al 988 y marque 2 para español, o envíe AYUDA por mensaje de texto al 988)";

    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The number patients are told to call ("contact your care team").</summary>
    public string Phone { get; set; } = "";

    /// <summary>Where urgent alerts are emailed (the team's on-call address); empty = no email.</summary>
    public string? OnCallEmail { get; set; }

    /// <summary>When reports are read, said honestly to patients ("Monday–Friday 8:00–18:00").</summary>
    public string ReviewHours { get; set; } = DefaultReviewHours;

    /// <summary>The same in Spanish, for Spanish pages (issue #20); null = they show <see cref="ReviewHours"/> as it is.</summary>
    public string? SpanishReviewHours { get; set; } = DefaultSpanishReviewHours;

    /// <summary>How many working days (Monday to Friday, the team's zone) a patient's message may wait for a reply (issue #19).</summary>
    public int ReplyWorkingDays { get; set; } = CipnCare.Clinical.Messages.ReplyTargets.DefaultWorkingDays;

    /// <summary>The emergency number patients are told to call ("911", "112").</summary>
    public string EmergencyNumber { get; set; } = "911";

    /// <summary>The team's IANA time zone ("Asia/Tokyo"): every time people type or read for its patients is on this clock.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The crisis line for thoughts of self-harm ("988 Suicide &amp; Crisis Lifeline").</summary>
    public string CrisisLine { get; set; } = DefaultCrisisLine;

    /// <summary>The crisis line in Spanish, for Spanish pages (issue #20); null = they show <see cref="CrisisLine"/> as it is.</summary>
    public string? SpanishCrisisLine { get; set; } = DefaultSpanishCrisisLine;

    /// <summary>The team's alert thresholds as JSON (<see cref="CipnCare.Clinical.Alerts.AlertThresholds"/>); null = the defaults.</summary>
    public string? AlertThresholdsJson { get; set; }

    public DateTime CreatedAt { get; set; }
}
