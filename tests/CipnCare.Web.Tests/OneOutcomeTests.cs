using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>
/// Every API answers a use case's outcome the same way (docs/architecture.md, "One outcome"): invalid 400 naming the
/// field, not found 404, denied 403, conflict 409, each an RFC 9457 problem; a page answers the same status.
/// </summary>
public sealed class OneOutcomeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Problem(string Title, int Status, string? Detail, Dictionary<string, string[]>? Errors);

    private static async Task<(HttpStatusCode Status, Problem Body)> ProblemAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<Problem>(CipnApp.Json, Ct))!);
    }

    [Fact]
    public async Task InvalidInput_Is400NamingTheField_InEveryFeature()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var answers = new[]
        {
            (Field: "intervalDays", Answer: await ProblemAsync(clinician.PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 400 }, Ct))),
            (Field: "targetDate", Answer: await ProblemAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/goals", new { text = "Walk to the shop", expectedOutcome = "Walks to the shop twice a week", baselineLevel = -1, targetDate = "2020-01-01" }, Ct))),
            (Field: "visitDate", Answer: await ProblemAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = "2099-01-01", findings = new { } }, Ct))),
            (Field: "bsaFormula", Answer: await ProblemAsync(clinician.PutAsJsonAsync($"/api/patients/{patient}/bsa-formula", new { bsaFormula = (string?)null }, Ct))),
            (Field: "name", Answer: await ProblemAsync(admin.PostAsJsonAsync("/api/admin/care-teams", new { name = "", phone = "+1 555 0100" }, Ct))),
            (Field: "email", Answer: await ProblemAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email = "not an address", relationship = "son", scope = "ViewOnly" }, Ct))),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal((HttpStatusCode.BadRequest, 400, "Nothing was saved"), (a.Answer.Status, a.Answer.Body.Status, a.Answer.Body.Title));
            Assert.True(a.Answer.Body.Errors?.ContainsKey(a.Field), $"{a.Field} is not named in {JsonSerializer.Serialize(a.Answer.Body.Errors)}");
        });
    }

    [Fact]
    public async Task NotFound_Is404_Denied_Is403_WithTheReason()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var self = await app.ClientForAsync(login!);

        var missing = await ProblemAsync(clinician.PutAsJsonAsync($"/api/patients/{Guid.NewGuid()}/schedule", new { intervalDays = 14 }, Ct));
        var noSuchGoal = await ProblemAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{Guid.NewGuid()}/reviews", new { reviewedOn = "2026-11-20", level = 0 }, Ct));
        var byPatient = await ProblemAsync(self.PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 14 }, Ct));
        var noSuchAlert = await ProblemAsync(clinician.PostAsync($"/api/alerts/{Guid.NewGuid()}/acknowledge", null, Ct));

        Assert.Equal((HttpStatusCode.NotFound, "Not found", "There is no such patient."), (missing.Status, missing.Body.Title, missing.Body.Detail));
        Assert.Equal((HttpStatusCode.NotFound, "There is no such goal on this care plan."), (noSuchGoal.Status, noSuchGoal.Body.Detail));
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden", "Only the patient's care-team clinicians change the check-in schedule."), (byPatient.Status, byPatient.Body.Title, byPatient.Body.Detail));
        Assert.Equal((HttpStatusCode.NotFound, "There is no such alert."), (noSuchAlert.Status, noSuchAlert.Body.Detail));
    }

    [Fact]
    public async Task ADuplicateMrn_IsAConflict_409NamingTheField()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var mrn = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.Mrn).FirstAsync(Ct));
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var duplicate = await ProblemAsync(clinician.PostAsJsonAsync("/api/patients", new
        {
            mrn,
            givenName = "Ada",
            familyName = "Lovelace",
            birthDate = "1960-01-01",
            sex = "Female",
            diagnosis = "Colon cancer",
            treatmentStatus = "OnTreatment",
        }, Ct));

        Assert.Equal((HttpStatusCode.Conflict, "Conflict", $"A patient with MRN {mrn} is already registered."), (duplicate.Status, duplicate.Body.Title, duplicate.Body.Errors!["mrn"].Single()));
    }

    [Fact]
    public async Task APage_AnswersTheSameStatus_AndShowsTheSameMessage()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var future = await HtmlForms.SubmitAsync(clinician, $"/patients/{patient}", "schedule", [new("intervalDays", ""), new("treatmentEndedOn", "2099-01-01")], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("The treatment end date cannot be in the future.", await future.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutcome_HoldsAValueOnlyWhenOk_AndAnInvalidOneNamesAField()
    {
        Outcome<int> failed = Outcome.NotFound("gone");

        Assert.Equal(7, Outcome.Ok(7).Value);
        Assert.Throws<InvalidOperationException>(() => failed.Value);
        Assert.Equal((OutcomeKind.NotFound, "gone"), (failed.Kind, failed.Failure!.Detail));
        Assert.Equal("8", Outcome.Ok(7).Map(v => (v + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Value);
        Assert.Equal(OutcomeKind.NotFound, failed.Map(v => v + 1).Kind);
        Assert.Throws<ArgumentException>(() => Outcome.Invalid(new Dictionary<string, string>()));
    }
}
