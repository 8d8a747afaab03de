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
        api.MapGet("/", ListAsync).WithSummary("A page of the patients the caller may see (page, pageSize up to 500; default 100), each with the latest check-in and change. X-Total-Count and a Link header (rel next/prev) page through the rest.");
        api.MapGet("/{patientId:guid}", GetAsync).WithSummary("One patient.");
        api.MapPost("/", CreateAsync).RequireAuthorization(p => p.RequireRole(Roles.Clinician, Roles.Admin))
            .WithSummary("Register a patient under a care team (the caller's own when there is only one).");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<PatientRow>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, PatientQueries queries, HttpRequest request, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (page < 1 || pageSize is < 1 or > PatientQueries.MaxPageSize)
        {
            return OutcomeHttp.Problem(Outcome.Invalid(page < 1 ? "page" : "pageSize", page < 1 ? "The page is a whole number from 1." : $"The page size is a whole number from 1 to {PatientQueries.MaxPageSize}."));
        }

        var list = await queries.ListAsync(user, search, page ?? 1, pageSize ?? PatientQueries.DefaultPageSize, cancellationToken);
        request.HttpContext.Response.Headers["X-Total-Count"] = list.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var links = new List<string>();
        string Link(int to, string rel) => $"<{request.PathBase}{request.Path}?page={to}&pageSize={list.PageSize}{(string.IsNullOrEmpty(search) ? "" : "&search=" + Uri.EscapeDataString(search))}>; rel=\"{rel}\"";
        if (list.Page < list.Pages)
        {
            links.Add(Link(list.Page + 1, "next"));
        }

        if (list.Page > 1)
        {
            links.Add(Link(list.Page - 1, "prev"));
        }

        if (links.Count > 0)
        {
            request.HttpContext.Response.Headers.Link = string.Join(", ", links);
        }

        return TypedResults.Ok(list.Rows);
    }

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
