using System.Globalization;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>
/// A cancer diagnosis as a FHIR R4 Condition, aligned with mCODE's primary cancer condition
/// (http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition): clinicalStatus,
/// verificationStatus, category problem-list-item, code (SNOMED CT or ICD-10-CM, with text), subject, onset, bodySite,
/// and the sender's identifiers as sent.
/// </summary>
public static class ConditionMapper
{
    private const string ClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private const string VerificationSystem = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/condition-category";

    public static Condition ToFhir(CancerCondition c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var condition = new Condition
        {
            Id = c.Id.ToString(),
            Meta = new Meta { VersionId = "1", LastUpdated = new DateTimeOffset(c.RecordedAt, TimeSpan.Zero) },
            Identifier = [.. c.Identifiers.Select(i => new Identifier(i.System, i.Value))],
            ClinicalStatus = new CodeableConcept(ClinicalSystem, c.ClinicalStatus),
            VerificationStatus = new CodeableConcept(VerificationSystem, c.VerificationStatus),
            Category = [new CodeableConcept(CategorySystem, "problem-list-item", "Problem List Item")],
            Code = new CodeableConcept(c.CodeSystem, c.Code, c.Text),
            Subject = new ResourceReference($"Patient/{c.PatientId}"),
            RecordedDate = new DateTimeOffset(c.RecordedAt, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        };
        if (c.OnsetDate is { } onset)
        {
            condition.Onset = new FhirDateTime(onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (c.BodySite is { } site)
        {
            condition.BodySite = [new CodeableConcept { Text = site }];
        }

        return condition;
    }

    /// <summary>The patient and the diagnosis a posted Condition describes; field errors use our names (see <see cref="ElementFor"/>).</summary>
    public static (Guid? PatientId, NewCancerCondition Condition, Dictionary<string, string> Errors) FromFhir(Condition c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new Dictionary<string, string>();
        var patientId = ExposureMapper.PatientReference(c.Subject?.Reference);
        if (patientId is null)
        {
            errors["subject"] = "The subject must reference the patient: Patient/{id}.";
        }

        var coding = c.Code?.Coding.FirstOrDefault(k => k.System is CancerConditions.Snomed or CancerConditions.Icd10Cm) ?? c.Code?.Coding.FirstOrDefault();
        DateOnly? onset = null;
        if (c.Onset is FhirDateTime { Value: { Length: >= 10 } onsetText }
            && DateOnly.TryParseExact(onsetText[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            onset = date;
        }
        else if (c.Onset is not null)
        {
            errors["onset"] = "Give the onset as onsetDateTime with a full date (YYYY-MM-DD).";
        }

        var input = new NewCancerCondition(
            coding?.System,
            coding?.Code,
            c.Code?.Text is { Length: > 0 } words ? words : coding?.Display,
            Code(c.ClinicalStatus, ClinicalSystem),
            Code(c.VerificationStatus, VerificationSystem),
            onset,
            c.BodySite.FirstOrDefault() is { } site ? site.Text ?? site.Coding.FirstOrDefault()?.Display : null)
        {
            Identifiers = [.. c.Identifier.Where(i => !string.IsNullOrWhiteSpace(i.Value) || !string.IsNullOrWhiteSpace(i.System)).Select(i => new IdentifierValue(i.System ?? "", i.Value ?? ""))],
        };
        return (patientId, input, errors);
    }

    public static string ElementFor(string field) => field switch
    {
        "code" or "text" => "Condition.code",
        "clinicalStatus" => "Condition.clinicalStatus",
        "verificationStatus" => "Condition.verificationStatus",
        "onset" => "Condition.onset",
        "bodySite" => "Condition.bodySite",
        "subject" => "Condition.subject",
        "identifier" => "Condition.identifier",
        _ => "Condition",
    };

    private static string? Code(CodeableConcept? concept, string system) =>
        concept?.Coding.FirstOrDefault(k => k.System == system)?.Code ?? concept?.Coding.FirstOrDefault()?.Code;
}
