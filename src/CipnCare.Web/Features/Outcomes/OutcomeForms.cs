namespace CipnCare.Web.Features.Outcomes;

/// <summary>The page side of <see cref="OutcomeHttp"/>: the same status code, and the messages a form shows.</summary>
public static class OutcomeForms
{
    /// <summary>
    /// Sets the response status the API would answer and returns the messages to show, by field: the use
    /// case's field errors, or its one-sentence reason under <paramref name="summaryField"/> (the form's heading id).
    /// </summary>
    public static Dictionary<string, string> Show<T>(this Outcome<T> outcome, HttpContext http, string summaryField)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(http);
        if (outcome.IsOk)
        {
            return [];
        }

        http.Response.StatusCode = OutcomeHttp.StatusCode(outcome.Kind);
        var failure = outcome.Failure!;
        return failure.Errors.Count > 0
            ? failure.Errors.ToDictionary(e => e.Key, e => e.Value)
            : new() { [summaryField] = failure.Detail ?? "This could not be done." };
    }
}
