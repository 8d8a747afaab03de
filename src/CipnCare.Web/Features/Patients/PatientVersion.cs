using System.Text.Json;

namespace CipnCare.Web.Features.Patients;

/// <summary>
/// One version of a patient's registration as it was saved (FHIR <c>_history</c>): written with each registration
/// and each change, in the same transaction, and never changed afterwards.
/// </summary>
public sealed class PatientVersion
{
    public Guid PatientId { get; set; }
    public int Version { get; set; }
    public DateTime RecordedAt { get; set; }

    /// <summary>The user who saved this version.</summary>
    public string? RecordedBy { get; set; }

    /// <summary>The registration as JSON (<see cref="PatientSnapshot"/>).</summary>
    public string Snapshot { get; set; } = "";

    public static PatientVersion Of(Patient patient, IReadOnlyList<IdentifierValue> identifiers, string? userId) => new()
    {
        PatientId = patient.Id,
        Version = patient.Version,
        RecordedAt = patient.UpdatedAt,
        RecordedBy = userId,
        Snapshot = JsonSerializer.Serialize(PatientSnapshot.Of(patient, identifiers), PatientSnapshot.Json),
    };

    /// <summary>The patient as this version saved them: the view a FHIR vread shows (without the team's name and phone).</summary>
    public PatientView ToView()
    {
        var s = JsonSerializer.Deserialize<PatientSnapshot>(Snapshot, PatientSnapshot.Json)!;
        return new PatientView(PatientId, s.Mrn, s.GivenName, s.FamilyName, s.BirthDate, s.Sex, s.Phone, s.Email, s.Diagnosis, s.TreatmentStatus,
            s.CareTeamId, CareTeamName: "", CareTeamPhone: "", HasLogin: false)
        {
            MrnSystem = s.MrnSystem,
            Identifiers = s.Identifiers,
            Version = Version,
            UpdatedAt = RecordedAt,
        };
    }
}

/// <summary>What a <see cref="PatientVersion"/> keeps: every registration field FHIR shows.</summary>
public sealed record PatientSnapshot(
    string Mrn,
    string? MrnSystem,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    Sex Sex,
    string? Phone,
    string? Email,
    string Diagnosis,
    TreatmentStatus TreatmentStatus,
    Guid CareTeamId,
    IReadOnlyList<IdentifierValue> Identifiers)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PatientSnapshot Of(Patient p, IReadOnlyList<IdentifierValue> identifiers) => new(
        p.Mrn, p.MrnSystem, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Phone, p.Email, p.Diagnosis, p.TreatmentStatus, p.CareTeamId, identifiers);
}
