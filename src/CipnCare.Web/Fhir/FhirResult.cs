using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Fhir;

/// <summary>Writes a FHIR resource as application/fhir+json with a status code.</summary>
public sealed class FhirResult(Resource resource, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public Resource Resource => resource;
    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = FhirJson.ContentType + "; charset=utf-8";
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, FhirJson.Options, httpContext.RequestAborted);
    }

    public static FhirResult Problem(int status, OperationOutcome outcome) => new(outcome, status);

    public static FhirResult Problem(int status, string message) => new(Outcomes.Error(Outcomes.ForStatus(status), message), status);
}
