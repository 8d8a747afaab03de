using System.Text.Json;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

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
    /// <summary>Enums as their names, so a reordered enum never rewrites history.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static PatientSnapshot Of(Patient p, IReadOnlyList<IdentifierValue> identifiers) => new(
        p.Mrn, p.MrnSystem, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Phone, p.Email, p.Diagnosis, p.TreatmentStatus, p.CareTeamId, identifiers);
}

/// <summary>How a change to a registration becomes a new version (<see cref="UpdatePatient"/>, a diagnosis filled in from a Condition).</summary>
public static class PatientVersioning
{
    /// <summary>
    /// Before a change: keeps the version about to be replaced when no row holds it yet (a patient registered before
    /// versions were kept), so its history never loses the registration as it was.
    /// </summary>
    public static async Task KeepCurrentAsync(CipnDbContext db, Patient patient, IReadOnlyList<IdentifierValue> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(patient);
        if (!await db.PatientVersions.AnyAsync(v => v.PatientId == patient.Id && v.Version == patient.Version, cancellationToken))
        {
            db.PatientVersions.Add(PatientVersion.Of(patient, identifiers, null));
        }
    }

    /// <summary>
    /// After a change: the next version, saved with it. Two changes at once both add the same version, and the database
    /// refuses the second (the key is patient and version): its save fails and nothing of it is stored.
    /// </summary>
    public static void Next(CipnDbContext db, Patient patient, IReadOnlyList<IdentifierValue> identifiers, string? userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(patient);
        patient.Version++;
        patient.UpdatedAt = now;
        db.PatientVersions.Add(PatientVersion.Of(patient, identifiers, userId));
    }
}
