using System.Text.Json;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Fhir;

/// <summary>
/// Writes a FHIR resource as application/fhir+json with a status code; a versioned resource (not a Bundle) also sends
/// its version as a weak <c>ETag</c> (<c>W/"3"</c>, what <c>If-Match</c> sends back) and <c>Last-Modified</c>.
/// </summary>
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

        if (resource is not Bundle && resource.Meta?.VersionId is { } version)
        {
            httpContext.Response.Headers.ETag = ETag(version);
            if (resource.Meta.LastUpdated is { } updated)
            {
                httpContext.Response.Headers.LastModified = updated.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, FhirJson.Options, httpContext.RequestAborted);
    }

    public static string ETag(string versionId) => $"W/\"{versionId}\"";

    /// <summary>
    /// The one FHIR answer to a refused opening of a patient's record: 404 naming <paramref name="reference"/> (the
    /// resource asked for) when there is no such patient or resource, 403 when the caller may not see the patient.
    /// </summary>
    public static FhirResult Refused(AccessOutcome outcome, string reference) => outcome switch
    {
        AccessOutcome.Denied => Problem(StatusCodes.Status403Forbidden, "You may not see this patient's record."),
        AccessOutcome.NotFound => Problem(StatusCodes.Status404NotFound, $"There is no {reference}."),
        AccessOutcome.Allowed => throw new ArgumentException("An allowed opening is not refused.", nameof(outcome)),
    };

    public static FhirResult Problem(int status, OperationOutcome outcome) => new(outcome, status);

    public static FhirResult Problem(int status, string message) => new(Outcomes.Error(Outcomes.ForStatus(status), message), status);

    /// <summary>
    /// The FHIR side of <see cref="OutcomeHttp"/>: invalid and conflict 422 (FHIR's "the proposed resource violated
    /// server business rules"; a conflict's issues are coded duplicate), not found 404, denied 403, stale 412, each as an
    /// OperationOutcome whose issues name the elements (<paramref name="elementFor"/> maps our field names to FHIRPath).
    /// </summary>
    public static FhirResult Problem(Failure failure, Func<string, string> elementFor, OperationOutcome.IssueType invalidType = OperationOutcome.IssueType.BusinessRule)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            OutcomeKind.Invalid => Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(failure.Errors, invalidType, elementFor)),
            OutcomeKind.Conflict => Problem(StatusCodes.Status422UnprocessableEntity, Outcomes.FromErrors(failure.Errors, OperationOutcome.IssueType.Duplicate, elementFor)),
            OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, failure.Detail ?? Outcomes.MessageForStatus(StatusCodes.Status404NotFound)),
            OutcomeKind.Denied => Problem(StatusCodes.Status403Forbidden, failure.Detail ?? Outcomes.MessageForStatus(StatusCodes.Status403Forbidden)),
            OutcomeKind.TooManyAttempts => Problem(StatusCodes.Status429TooManyRequests, Outcomes.FromErrors(failure.Errors, OperationOutcome.IssueType.Throttled, elementFor)),
            OutcomeKind.Stale => Problem(StatusCodes.Status412PreconditionFailed, Outcomes.Error(OperationOutcome.IssueType.Conflict, failure.Detail ?? Outcomes.MessageForStatus(StatusCodes.Status412PreconditionFailed))),
            OutcomeKind.Ok => throw new ArgumentException("A success is not a problem.", nameof(failure)),
        };
    }
}
