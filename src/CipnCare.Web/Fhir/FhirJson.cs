using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CipnCare.Web.Fhir;

/// <summary>FHIR R4 JSON through Firely SDK 6 on System.Text.Json.</summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json";
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);

    /// <summary>
    /// Reads a resource of type <typeparamref name="T"/> from the request body. On failure returns an
    /// OperationOutcome naming what is wrong (bad JSON, unknown element, wrong value, wrong resource type).
    /// </summary>
    public static async Task<(T? Resource, OperationOutcome? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : Resource
    {
        Resource? resource;
        try
        {
            resource = await JsonSerializer.DeserializeAsync<Resource>(request.Body, Options, cancellationToken);
        }
        catch (DeserializationFailedException e)
        {
            var outcome = new OperationOutcome();
            foreach (var inner in e.Exceptions)
            {
                outcome.Issue.Add(Outcomes.Issue(OperationOutcome.IssueType.Structure, inner.Message));
            }

            return (null, outcome.Issue.Count > 0 ? outcome : Outcomes.Error(OperationOutcome.IssueType.Structure, e.Message));
        }
        catch (JsonException e)
        {
            return (null, Outcomes.Error(OperationOutcome.IssueType.Structure, $"The body is not valid JSON: {e.Message}"));
        }

        return resource switch
        {
            T typed => (typed, null),
            null => (null, Outcomes.Error(OperationOutcome.IssueType.Required, $"The body must be a {typeof(T).Name} resource.")),
            _ => (null, Outcomes.Error(OperationOutcome.IssueType.Invalid, $"Expected a {typeof(T).Name} resource, got {resource.TypeName}.")),
        };
    }
}
