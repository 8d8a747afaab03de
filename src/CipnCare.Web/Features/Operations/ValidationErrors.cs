using Microsoft.AspNetCore.Http.HttpResults;

namespace CipnCare.Web.Features.Operations;

public static class ValidationErrors
{
    /// <summary>A 400 ValidationProblem with one message per field, as the use cases report them.</summary>
    public static ValidationProblem ToValidationProblem(this IReadOnlyDictionary<string, string> errors, string title) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: title);
}
