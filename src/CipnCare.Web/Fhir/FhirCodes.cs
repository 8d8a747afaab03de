namespace CipnCare.Web.Fhir;

/// <summary>Our FHIR identifier systems and extension URLs. These are contracts: see docs/fhir.md.</summary>
public static class FhirCodes
{
    public const string MrnSystem = "https://cipncare.org/fhir/sid/mrn";
    public const string CareTeamExtension = "https://cipncare.org/fhir/StructureDefinition/care-team";
    public const string DiagnosisExtension = "https://cipncare.org/fhir/StructureDefinition/cancer-diagnosis";
    public const string TreatmentStatusExtension = "https://cipncare.org/fhir/StructureDefinition/treatment-status";
    public const string TreatmentStatusSystem = "https://cipncare.org/fhir/CodeSystem/treatment-status";
}
