using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Outcomes;

/// <summary>
/// The one place an outcome becomes an HTTP answer, for every /api endpoint and every page form
/// (docs/architecture.md, "One outcome"):
/// invalid input 400 (a validation problem naming each field — the same status ASP.NET Core gives a body it
/// cannot bind, so a client has one "fix your input" answer), not found 404, denied 403, conflict 409, too many
/// attempts 429 (with <c>retryAfterSeconds</c> in the problem), a change to an older version 412.
/// Each failure is an RFC 9457 problem. /fhir answers with an OperationOutcome instead and keeps FHIR's 422.
/// </summary>
public static class OutcomeHttp
{
    public static int StatusCode(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Ok => StatusCodes.Status200OK,
        OutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        OutcomeKind.Denied => StatusCodes.Status403Forbidden,
        OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        OutcomeKind.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        OutcomeKind.Stale => StatusCodes.Status412PreconditionFailed,
    };

    /// <summary><paramref name="ok"/> answers a success (200, 201 or 204: the endpoint knows which); a failure is a problem.</summary>
    public static Results<TOk, ProblemHttpResult> ToHttpResult<T, TOk>(this Outcome<T> outcome, Func<T, TOk> ok)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(ok);
        return outcome.IsOk ? ok(outcome.Value) : Problem(outcome.Failure!);
    }

    public static async Task<Results<TOk, ProblemHttpResult>> ToHttpResultAsync<T, TOk>(this Task<Outcome<T>> work, Func<T, TOk> ok)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(work);
        return (await work).ToHttpResult(ok);
    }

    /// <summary>For a success whose answer needs another read (the stored record as the API shows it).</summary>
    public static async Task<Results<TOk, ProblemHttpResult>> ToHttpResultAsync<T, TOk>(this Task<Outcome<T>> work, Func<T, Task<TOk>> ok)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(ok);
        var outcome = await work;
        return outcome.IsOk ? await ok(outcome.Value) : Problem(outcome.Failure!);
    }

    public static ProblemHttpResult Problem(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var status = StatusCode(failure.Kind);
        ProblemDetails problem = failure.Errors.Count > 0
            ? new HttpValidationProblemDetails(failure.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = failure.Kind switch
        {
            OutcomeKind.Invalid => "Nothing was saved",
            OutcomeKind.NotFound => "Not found",
            OutcomeKind.Denied => "Forbidden",
            OutcomeKind.Conflict => "Conflict",
            OutcomeKind.TooManyAttempts => "Too many attempts",
            OutcomeKind.Stale => "Changed since you read it",
            OutcomeKind.Ok => throw new ArgumentException("A success is not a problem.", nameof(failure)),
        };
        problem.Detail = failure.Detail ?? (failure.Kind == OutcomeKind.Invalid ? "Check the fields named in errors; nothing was stored." : null);
        foreach (var (key, value) in failure.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
