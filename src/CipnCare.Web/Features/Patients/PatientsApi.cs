using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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

    public static Task<Results<Created<PatientView>, ProblemHttpResult>> CreateAsync(
        NewPatient request, ClaimsPrincipal user, CreatePatient create, CareTeamQueries teams, CancellationToken cancellationToken) =>
        create.HandleAsync(user, request, cancellationToken).ToHttpResultAsync(async patient =>
        {
            var team = (await teams.FindAsync(patient.CareTeamId, cancellationToken))!;
            return TypedResults.Created($"/api/patients/{patient.Id}", PatientView.From(patient, team.Name, team.Phone));
        });
}
