namespace CipnCare.Web.Fhir;

/// <summary>The site's FHIR settings (configuration section "Fhir"; docs/fhir.md).</summary>
public sealed class FhirOptions
{
    public const string Section = "Fhir";

    /// <summary>
    /// The identifier system of the site's medical record numbers: a Patient's identifier in this system is its MRN,
    /// and MRNs go out in it. Set it to the hospital's own MRN system so the EHR's Patients need no translation.
    /// </summary>
    public string MrnSystem { get; set; } = FhirCodes.MrnSystem;
}
