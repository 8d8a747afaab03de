using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Patients;

public static class PatientsApi
{
    public static RouteGroupBuilder MapPatients(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients").WithTags("Patients").RequireAuthorization();
        api.MapGet("/", ListAsync).WithSummary("The patients the caller may see, with each one's latest check-in and change.");
        api.MapGet("/{patientId:guid}", GetAsync).WithSummary("One patient.");
        api.MapPost("/", CreateAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin))
            .WithSummary("Register a patient under a care team (the caller's own when there is only one).");
        return api;
    }

    public static async Task<Ok<List<PatientRow>>> ListAsync(ClaimsPrincipal user, PatientQueries queries, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(user, search, cancellationToken));

    public static async Task<Results<Ok<PatientView>, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        Guid patientId, ClaimsPrincipal user, PatientQueries queries, CancellationToken cancellationToken)
    {
        var (outcome, patient) = await queries.GetAsync(user, patientId, "read patient", cancellationToken);
        return outcome switch
        {
            AccessOutcome.Allowed => TypedResults.Ok(patient!),
            AccessOutcome.NotFound => PatientProblems.NotFound(patientId),
            AccessOutcome.Denied => PatientProblems.Forbidden(),
        };
    }

    public static async Task<Results<Created<PatientView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewPatient request, ClaimsPrincipal user, CreatePatient create, CipnDbContext db, CancellationToken cancellationToken)
    {
        var result = await create.HandleAsync(user, request, cancellationToken);
        switch (result.Status)
        {
            case CreatePatientStatus.Created:
                var patient = result.Patient!;
                var team = await db.CareTeams.AsNoTracking().FirstAsync(t => t.Id == patient.CareTeamId, cancellationToken);
                return TypedResults.Created($"/api/patients/{patient.Id}", PatientView.From(patient, team.Name, team.Phone));
            case CreatePatientStatus.Invalid:
                return result.Errors.ToValidationProblem("The patient was not registered");
            case CreatePatientStatus.Conflict:
                return TypedResults.Problem(string.Join(" ", result.Errors.Values), statusCode: StatusCodes.Status409Conflict, title: "Already registered");
            case CreatePatientStatus.Denied:
                return TypedResults.Problem("You may add patients only to your own care teams.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            default:
                throw new InvalidOperationException($"Unhandled status {result.Status}.");
        }
    }
}
