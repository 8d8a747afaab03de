using CipnCare.Web.Features.Smart;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>What /fhir supports, as an R4 CapabilityStatement.</summary>
public static class Capabilities
{
    /// <summary>
    /// SMART on FHIR (https://hl7.org/fhir/smart-app-launch/conformance.html): the service code and the OAuth endpoints,
    /// as /.well-known/smart-configuration lists them.
    /// </summary>
    private static CapabilityStatement.SecurityComponent Security(string baseUrl)
    {
        var root = baseUrl[..^"/fhir".Length];
        var oauth = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        oauth.AddExtension("authorize", new FhirUri(root + SmartApi.AuthorizePath));
        oauth.AddExtension("token", new FhirUri(root + SmartApi.TokenPath));
        oauth.AddExtension("revoke", new FhirUri(root + SmartApi.RevokePath));
        return new CapabilityStatement.SecurityComponent
        {
            Cors = true,
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART on FHIR")],
            Description = "SMART App Launch 2.0 (authorization code with PKCE; scopes patient/, user/ and — for backend services (client_credentials with private_key_jwt, RS384 or ES384) — system/ in v1 or v2 form, each "
                + "narrowing what the person may see, never widening it) — see /.well-known/smart-configuration. Or 'Authorization: Bearer "
                + "<accessToken>' with a token from POST /api/auth/login. Only /fhir/metadata is open.",
            Extension = [oauth],
        };
    }

    public static CapabilityStatement Statement(string baseUrl, DateTimeOffset now) => new()
    {
        Status = PublicationStatus.Active,
        Date = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "CIPN Care", Version = typeof(Capabilities).Assembly.GetName().Version?.ToString() },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "CIPN Care FHIR R4 endpoint", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Instantiates = [BulkDataCanonical + "CapabilityStatement/bulk-data"],
        Format = ["json", FhirJson.ContentType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = Security(baseUrl),
                Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = "Observations (height, weight) and MedicationAdministrations, all or nothing." }],
                Operation =
                [
                    new CapabilityStatement.OperationComponent
                    {
                        Name = "export",
                        Definition = BulkDataCanonical + "OperationDefinition/export",
                        Documentation = "Bulk Data 2.0 export of every patient the caller may see, and the Questionnaires: Prefer: respond-async; _type, _since, _outputFormat (NDJSON). For clinicians, administrators and backend services (system/ scopes).",
                    },
                ],
                Resource =
                [
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Patient",
                        Versioning = CapabilityStatement.ResourceVersionPolicy.VersionedUpdate,
                        ReadHistory = true,
                        UpdateCreate = false,
                        Interaction =
                        [
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.HistoryInstance },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                            new CapabilityStatement.ResourceInteractionComponent
                            {
                                Code = CapabilityStatement.TypeRestfulInteraction.Update,
                                Documentation = "If-Match (W/\"n\") names the version changed; 412 when it is not the current one. meta.versionId in the body is ignored.",
                            },
                        ],
                        SearchParam =
                        [
                            new CapabilityStatement.SearchParamComponent { Name = "identifier", Type = SearchParamType.Token, Documentation = "[system|]value: the MRN (in the site's MRN system or the system that issued it) or any other identifier kept" },
                            new CapabilityStatement.SearchParamComponent { Name = "name", Type = SearchParamType.String, Documentation = "Starts-with match on given or family name" },
                            LastUpdated,
                        ],
                        Operation =
                        [
                            new CapabilityStatement.OperationComponent { Name = "neurotoxic-exposure", Definition = "https://cipncare.org/fhir/OperationDefinition/neurotoxic-exposure" },
                            new CapabilityStatement.OperationComponent { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" },
                            new CapabilityStatement.OperationComponent { Name = "export", Definition = BulkDataCanonical + "OperationDefinition/patient-export" },
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Condition",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }, new() { Code = CapabilityStatement.TypeRestfulInteraction.Create }],
                        Documentation = "Cancer diagnoses, aligned with mCODE's primary cancer condition: code in SNOMED CT or ICD-10-CM (C00-D49) with text.",
                        SearchParam = [Param("patient", SearchParamType.Reference), LastUpdated],
                    },
                    Search("MedicationAdministration", CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("DetectedIssue", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("Flag", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("Encounter", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("Goal", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("CarePlan", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("ServiceRequest", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("MedicationStatement", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("Communication", CapabilityStatement.TypeRestfulInteraction.Read),
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Observation",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Create }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }, new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
                        Documentation = "Create: body height (LOINC 8302-2, cm) and body weight (LOINC 29463-7, kg). Search: questionnaire scores (category survey, CodeSystem https://cipncare.org/fhir/CodeSystem/cipn); assessment findings (exam), lying/standing blood pressure (vital-signs, LOINC), results (laboratory, procedure, imaging) with referenceRange.",
                        SearchParam = [Param("patient", SearchParamType.Reference), Param("code", SearchParamType.Token), Param("date", SearchParamType.Date), Param("derived-from", SearchParamType.Reference), Param("category", SearchParamType.Token), LastUpdated],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Group",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        Documentation = "One Group per care team (id = the team's id): its members are the team's patients the caller may see. For clinicians, administrators and backend services.",
                        Operation = [new CapabilityStatement.OperationComponent { Name = "export", Definition = BulkDataCanonical + "OperationDefinition/group-export" }],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Questionnaire",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        SearchParam = [Param("url", SearchParamType.Uri), Param("name", SearchParamType.String), Param("status", SearchParamType.Token), LastUpdated],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "QuestionnaireResponse",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }, new() { Code = CapabilityStatement.TypeRestfulInteraction.Create }],
                        Documentation = "Create validates against the questionnaire version and scores the response; Idempotency-Key header honoured.",
                        SearchParam = [Param("patient", SearchParamType.Reference), Param("subject", SearchParamType.Reference), Param("questionnaire", SearchParamType.Reference), Param("authored", SearchParamType.Date), LastUpdated],
                    },
                ],
            },
        ],
    };

    /// <summary>Every resource we search carries meta.lastUpdated (when it last changed).</summary>
    private static CapabilityStatement.SearchParamComponent LastUpdated => Param("_lastUpdated", SearchParamType.Date);

    private const string BulkDataCanonical = "http://hl7.org/fhir/uv/bulkdata/";

    private static CapabilityStatement.SearchParamComponent Param(string name, SearchParamType type) => new() { Name = name, Type = type };

    private static CapabilityStatement.ResourceComponent Search(string type, params CapabilityStatement.TypeRestfulInteraction[] more) => new()
    {
        Type = type,
        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }, .. more.Select(m => new CapabilityStatement.ResourceInteractionComponent { Code = m })],
        SearchParam = [new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference, Documentation = "Patient/{id} or {id}; required; paged with _count" }, LastUpdated],
    };
}
