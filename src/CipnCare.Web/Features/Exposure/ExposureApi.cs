using System.Security.Claims;
using CipnCare.Clinical.Exposure;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CipnCare.Web.Features.Exposure;

public static class ExposureApi
{
    public sealed record Created(Guid Id, IReadOnlyList<DoseFinding> AcknowledgedFindings);

    public sealed record DoseCorrection(string? AgentCode, DateTime? AdministeredAt, double? Amount, DoseUnit? Unit, string? Route, string? CorrectionReason, bool Acknowledge = false, string? AcknowledgementReason = null)
    {
        public NewAdministration ToAdministration() => new(AgentCode, AdministeredAt, Amount, Unit, Route, Acknowledge, AcknowledgementReason);
    }

    public sealed record BsaFormulaChoice(BsaFormula? BsaFormula);

    public static RouteGroupBuilder MapExposure(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{patientId:guid}").WithTags("Exposure").RequireAuthorization();
        api.MapGet("/exposure", GetAsync).WithSummary("Cumulative neurotoxic dose per agent against its sourced risk bands, with the dose-safety findings on record.");
        // Writes are for the patient's care-team clinicians; RecordExposure refuses anyone else and audits the
        // refusal against the patient's record (a role policy here would refuse before the audit).
        api.MapPost("/body-measurements", (Guid patientId, NewBodyMeasurement body, ClaimsPrincipal user, RecordExposure record, CancellationToken ct) =>
            ResultAsync(record.MeasurementAsync(user, patientId, body, ct), patientId)).WithSummary("Record a dated height (cm) and/or weight (kg).");
        api.MapPost("/regimen", (Guid patientId, NewRegimenAgent body, ClaimsPrincipal user, RecordExposure record, CancellationToken ct) =>
            ResultAsync(record.PlanAsync(user, patientId, body, ct), patientId)).WithSummary("Plan one agent of the regimen: dose, unit, route, interval, cycles.");
        api.MapPost("/administrations", (Guid patientId, NewAdministration body, ClaimsPrincipal user, RecordExposure record, CancellationToken ct) =>
            ResultAsync(record.AdministrationAsync(user, patientId, body, ct), patientId))
            .WithSummary("Record a dose given. With dose-safety findings the answer is 409 and nothing is stored, unless acknowledge=true with a reason.");
        api.MapPost("/administrations/{administrationId:guid}/corrections", (Guid patientId, Guid administrationId, DoseCorrection body, ClaimsPrincipal user, RecordExposure record, CancellationToken ct) =>
            ResultAsync(record.CorrectAdministrationAsync(user, patientId, administrationId, body.ToAdministration(), body.CorrectionReason, ct), patientId))
            .WithSummary("Correct a recorded dose: the original stays on the record, superseded; the correction is checked like any dose.");
        api.MapGet("/regimen", RegimenAsync).WithSummary("Every version of the regimen plan per agent, oldest first; the newest version of each agent is marked current.");
        api.MapGet("/administrations", HistoryAsync).WithSummary("Every dose on record, oldest first, with corrections and what they replaced.");
        api.MapPut("/bsa-formula", (Guid patientId, BsaFormulaChoice body, ClaimsPrincipal user, RecordExposure record, CancellationToken ct) =>
            ResultAsync(record.FormulaAsync(user, patientId, body.BsaFormula, ct), patientId)).WithSummary("Choose Mosteller (default) or DuBois for this patient's future dose conversions.");
        return api;
    }

    public static Task<Results<Ok<ExposureSummary>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, ExposureQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read exposure", () => queries.SummaryAsync(patientId, cancellationToken), cancellationToken);

    public static Task<Results<Ok<List<DoseHistoryView>>, NotFound<ProblemDetails>, ProblemHttpResult>> HistoryAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, ExposureQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read dose history", () => queries.HistoryAsync(patientId, cancellationToken), cancellationToken);

    public static Task<Results<Ok<List<RegimenVersionView>>, NotFound<ProblemDetails>, ProblemHttpResult>> RegimenAsync(
        Guid patientId, ClaimsPrincipal user, PatientAccess access, ExposureQueries queries, CancellationToken cancellationToken) =>
        PatientProblems.ViewAsync(access, user, patientId, "read regimen plan", () => queries.RegimenAsync(patientId, cancellationToken), cancellationToken);

    /// <summary>201 with what was stored; a dose with unacknowledged findings is a 409 problem whose "findings" lists them.</summary>
    private static Task<Results<Created<Created>, ProblemHttpResult>> ResultAsync(Task<Outcome<Recorded>> work, Guid patientId) =>
        work.ToHttpResultAsync(recorded => TypedResults.Created($"/api/patients/{patientId}/exposure", new Created(recorded.Id, recorded.AcknowledgedFindings)));
}
