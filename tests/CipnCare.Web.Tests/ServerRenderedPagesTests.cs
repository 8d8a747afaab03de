using System.Net;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>The pages work without JavaScript: plain form posts with the antiforgery token and a cookie.</summary>
public abstract class ServerRenderedPagesTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A check-in week as form fields (every item; each step keeps only its own).</summary>
    private static List<KeyValuePair<string, string>> Form(Dictionary<string, object> week) => HtmlForms.Fields(week);

    private static Task<HttpResponseMessage> CheckInThroughTheFormAsync(HttpClient client, Guid patient, Dictionary<string, object> week, string? submissionKey = null) =>
        HtmlForms.CheckInAsync(client, patient, week, Ct, submissionKey);

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorSummary()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await HtmlForms.SubmitAsync(client, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", "Wrong-password-1")], Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("The email or password is not correct, or this account cannot sign in now.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patient_SignsIn_AnswersStepByStep_ReviewsSends_SeesTheSummaryAndHistory()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);

        var home = await client.GetAsync("/", Ct);
        Assert.Equal($"/patients/{patient}", HtmlForms.RedirectPath(home));
        var firstStep = await client.GetStringAsync($"/patients/{patient}/check-in", Ct);
        Assert.Contains("Step 1 of 7", firstStep, StringComparison.Ordinal);

        var submitted = await CheckInThroughTheFormAsync(client, patient, Questionnaires.Week(2, everyday: true, falls: 1, notes: "Dropping cups"));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var receiptUrl = HtmlForms.RedirectPath(submitted);
        Assert.StartsWith("/responses/", receiptUrl, StringComparison.Ordinal);
        var receipt = WebUtility.HtmlDecode(await client.GetStringAsync(receiptUrl, Ct));
        Assert.Contains("Thank you – your answers were sent", receipt, StringComparison.Ordinal);
        Assert.Contains("Dropping cups", receipt, StringComparison.Ordinal);
        Assert.Contains("symptoms that make everyday tasks harder", receipt, StringComparison.Ordinal);
        Assert.Contains("1 fall", receipt, StringComparison.Ordinal);
        Assert.Contains("988", receipt, StringComparison.Ordinal); // crisis line guidance is always shown to patients
        var stored = await app.WithDbAsync(db => db.InstrumentResponses.Include(r => r.Scores).SingleAsync(r => r.PatientId == patient));
        Assert.Equal((50.0, 2.0, Roles.Patient), (stored.Scores.Single(sc => sc.Code == "symptom-score").Value!.Value, stored.Scores.Single(sc => sc.Code == "pro-sensory-grade").Value!.Value, stored.EnteredByRole));
        Assert.Equal((2, (int)stored.Scores.Single(sc => sc.Code == "pro-motor-grade").Value!.Value), (stored.SensoryGrade!.Value, stored.MotorGrade!.Value)); // the grades kept on the row, as scored
        Assert.Equal(0, await app.WithDbAsync(db => db.ResponseDrafts.CountAsync(d => d.PatientId == patient))); // the draft is gone once sent

        var history = await client.GetStringAsync($"/patients/{patient}", Ct);
        Assert.Contains("Your check-ins", history, StringComparison.Ordinal);
        Assert.Contains($"href=\"/responses/{stored.Id}\"", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStepWithMissingAnswers_ShowsEachProblem_KeepsTheAnswers_AndDoesNotMoveOn()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);
        var partial = Form(Questionnaires.Week(3)).Where(f => f.Key is not "tingling-hands").ToList();

        var response = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=1", "questionnaire", [.. partial, new("action", "next")], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("href=\"#tingling-hands\"", html, StringComparison.Ordinal);
        Assert.Contains("Please answer \"Tingling or \"pins and needles\" in your hands or fingers\".", html, StringComparison.Ordinal);
        Assert.Contains("id=\"numbness-hands-3\" name=\"numbness-hands\" value=\"3\" checked", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient)));
    }

    [Fact]
    public async Task SaveAndFinishLater_KeepsTheDraft_AndTheFormResumesWhereItWasLeft()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);
        var fields = Form(Questionnaires.Week(1));
        await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=1", "questionnaire", [.. fields, new("action", "next")], Ct);

        var saved = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=2", "questionnaire", [.. fields.Where(f => f.Key == "numbness-feet"), new("action", "save")], Ct);
        var resumed = WebUtility.HtmlDecode(await client.GetStringAsync($"/patients/{patient}/check-in", Ct));

        Assert.Equal($"/patients/{patient}?draft=saved", HtmlForms.RedirectPath(saved));
        Assert.Contains("Step 2 of 7", resumed, StringComparison.Ordinal);
        Assert.Contains("We kept the answers you started", resumed, StringComparison.Ordinal);
        Assert.Contains("id=\"numbness-feet-1\" name=\"numbness-feet\" value=\"1\" checked", resumed, StringComparison.Ordinal);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "save check-in draft");
    }

    [Fact]
    public async Task SendPostedTwice_StoresOne()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);

        var first = await CheckInThroughTheFormAsync(client, patient, Questionnaires.Week(1));
        var review = await client.GetStringAsync($"/patients/{patient}/check-in?step=8", Ct);
        var key = System.Text.RegularExpressions.Regex.Match(review, "name=\"submissionKey\" value=\"([^\"]+)\"").Groups[1].Value;
        var stored = await app.WithDbAsync(db => db.InstrumentResponses.SingleAsync(r => r.PatientId == patient));
        var second = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=8", "questionnaire", [new("action", "submit"), new("submissionKey", stored.SubmissionKey!)], Ct);

        Assert.NotEqual(stored.SubmissionKey, key); // a new check-in would get a new key…
        Assert.Equal(first.Headers.Location, second.Headers.Location); // …but the same key again lands on the stored one
        Assert.Equal(1, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient)));
    }

    [Fact]
    public async Task Clinician_EntersAPhoneCheckIn_DatedTheDayItWasGiven()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var client = await HtmlForms.SignInAsync(app, clinician, Ct);
        var fields = Form(Questionnaires.Week(1));
        for (var step = 1; step <= 7; step++)
        {
            await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step={step}", "questionnaire", [.. fields, new("action", "next")], Ct);
        }

        var sent = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=8", "questionnaire", [new("action", "submit"), new("authored", "2026-11-20")], Ct);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var stored = await app.WithDbAsync(db => db.InstrumentResponses.SingleAsync(r => r.PatientId == patient));
        Assert.Equal((new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc), Roles.Clinician, clinician.DisplayName), (stored.AuthoredAt, stored.EnteredByRole, stored.EnteredByName));
    }

    [Fact]
    public async Task Clinician_PatientList_ShowsTeamPatientsWithChange_NotOthers()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Rivera"));
        var (_, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false, familyName: "Elsewhere");
        var patientClient = await HtmlForms.SignInAsync(app, login!, Ct);
        await CheckInThroughTheFormAsync(patientClient, patient, Questionnaires.Week(1));
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await CheckInThroughTheFormAsync(patientClient, patient, Questionnaires.Week(3, everyday: true));
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var list = WebUtility.HtmlDecode(await clinician.GetStringAsync("/patients", Ct));
        var page = WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patient}", Ct));

        Assert.Contains($"href=\"/patients/{patient}\"", list, StringComparison.Ordinal);
        Assert.Contains("▲ Worse", list, StringComparison.Ordinal);
        Assert.Contains("▲ Worse (+50)", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Elsewhere", list, StringComparison.Ordinal);
        Assert.Contains("Check-in history", page, StringComparison.Ordinal);
        Assert.Contains("sensory grade 1 → 2", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherPatientsPage_Is403_AndSaysSo()
    {
        var team = await app.CreateTeamAsync();
        var (_, login) = await app.CreatePatientAsync(team);
        var (other, _) = await app.CreatePatientAsync(team, withLogin: false);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);

        var page = await client.GetAsync($"/patients/{other}", Ct);
        var form = await client.GetAsync($"/patients/{other}/check-in", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("You cannot see this record", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
    }

    [Fact]
    public async Task AdminPages_RegisterPatient_AndListAudit()
    {
        var team = await app.CreateTeamAsync();
        var admin = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Admin), Ct);
        var mrn = CipnApp.Unique("MRN");

        var created = await HtmlForms.SubmitAsync(admin, "/patients/new", "new-patient",
        [
            new("mrn", mrn), new("givenName", "Olu"), new("familyName", "Bello"), new("birthDate", "1970-02-02"), new("sex", "Male"),
            new("diagnosis", "Gastric cancer"), new("treatmentStatus", "Planned"), new("careTeamId", team.ToString()),
        ], Ct);
        var invalid = await HtmlForms.SubmitAsync(admin, "/patients/new", "new-patient", [new("mrn", mrn)], Ct);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var patient = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Mrn == mrn));
        Assert.Equal($"/patients/{patient.Id}", HtmlForms.RedirectPath(created));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var invalidHtml = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Given name is required.", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("The birth date is required.", invalidHtml, StringComparison.Ordinal);

        var audit = await admin.GetStringAsync($"/admin/audit?patientId={patient.Id}", Ct);
        Assert.Contains("create patient", audit, StringComparison.Ordinal);
        var badFilter = await admin.GetAsync("/admin/audit?from=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()), Ct);

        var signedOut = await HtmlForms.SubmitAsync(client, "/patients", "/account/logout", [], Ct);

        Assert.Equal("/account/login?signedOut=true", HtmlForms.RedirectPath(signedOut));
        var after = await client.GetAsync("/patients", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}

public sealed class ServerRenderedPagesOnSqlite(SqliteApp app) : ServerRenderedPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ServerRenderedPagesOnPostgres(PostgresApp app) : ServerRenderedPagesTests(app), IClassFixture<PostgresApp>;
