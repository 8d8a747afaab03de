using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>What /fhir supports, as an R4 CapabilityStatement.</summary>
public static class Capabilities
{
    public static CapabilityStatement Statement(string baseUrl, DateTimeOffset now) => new()
    {
        Status = PublicationStatus.Active,
        Date = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "CIPN Care", Version = typeof(Capabilities).Assembly.GetName().Version?.ToString() },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "CIPN Care FHIR R4 endpoint", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", FhirJson.ContentType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = "Send 'Authorization: Bearer <accessToken>' with a token from POST /api/auth/login. Only /fhir/metadata is open.",
                },
                Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = "Observations (height, weight) and MedicationAdministrations, all or nothing." }],
                Resource =
                [
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Patient",
                        Interaction =
                        [
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                        ],
                        SearchParam =
                        [
                            new CapabilityStatement.SearchParamComponent { Name = "identifier", Type = SearchParamType.Token, Documentation = $"MRN, as [{FhirCodes.MrnSystem}|]value" },
                            new CapabilityStatement.SearchParamComponent { Name = "name", Type = SearchParamType.String, Documentation = "Starts-with match on given or family name" },
                        ],
                        Operation =
                        [
                            new CapabilityStatement.OperationComponent { Name = "neurotoxic-exposure", Definition = "https://cipncare.org/fhir/OperationDefinition/neurotoxic-exposure" },
                        ],
                    },
                    Search("MedicationAdministration", CapabilityStatement.TypeRestfulInteraction.Create),
                    Search("DetectedIssue"),
                    Search("Flag"),
                    Search("Encounter", CapabilityStatement.TypeRestfulInteraction.Read),
                    Search("Goal"),
                    Search("CarePlan"),
                    Search("ServiceRequest"),
                    Search("MedicationStatement"),
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Observation",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Create }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        Documentation = "Create: body height (LOINC 8302-2, cm) and body weight (LOINC 29463-7, kg). Search: questionnaire scores (category survey, CodeSystem https://cipncare.org/fhir/CodeSystem/cipn); assessment findings (exam), lying/standing blood pressure (vital-signs, LOINC), results (laboratory, procedure, imaging) with referenceRange.",
                        SearchParam = [Param("patient", SearchParamType.Reference), Param("code", SearchParamType.Token), Param("date", SearchParamType.Date), Param("derived-from", SearchParamType.Reference), Param("category", SearchParamType.Token)],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Questionnaire",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        SearchParam = [Param("url", SearchParamType.Uri), Param("name", SearchParamType.String), Param("status", SearchParamType.Token)],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "QuestionnaireResponse",
                        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.Read }, new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }, new() { Code = CapabilityStatement.TypeRestfulInteraction.Create }],
                        Documentation = "Create validates against the questionnaire version and scores the response; Idempotency-Key header honoured.",
                        SearchParam = [Param("patient", SearchParamType.Reference), Param("subject", SearchParamType.Reference), Param("questionnaire", SearchParamType.Reference), Param("authored", SearchParamType.Date)],
                    },
                ],
            },
        ],
    };

    private static CapabilityStatement.SearchParamComponent Param(string name, SearchParamType type) => new() { Name = name, Type = type };

    private static CapabilityStatement.ResourceComponent Search(string type, params CapabilityStatement.TypeRestfulInteraction[] more) => new()
    {
        Type = type,
        Interaction = [new() { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }, .. more.Select(m => new CapabilityStatement.ResourceInteractionComponent { Code = m })],
        SearchParam = [new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference, Documentation = "Patient/{id} or {id}; required" }],
    };
}
