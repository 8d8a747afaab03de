namespace CipnCare.Web.Fhir;

/// <summary>Our FHIR identifier systems and extension URLs. These are contracts: see docs/fhir.md.</summary>
public static class FhirCodes
{
    public const string MrnSystem = "https://cipncare.org/fhir/sid/mrn";
    /// <summary>
    /// <c>meta.lastUpdated</c> for a resource whose last change we record (<paramref name="utc"/>): what bulk export's
    /// <c>_since</c> and the <c>_lastUpdated</c> search parameter compare with.
    /// </summary>
    public static Hl7.Fhir.Model.Meta ChangedAt(DateTime utc) => new() { LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) };

    /// <summary>Identifies a care team (its Group for bulk export): the value is the team's id.</summary>
    public const string CareTeamSystem = "https://cipncare.org/fhir/sid/care-team";
    public const string CareTeamExtension = "https://cipncare.org/fhir/StructureDefinition/care-team";
    public const string DiagnosisExtension = "https://cipncare.org/fhir/StructureDefinition/cancer-diagnosis";
    public const string TreatmentStatusExtension = "https://cipncare.org/fhir/StructureDefinition/treatment-status";
    public const string TreatmentStatusSystem = "https://cipncare.org/fhir/CodeSystem/treatment-status";
}
