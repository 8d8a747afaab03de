using System.Net;
using CipnCare.Web.Components.Shared;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace CipnCare.Web.Tests;

/// <summary>What pages read from a posted form (docs/architecture.md, "One outcome").</summary>
public sealed class FormStateTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FormState Posted(params (string Name, string[] Values)[] fields)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Form = new FormCollection(fields.ToDictionary(f => f.Name, f => new StringValues(f.Values)));
        return FormState.Read(http);
    }

    [Fact]
    public void TypedValues_ParseAsOurInputsSendThem_AndAnythingElseIsNull()
    {
        var form = Posted(("dose", ["1,5"]), ("count", ["3"]), ("day", ["2026-11-20"]), ("badDay", ["20/11/2026"]), ("blank", ["  "]),
            ("unit", ["MgPerM2"]), ("unitNumber", ["1"]), ("at", ["2026-03-08T02:30"]), ("teams", ["a", "b"]), ("nan", ["NaN"]));

        Assert.Equal(1.5, form.Number("dose"));
        Assert.Equal(3, form.WholeNumber("count"));
        Assert.Equal(new DateOnly(2026, 11, 20), form.Date("day"));
        Assert.Null(form.Date("badDay"));
        Assert.True(form.IsBadDate("badDay"));
        Assert.False(form.IsBadDate("blank")); // empty is "left empty", not a bad date
        Assert.Null(form.Value("blank"));
        Assert.Equal(Clinical.Exposure.DoseUnit.MgPerM2, form.Choice<Clinical.Exposure.DoseUnit>("unit"));
        Assert.Null(form.Choice<Clinical.Exposure.DoseUnit>("unitNumber")); // a number is not a choice's name
        Assert.Equal(new DateTime(2026, 3, 8, 2, 30, 0), form.LocalDateTime("at"));
        Assert.Equal(["a", "b"], form.All("teams"));
        Assert.True(form.IsNotANumber("nan"));
        Assert.False(form.Has("missing"));
    }

    [Fact]
    public void AGetShowsTheDefaults_AndResetStartsAgain()
    {
        var form = FormState.Read(new DefaultHttpContext(), [new("startedOn", "2026-11-23")]);
        form.Errors["x"] = "wrong";

        Assert.Equal("2026-11-23", form.Value("startedOn"));
        Assert.Equal("invalid", form.Invalid("x"));
        form.Reset([new("startedOn", "2026-11-24")]);
        Assert.Equal(("2026-11-24", 0), (form.Value("startedOn"), form.Errors.Count));
    }

    [Fact]
    public async Task ACarersEndDateThatIsNotADate_IsRefused_NeverTakenAsNoEndDate()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var response = await HtmlForms.SubmitAsync(clinician, $"/patients/{patient}", "invite-caregiver",
            [new("email", "son@example.org"), new("relationship", "son"), new("scope", "ViewOnly"), new("accessUntil", "31/12/2027")], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter the last day of access as a date", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CaregiverInvitations.CountAsync(i => i.PatientId == patient, Ct)));
    }

    [Fact]
    public async Task TheFormulaSection_OfTheTreatmentPage_SavesAChoice_AndRefusesANumber()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var refused = await HtmlForms.SubmitAsync(clinician, $"/patients/{patient}/exposure", "formula", [new("bsaFormula", "1")], Ct);
        var saved = await HtmlForms.SubmitAsync(clinician, $"/patients/{patient}/exposure", "formula", [new("bsaFormula", "DuBois")], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose Mosteller or DuBois.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Body surface area will be calculated with DuBois from now on.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(Clinical.Exposure.BsaFormula.DuBois, await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.BsaFormula).FirstAsync(Ct)));
    }
}
