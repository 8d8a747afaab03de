using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

public static class Outcomes
{
    public static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType code, string diagnostics, string? expression = null)
    {
        var issue = new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = diagnostics };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        return issue;
    }

    public static OperationOutcome Error(OperationOutcome.IssueType code, string diagnostics, string? expression = null) =>
        new() { Issue = [Issue(code, diagnostics, expression)] };

    /// <summary>One issue per field error; each names the FHIR element it concerns.</summary>
    public static OperationOutcome FromErrors(IReadOnlyDictionary<string, string> errors, OperationOutcome.IssueType code, Func<string, string> expressionFor) =>
        new() { Issue = errors.Select(e => Issue(code, e.Value, expressionFor(e.Key))).ToList() };

    public static OperationOutcome.IssueType ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status405MethodNotAllowed => OperationOutcome.IssueType.NotSupported,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooCostly,
        StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
        _ => OperationOutcome.IssueType.Processing,
    };

    public static string MessageForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in first: send a bearer token from POST /api/auth/login.",
        StatusCodes.Status403Forbidden => "You may not see or change this resource.",
        StatusCodes.Status404NotFound => "There is no such resource or interaction here.",
        StatusCodes.Status405MethodNotAllowed => "That interaction is not supported on this resource.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send application/fhir+json.",
        _ => "The request could not be processed.",
    };
}
