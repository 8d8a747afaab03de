using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Pure mapping between our patient and FHIR R4 Patient (see docs/fhir.md for the profile). <c>mrnSystem</c> is the
/// site's MRN system (<see cref="FhirOptions.MrnSystem"/>).
/// </summary>
public static class PatientMapper
{
    private const string IdentifierTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0203";

    public static FhirPatient ToFhir(PatientView p, string mrnSystem)
    {
        ArgumentNullException.ThrowIfNull(p);
        var patient = new FhirPatient
        {
            Id = p.Id.ToString(),
            Meta = new Meta { VersionId = p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = new DateTimeOffset(p.UpdatedAt, TimeSpan.Zero) },
            Active = true,
            Identifier =
            [
                new Identifier(p.MrnSystem ?? mrnSystem, p.Mrn) { Use = Identifier.IdentifierUse.Usual, Type = MrnType() },
                .. p.Identifiers.Select(i => new Identifier(i.System, i.Value)),
            ],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = p.FamilyName, Given = [p.GivenName] }],
            BirthDate = p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Gender = ToGender(p.Sex),
        };
        if (p.Phone is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, p.Phone));
        }

        if (p.Email is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, p.Email));
        }

        patient.Extension.Add(new Extension(FhirCodes.CareTeamExtension, new ResourceReference($"CareTeam/{p.CareTeamId}", p.CareTeamName)));
        if (p.Diagnosis.Length > 0)
        {
            patient.Extension.Add(new Extension(FhirCodes.DiagnosisExtension, new FhirString(p.Diagnosis)));
        }

        patient.Extension.Add(new Extension(FhirCodes.TreatmentStatusExtension, new Coding(FhirCodes.TreatmentStatusSystem, TreatmentCode(p.TreatmentStatus))));
        return patient;
    }

    /// <summary>
    /// Reads what we need from a FHIR Patient as an EHR sends it. The MRN is the identifier in the site's MRN system;
    /// without one, the identifier typed MR (v2-0203), else the first identifier, is the record number staff see, kept
    /// with its own system. Every other identifier is kept as sent. Treatment status defaults to planned; the
    /// diagnosis may follow as a Condition. Field errors use our field names (mrn, givenName …) so the same validation
    /// serves the API, the page and FHIR; <see cref="ElementFor"/> turns them into FHIR paths.
    /// </summary>
    public static (NewPatient Patient, Dictionary<string, string> Errors) FromFhir(FhirPatient p, string mrnSystem)
    {
        ArgumentNullException.ThrowIfNull(p);
        var errors = new Dictionary<string, string>();
        var identifiers = p.Identifier.Where(i => !string.IsNullOrWhiteSpace(i.Value)).ToList();
        if (identifiers.Any(i => string.IsNullOrWhiteSpace(i.System)))
        {
            errors["identifier"] = "Every identifier needs a system (the URI of the organisation's numbering) as well as a value.";
        }

        // An identifier no longer in use never becomes the MRN; neither does a personal one (a social security, driver's
        // licence or passport number) when nothing better is sent.
        var current = identifiers.Where(i => i.Use != Identifier.IdentifierUse.Old && !string.IsNullOrWhiteSpace(i.System)).ToList();
        var record = current.FirstOrDefault(i => i.System == mrnSystem)
            ?? current.FirstOrDefault(i => HasType(i, "MR"))
            ?? current.FirstOrDefault(i => !PersonalTypes.Any(t => HasType(i, t)));
        var others = identifiers.Where(i => i != record && !string.IsNullOrWhiteSpace(i.System)).Select(i => new IdentifierValue(i.System!, i.Value!)).ToList();

        var name = p.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        DateOnly? birthDate = null;
        if (p.BirthDate is { } bd)
        {
            if (DateOnly.TryParseExact(bd, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                birthDate = parsed;
            }
            else
            {
                errors["birthDate"] = "Give the full birth date (YYYY-MM-DD).";
            }
        }

        var careTeam = p.GetExtension(FhirCodes.CareTeamExtension)?.Value as ResourceReference;
        Guid? careTeamId = null;
        if (careTeam?.Reference is { } reference)
        {
            if (reference.StartsWith("CareTeam/", StringComparison.Ordinal) && Guid.TryParse(reference["CareTeam/".Length..], out var id))
            {
                careTeamId = id;
            }
            else
            {
                errors["careTeamId"] = "The care-team extension must reference CareTeam/{id}.";
            }
        }

        // Null when the extension is absent: create then takes planned, an update keeps the status it had.
        TreatmentStatus? status = null;
        if (p.GetExtension(FhirCodes.TreatmentStatusExtension) is { } statusExtension)
        {
            status = statusExtension.Value is Coding coding ? FromTreatmentCode(coding.Code) : null;
            if (status is null)
            {
                errors["treatmentStatus"] = $"The treatment status must be a valueCoding in {FhirCodes.TreatmentStatusSystem}: planned, on-treatment, completed-treatment or discontinued.";
            }
        }

        var input = new NewPatient(
            record?.Value,
            name?.Given.FirstOrDefault(),
            name?.Family,
            birthDate,
            p.Gender is { } g ? FromGender(g) : null,
            p.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            p.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
            (p.GetExtension(FhirCodes.DiagnosisExtension)?.Value as FhirString)?.Value,
            status,
            careTeamId)
        {
            MrnSystem = record?.System,
            OtherIdentifiers = others,
            DiagnosisMayFollow = true,
        };
        return (input, errors);
    }

    public static string ElementFor(string field) => field switch
    {
        "mrn" or "identifier" => "Patient.identifier",
        "givenName" => "Patient.name.given",
        "familyName" => "Patient.name.family",
        "birthDate" => "Patient.birthDate",
        "sex" => "Patient.gender",
        "phone" => "Patient.telecom",
        "email" => "Patient.telecom",
        "diagnosis" => $"Patient.extension('{FhirCodes.DiagnosisExtension}')",
        "treatmentStatus" => $"Patient.extension('{FhirCodes.TreatmentStatusExtension}')",
        "careTeamId" => $"Patient.extension('{FhirCodes.CareTeamExtension}')",
        _ => "Patient",
    };

    public static AdministrativeGender ToGender(Sex sex) => sex switch
    {
        Sex.Female => AdministrativeGender.Female,
        Sex.Male => AdministrativeGender.Male,
        Sex.Other => AdministrativeGender.Other,
        Sex.Unknown => AdministrativeGender.Unknown,
    };

    public static Sex FromGender(AdministrativeGender gender) => gender switch
    {
        AdministrativeGender.Female => Sex.Female,
        AdministrativeGender.Male => Sex.Male,
        AdministrativeGender.Other => Sex.Other,
        AdministrativeGender.Unknown => Sex.Unknown,
    };

    public static string TreatmentCode(TreatmentStatus status) => status switch
    {
        TreatmentStatus.Planned => "planned",
        TreatmentStatus.OnTreatment => "on-treatment",
        TreatmentStatus.CompletedTreatment => "completed-treatment",
        TreatmentStatus.Discontinued => "discontinued",
    };

    public static TreatmentStatus? FromTreatmentCode(string? code) => code switch
    {
        "planned" => TreatmentStatus.Planned,
        "on-treatment" => TreatmentStatus.OnTreatment,
        "completed-treatment" => TreatmentStatus.CompletedTreatment,
        "discontinued" => TreatmentStatus.Discontinued,
        _ => null,
    };

    /// <summary>v2-0203 types of identifiers that belong to the person, not to a record: never shown to staff as the MRN.</summary>
    private static readonly string[] PersonalTypes = ["SS", "SB", "DL", "PPN", "TAX", "NI", "NH", "PEN"];

    private static bool HasType(Identifier identifier, string code) =>
        identifier.Type?.Coding.Any(c => c.System == IdentifierTypeSystem && c.Code == code) == true;

    private static CodeableConcept MrnType() => new(IdentifierTypeSystem, "MR", "Medical record number");
}
