using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Patients;

/// <summary>The API's answers when a patient cannot be opened.</summary>
public static class PatientProblems
{
    public static NotFound<ProblemDetails> NotFound(Guid patientId) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"There is no patient {patientId}.", Status = StatusCodes.Status404NotFound });

    /// <summary>
    /// Opens the patient for viewing (audited as <paramref name="action"/>) and answers 200 with what
    /// <paramref name="read"/> returns, 404 for no such patient, 403 for someone else's patient.
    /// </summary>
    public static async Task<Results<Ok<T>, NotFound<ProblemDetails>, ProblemHttpResult>> ViewAsync<T>(
        PatientAccess access, ClaimsPrincipal user, Guid patientId, string action, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(read);
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.View, action, cancellationToken);
        return opened.Outcome switch
        {
            AccessOutcome.Allowed => TypedResults.Ok(await read()),
            AccessOutcome.NotFound => NotFound(patientId),
            AccessOutcome.Denied => Forbidden(),
        };
    }

    public static ProblemHttpResult Forbidden(string detail = "You may not see this patient's record.") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
