using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Patients;

/// <summary>The API's answers when a patient cannot be opened.</summary>
public static class PatientProblems
{
    public static NotFound<ProblemDetails> NotFound(Guid patientId) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"There is no patient {patientId}.", Status = StatusCodes.Status404NotFound });

    public static ProblemHttpResult Forbidden(string detail = "You may not see this patient's record.") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
