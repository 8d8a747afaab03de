using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Features.Patients;

public sealed record PatientView(
    Guid Id,
    string Mrn,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    Sex Sex,
    string? Phone,
    string? Email,
    string Diagnosis,
    TreatmentStatus TreatmentStatus,
    Guid CareTeamId,
    string CareTeamName,
    string CareTeamPhone,
    bool HasLogin)
{
    /// <summary>What the care team tells patients: when reports are read, the emergency number and the crisis line.</summary>
    public TeamContact Contact { get; init; } = TeamContact.Default;

    /// <summary>Set when the viewer sees this record under emergency access: until when (UTC).</summary>
    public DateTime? EmergencyAccessUntil { get; init; }

    /// <summary>The system that issued <see cref="Mrn"/>; null for the site's own (see <see cref="Patient.MrnSystem"/>).</summary>
    public string? MrnSystem { get; init; }

    /// <summary>Other systems' identifiers for the patient (loaded where FHIR shows them; empty otherwise).</summary>
    public IReadOnlyList<IdentifierValue> Identifiers { get; init; } = [];

    public int Version { get; init; } = 1;

    public DateTime UpdatedAt { get; init; }

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>The patient lets carers who may only view read their messages (issue #19).</summary>
    public bool CarersReadMessages { get; init; }

    public static PatientView From(Patient p, string careTeamName, string careTeamPhone) => new(
        p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Phone, p.Email, p.Diagnosis, p.TreatmentStatus,
        p.CareTeamId, careTeamName, careTeamPhone, p.UserId is not null)
    {
        MrnSystem = p.MrnSystem,
        CarersReadMessages = p.CarersReadMessages,
        Version = p.Version,
        UpdatedAt = p.UpdatedAt,
    };
}

/// <summary>
/// A care team's words for patients: when reports are read, which emergency number and crisis line to use — in English,
/// with the team's Spanish for the review hours and crisis line when it has it (issue #20). Read them through
/// <see cref="In"/> for the language of the page or email.
/// </summary>
public sealed record TeamContact(string ReviewHours, string EmergencyNumber, string CrisisLine, string? SpanishReviewHours = null, string? SpanishCrisisLine = null)
{
    public static TeamContact Default { get; } = new(CareTeam.DefaultReviewHours, "911", CareTeam.DefaultCrisisLine, CareTeam.DefaultSpanishReviewHours, CareTeam.DefaultSpanishCrisisLine);

    /// <summary>
    /// The words to show in <paramref name="language"/> ("en", "es"): on Spanish pages the team's Spanish review hours and
    /// crisis line, or its English ones where it has none (a number in English beats no number).
    /// </summary>
    public TeamContact In(string language) => Languages.Of(language) == Languages.Spanish
        ? this with { ReviewHours = OrEnglish(SpanishReviewHours, ReviewHours), CrisisLine = OrEnglish(SpanishCrisisLine, CrisisLine), SpanishReviewHours = null, SpanishCrisisLine = null }
        : this;

    private static string OrEnglish(string? spanish, string english) => string.IsNullOrWhiteSpace(spanish) ? english : spanish;
}
