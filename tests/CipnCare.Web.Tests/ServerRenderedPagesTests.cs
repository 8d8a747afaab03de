using System.Net;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>The pages work without JavaScript: plain form posts with the antiforgery token and a cookie.</summary>
public abstract class ServerRenderedPagesTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<KeyValuePair<string, string>> Answers(int value, string everyday = "no", string selfCare = "no", string? notes = null)
    {
        var fields = CheckInItems.All.Select(i => KeyValuePair.Create(i.Id, value.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        fields.Add(new("limitsEverydayTasks", everyday));
        fields.Add(new("limitsSelfCare", selfCare));
        if (notes is not null)
        {
            fields.Add(new("notes", notes));
        }

        return fields;
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorSummary()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await HtmlForms.SubmitAsync(client, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", "Wrong-password-1")], Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("The email or password is not correct.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patient_SignsIn_LandsOnOwnPage_SubmitsCheckIn_SeesConfirmationAndHistory()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);

        var home = await client.GetAsync("/", Ct);
        Assert.Equal($"/patients/{patient}", HtmlForms.RedirectPath(home));

        var submitted = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in", "check-in", Answers(2, everyday: "yes", notes: "Dropping cups"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var receiptUrl = HtmlForms.RedirectPath(submitted);
        Assert.StartsWith("/check-ins/", receiptUrl, StringComparison.Ordinal);

        var receipt = await client.GetStringAsync(receiptUrl, Ct);
        Assert.Contains("Thank you – your check-in was sent", receipt, StringComparison.Ordinal);
        Assert.Contains("“Dropping cups”", receipt, StringComparison.Ordinal);
        Assert.Contains("988", receipt, StringComparison.Ordinal); // crisis line guidance is always shown to patients
        var stored = await app.WithDbAsync(db => db.CheckIns.SingleAsync(c => c.PatientId == patient));
        Assert.Equal((18, 2, 2, Roles.Patient), (stored.TotalScore, stored.SensoryGrade, stored.MotorGrade, stored.EnteredByRole));

        var history = await client.GetStringAsync($"/patients/{patient}", Ct);
        Assert.Contains("Your check-ins", history, StringComparison.Ordinal);
        Assert.Contains($"href=\"/check-ins/{stored.Id}\"", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckInForm_MissingAnswers_ShowsEachProblem_KeepsAnswers_StoresNothing()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);
        var partial = Answers(3).Where(f => f.Key is not (CheckInItems.Balance or "limitsSelfCare")).ToList();

        var response = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in", "check-in", partial, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("href=\"#balance\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#limitsSelfCare\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"numbness-hands-3\" name=\"numbness-hands\" value=\"3\" checked", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == patient)));
    }

    [Fact]
    public async Task CheckInForm_PostedTwice_StoresOne()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await HtmlForms.SignInAsync(app, login!, Ct);
        var html = await client.GetStringAsync($"/patients/{patient}/check-in", Ct);
        var key = System.Text.RegularExpressions.Regex.Match(html, "name=\"submissionKey\" value=\"([^\"]+)\"").Groups[1].Value;

        var fields = Answers(1).Append(KeyValuePair.Create("submissionKey", key)).ToList();
        var first = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in", "check-in", fields, Ct);
        var second = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in", "check-in", fields, Ct);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.PatientId == patient)));
    }

    [Fact]
    public async Task Clinician_PatientList_ShowsTeamPatientsWithChange_NotOthers()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team, familyName: CipnApp.Unique("Rivera"));
        var (_, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false, familyName: "Elsewhere");
        var patientClient = await HtmlForms.SignInAsync(app, login!, Ct);
        await HtmlForms.SubmitAsync(patientClient, $"/patients/{patient}/check-in", "check-in", Answers(1), Ct);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await HtmlForms.SubmitAsync(patientClient, $"/patients/{patient}/check-in", "check-in", Answers(3, everyday: "yes"), Ct);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var list = WebUtility.HtmlDecode(await clinician.GetStringAsync("/patients", Ct));
        var page = WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patient}", Ct));

        Assert.Contains($"href=\"/patients/{patient}\"", list, StringComparison.Ordinal);
        Assert.Contains("▲ Worse", list, StringComparison.Ordinal);
        Assert.Contains("▲ Worse (+18)", list, StringComparison.Ordinal);
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
