using System.Security.Claims;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.CarePlans;

public static class CarePlansApi
{
    public sealed record Saved(Guid Id);

    public sealed record StopBody(DateOnly? StoppedOn);

    public sealed record EvidenceBody(string? EvidenceCode);

    public static RouteGroupBuilder MapCarePlans(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Care plan").RequireAuthorization();
        api.MapGet("/care-plan", GetAsync).WithSummary("Goals with their GAS reviews and T-score, interventions with ASCO 2020 evidence labels and the patient's ratings, referrals.");
        api.MapPost("/goals", (Guid patientId, NewGoal body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.AddGoalAsync(user, patientId, body, ct)))
            .WithSummary("Set a goal in the patient's words with its expected level (patient, reporting carer or care team).");
        api.MapPost("/goals/{goalId:guid}/reviews", (Guid patientId, Guid goalId, NewGoalReview body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.ReviewGoalAsync(user, patientId, goalId, body, ct)))
            .WithSummary("Review a goal at a visit: GAS level −2…+2 (care team).");
        api.MapPost("/interventions", (Guid patientId, NewIntervention body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.AddInterventionAsync(user, patientId, body, ct)))
            .WithSummary("Record an intervention: type, name, dose, provider, start and stop, and the ASCO 2020 entry it is rated by (evidenceCode; none = not rated) (care team).");
        api.MapPost("/interventions/{interventionId:guid}/evidence", (Guid patientId, Guid interventionId, EvidenceBody body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.SetEvidenceAsync(user, patientId, interventionId, body.EvidenceCode, ct)))
            .WithSummary("Pick (or clear) the ASCO 2020 entry an intervention is rated by, from GET /api/evidence-entries (care team).");
        api.MapPost("/interventions/{interventionId:guid}/stop", (Guid patientId, Guid interventionId, StopBody body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.StopInterventionAsync(user, patientId, interventionId, body.StoppedOn, ct)))
            .WithSummary("Record that an intervention stopped.");
        api.MapPost("/interventions/{interventionId:guid}/ratings", (Guid patientId, Guid interventionId, NewRating body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.RateAsync(user, patientId, interventionId, body, ct)))
            .WithSummary("Rate an intervention: relief 0–10 and side effects 0–3 (patient, reporting carer or care team).");
        api.MapPost("/referrals", (Guid patientId, NewReferral body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.AddReferralAsync(user, patientId, body, ct)))
            .WithSummary("Propose a referral (care team).");
        api.MapPost("/referrals/{referralId:guid}/status", (Guid patientId, Guid referralId, ReferralUpdate body, ClaimsPrincipal user, ChangeCarePlan change, CancellationToken ct) => ResultAsync(change.UpdateReferralAsync(user, patientId, referralId, body, ct)))
            .WithSummary("Move a referral to sent, scheduled, done or declined, with its date.");
        app.MapGet("/api/evidence-entries", () => TypedResults.Ok(InterventionEvidence.Entries)).WithTags("Care plan").RequireAuthorization()
            .WithSummary("The coded ASCO 2020 list an intervention's evidence label is picked from: code, name, prevention or treatment, label, recommendation, strength.");
        return api;
    }

    public static Task<Results<Ok<CarePlanView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, CarePlanQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read care plan", () => queries.ForPatientAsync(patientId, cancellationToken), cancellationToken);

    private static Task<Results<Created<Saved>, ProblemHttpResult>> ResultAsync(Task<Outcome<Guid>> work) =>
        work.ToHttpResultAsync(id => TypedResults.Created((string?)null, new Saved(id)));
}
