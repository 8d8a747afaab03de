using System.Security.Claims;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Assessments;

public static class AssessmentsApi
{
    public sealed record Saved(Guid Id);

    public sealed record VisitDetail(AssessmentView Assessment, IReadOnlyList<AssessmentVersionView> History);

    public static RouteGroupBuilder MapAssessments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Assessments").RequireAuthorization();
        api.MapGet("/assessments", ListAsync).WithSummary("Every assessment visit, newest first, with derived scores (exam composite, orthostatic test, fall risk), the change from the visit before, the results on record and the consider-another-cause reasons.");
        api.MapGet("/assessments/{visitId:guid}", GetAsync).WithSummary("One assessment visit with its version history.");
        // Writes are for the patient's care-team clinicians; RecordAssessment refuses anyone else and audits the refusal.
        api.MapPost("/assessments", (Guid patientId, NewAssessment body, ClaimsPrincipal user, RecordAssessment record, CancellationToken ct) =>
            ResultAsync(record.CreateAsync(user, patientId, body, ct), patientId)).WithSummary("Record an assessment visit: visitDate and the exam findings.");
        api.MapPut("/assessments/{visitId:guid}", (Guid patientId, Guid visitId, AssessmentEdit body, ClaimsPrincipal user, RecordAssessment record, CancellationToken ct) =>
            ResultAsync(record.EditAsync(user, patientId, visitId, body, ct), patientId)).WithSummary("Change a visit's findings with a reason; the earlier version is kept.");
        api.MapGet("/diagnostics", DiagnosticsAsync).WithSummary("Nerve conduction, QST, laboratory and imaging results, newest first, with reference ranges and flags.");
        api.MapPost("/diagnostics", (Guid patientId, NewDiagnostic body, ClaimsPrincipal user, RecordAssessment record, CancellationToken ct) =>
            ResultAsync(record.DiagnosticAsync(user, patientId, body, ct), patientId)).WithSummary("Record a result: code from the catalogue (docs/assessment.md), date, value and/or text, the laboratory's range.");
        return api;
    }

    public static Task<Results<Ok<AssessmentOverview>, NotFound<ProblemDetails>, ProblemHttpResult>> ListAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, AssessmentQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read assessments", () => queries.OverviewAsync(patientId, cancellationToken), cancellationToken);

    public static async Task<Results<Ok<VisitDetail>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid patientId, Guid visitId, ClaimsPrincipal user, PatientAccess access, AssessmentQueries queries, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.View, "read assessment", cancellationToken);
        if (opened.Outcome != AccessOutcome.Allowed)
        {
            return opened.Outcome == AccessOutcome.NotFound ? PatientProblems.NotFound(patientId) : PatientProblems.Forbidden();
        }

        return await queries.VisitAsync(patientId, visitId, cancellationToken) is { } visit
            ? TypedResults.Ok(new VisitDetail(visit.View, visit.History))
            : TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = $"There is no assessment {visitId} for this patient.", Status = StatusCodes.Status404NotFound });
    }

    public static Task<Results<Ok<List<DiagnosticView>>, NotFound<ProblemDetails>, ProblemHttpResult>> DiagnosticsAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, AssessmentQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read diagnostic results", () => queries.DiagnosticsAsync(patientId, cancellationToken), cancellationToken);

    private static Task<Results<Created<Saved>, ProblemHttpResult>> ResultAsync(Task<Outcome<Guid>> work, Guid patientId) =>
        work.ToHttpResultAsync(id => TypedResults.Created($"/api/patients/{patientId}/assessments", new Saved(id)));
}
