using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

public abstract class PlanningCareTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DaysAgo(int days) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(-days)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CarePlansApi.Saved>(CipnApp.Json, Ct))!.Id;
    }

    /// <summary>A patient with a goal reviewed twice, duloxetine rated twice, a cane, and two referrals.</summary>
    private async Task<(HttpClient Clinician, HttpClient Self, Guid Patient)> SeededAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var self = await app.ClientForAsync(login!);
        var shirt = await IdAsync(await self.PostAsJsonAsync($"/api/patients/{patient}/goals", new { text = "Button my shirt", expectedOutcome = "Buttons a shirt alone in five minutes" }, Ct));
        var walk = await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals", new { text = "Walk to the mailbox", expectedOutcome = "80 m without a cane", baselineLevel = -2 }, Ct));
        await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{shirt}/reviews", new { reviewedOn = DaysAgo(30), level = -1 }, Ct));
        await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{shirt}/reviews", new { reviewedOn = DaysAgo(1), level = 1, note = "Managed alone" }, Ct));
        await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{walk}/reviews", new { reviewedOn = DaysAgo(1), level = 0 }, Ct));
        var duloxetine = await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Medication", name = "Duloxetine", dose = "60 mg daily", startedOn = DaysAgo(40), evidenceCode = "treatment-duloxetine" }, Ct));
        await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Device", name = "Cane", startedOn = DaysAgo(20) }, Ct));
        await IdAsync(await self.PostAsJsonAsync($"/api/patients/{patient}/interventions/{duloxetine}/ratings", new { relief = 2, sideEffects = 2 }, Ct));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await IdAsync(await self.PostAsJsonAsync($"/api/patients/{patient}/interventions/{duloxetine}/ratings", new { relief = 3, sideEffects = 2, note = "Sleepy" }, Ct));
        var pt = await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/referrals", new { service = "PhysicalTherapy", reason = "Balance after a fall" }, Ct));
        await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/referrals/{pt}/status", new { status = "Scheduled", statusDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(7)) }, Ct));
        await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/referrals", new { service = "Podiatry", reason = "Nail care with numb feet" }, Ct));
        return (clinician, self, patient);
    }

    [Fact]
    public async Task CarePlan_GoalsWithGas_InterventionsWithEvidenceAndEffect_Referrals()
    {
        var (clinician, _, patient) = await SeededAsync();

        var plan = (await clinician.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!;

        Assert.Equal([1, 0], plan.Goals.Select(g => g.CurrentLevel));
        Assert.Equal(["−1 then +1"], [$"{(plan.Goals[0].Reviews[0].Level < 0 ? "−" : "")}{Math.Abs(plan.Goals[0].Reviews[0].Level)} then +{plan.Goals[0].Reviews[1].Level}"]);
        Assert.Equal(56.2, plan.GoalTScore); // 50 + 10·1/√(0.7·2 + 0.3·4) = 50 + 10/√2.6
        var duloxetine = plan.Interventions.Single(i => i.Name == "Duloxetine");
        Assert.Equal(EvidenceLabel.MayBeOffered, duloxetine.Evidence.Label);
        Assert.Equal((2, 2.5, 3), (duloxetine.Effect.Ratings, duloxetine.Effect.MeanRelief!.Value, duloxetine.Effect.LatestRelief!.Value));
        Assert.Equal("relief 3 of 10 lately (average 2.5 over 2 ratings), moderate side effects", duloxetine.Effect.Summary);
        Assert.Equal(EvidenceLabel.NotRated, plan.Interventions.Single(i => i.Name == "Cane").Evidence.Label);
        Assert.Equal([(ReferralService.PhysicalTherapy, ReferralStatus.Scheduled), (ReferralService.Podiatry, ReferralStatus.Proposed)], plan.Referrals.Select(r => (r.Service, r.Status)));
    }

    [Fact]
    public async Task EvidenceComesOnlyFromTheEntryPicked_FreeTextIsNotRated_AndTheTeamCanPickOneLater()
    {
        var (clinician, self, patient) = await SeededAsync();
        // Other indications whose names once matched the prevention list by substring.
        var b12 = await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Supplement", name = "Vitamin B12 for a measured deficiency", startedOn = DaysAgo(3) }, Ct));
        var stockings = await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Device", name = "Compression stockings for dizziness on standing", startedOn = DaysAgo(3) }, Ct));
        var calcium = await IdAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Supplement", name = "Calcium and vitamin D for bone health", startedOn = DaysAgo(3) }, Ct));
        var unknown = await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Supplement", name = "Vitamin E", startedOn = DaysAgo(3), evidenceCode = "vitamin e" }, Ct);
        var byPatient = await self.PostAsJsonAsync($"/api/patients/{patient}/interventions/{b12}/evidence", new { evidenceCode = "prevention-vitamin-b" }, Ct);
        var picked = await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions/{calcium}/evidence", new { evidenceCode = "prevention-calcium-magnesium" }, Ct);
        var entries = await clinician.GetFromJsonAsync<List<GuidelineEntry>>("/api/evidence-entries", CipnApp.Json, Ct);

        var plan = (await clinician.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!;
        Assert.Equal([EvidenceLabel.NotRated, EvidenceLabel.NotRated], plan.Interventions.Where(i => i.Id == b12 || i.Id == stockings).Select(i => i.Evidence.Label));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Pick the guideline entry from the list", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byPatient.StatusCode);
        Assert.Equal(HttpStatusCode.Created, picked.StatusCode);
        var rated = plan.Interventions.Single(i => i.Id == calcium).Evidence;
        Assert.Equal((EvidenceLabel.RecommendedAgainst, "1.4", "moderate"), (rated.Label, rated.Entry!.Recommendation, rated.Entry.Strength));
        Assert.Equal(InterventionEvidence.Entries.Count, entries!.Count);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "set intervention evidence" && a.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task OnThePage_TheClinicianPicksTheEntryFromTheCodedList_WithoutJavaScript()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var pages = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);
        var url = $"/patients/{patient}/care-plan";

        var recorded = await HtmlForms.SubmitAsync(pages, url, "intervention", [new("type", "Medication"), new("name", "Duloxetine"), new("startedOn", DaysAgo(1)), new("evidenceCode", "treatment-duloxetine")], Ct);
        var b12 = await HtmlForms.SubmitAsync(pages, url, "intervention", [new("type", "Supplement"), new("name", "Vitamin B12 injections"), new("startedOn", DaysAgo(1)), new("evidenceCode", "")], Ct);
        var form = WebUtility.HtmlDecode(await pages.GetStringAsync(url, Ct));
        var b12Id = await app.WithDbAsync(db => db.Interventions.Where(i => i.PatientId == patient && i.Name == "Vitamin B12 injections").Select(i => i.Id).SingleAsync());
        await HtmlForms.SubmitAsync(pages, url, $"evidence-{b12Id}", [new("evidenceCode", "prevention-vitamin-b")], Ct);
        var page = WebUtility.HtmlDecode(await pages.GetStringAsync(url, Ct));

        Assert.True(recorded.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{recorded.StatusCode}");
        Assert.True(b12.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{b12.StatusCode}");
        Assert.Contains("<optgroup label=\"Preventing CIPN\">", form, StringComparison.Ordinal);
        Assert.Contains("Duloxetine: may be offered (moderate)</option>", form, StringComparison.Ordinal);
        Assert.Contains("ASCO: not rated</strong><br>Not rated: no guideline entry was picked for it.", form, StringComparison.Ordinal);
        Assert.Contains("ASCO: may be offered</strong> – Duloxetine", page, StringComparison.Ordinal);
        Assert.Contains("ASCO: recommended against</strong> – Vitamin B", page, StringComparison.Ordinal); // picked on purpose, not by name
    }

    [Fact]
    public async Task Validation_AndWhoMayDoWhat()
    {
        var (clinician, self, patient) = await SeededAsync();
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var goal = (await clinician.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Goals[0].Id;

        var badGoal = await self.PostAsJsonAsync($"/api/patients/{patient}/goals", new { text = " ", expectedOutcome = "x" }, Ct);
        var badReview = await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{goal}/reviews", new { reviewedOn = DaysAgo(0), level = 3 }, Ct);
        var badRating = await self.PostAsJsonAsync($"/api/patients/{patient}/interventions/{Guid.NewGuid()}/ratings", new { relief = 4, sideEffects = 0 }, Ct);
        var stopBeforeStart = await clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Medication", name = "Pregabalin", startedOn = DaysAgo(5), stoppedOn = DaysAgo(10) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badGoal.StatusCode);
        Assert.Contains("own words", await badGoal.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badReview.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badRating.StatusCode);
        Assert.Contains("before the start date", await stopBeforeStart.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsJsonAsync($"/api/patients/{patient}/goals/{goal}/reviews", new { reviewedOn = DaysAgo(0), level = 2 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Supplement", name = "Vitamin B", startedOn = DaysAgo(1) }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/patients/{patient}/care-plan", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/patients/{patient}/export/fhir", Ct)).StatusCode);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Contains(audit, a => a.Action == "review goal" && a.Outcome == AuditOutcome.Denied);
        Assert.Contains(audit, a => a.Action == "set goal" && a.Outcome == AuditOutcome.Invalid);
        Assert.Contains(audit, a => a.Action == "export record (FHIR)" && a.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task AReview_CanMarkAGoalAchieved_AndAnUnknownStatusIsRefused()
    {
        var (clinician, _, patient) = await SeededAsync();
        var walk = (await clinician.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Goals.Single(g => g.Text == "Walk to the mailbox").Id;

        var unknown = await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{walk}/reviews", new { reviewedOn = DaysAgo(0), level = 1, status = 7 }, Ct);
        var achieved = await clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{walk}/reviews", new { reviewedOn = DaysAgo(0), level = 1, status = "Achieved" }, Ct);
        var goal = (await clinician.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Goals.Single(g => g.Id == walk);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Choose the goal's status", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, achieved.StatusCode);
        Assert.Equal((GoalStatus.Achieved, 1, 2), (goal.Status, goal.CurrentLevel, goal.Reviews.Count));
    }

    [Fact]
    public async Task Clinician_StopsAnInterventionOnThePage_NotBeforeItStarted()
    {
        var (api, _, patient) = await SeededAsync();
        var team = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.CareTeamId).SingleAsync());
        var pages = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);
        var cane = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Interventions.Single(i => i.Name == "Cane");
        var url = $"/patients/{patient}/care-plan";

        var tooEarly = await HtmlForms.SubmitAsync(pages, url, $"stop-{cane.Id}", [new("stoppedOn", DaysAgo(30))], Ct);
        var stopped = await HtmlForms.SubmitAsync(pages, url, $"stop-{cane.Id}", [new("stoppedOn", DaysAgo(2))], Ct);
        var after = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Interventions.Single(i => i.Id == cane.Id);

        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("The stop date cannot be before the start date.", System.Net.WebUtility.HtmlDecode(await tooEarly.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("Intervention stopped.", await stopped.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(DateOnly.ParseExact(DaysAgo(2), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), after.StoppedOn);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "stop intervention" && a.Outcome == AuditOutcome.Invalid);
    }

    [Fact]
    public async Task VisitSummary_TellsTheStoryFromTheData_ForPatientAndClinician()
    {
        var (_, _, patient) = await SeededAsync();
        var team = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.CareTeamId).SingleAsync());
        var self = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patient).Select(p => p.UserId).SingleAsync());
        var clinicianUser = await app.CreateUserAsync(Roles.Clinician, team);
        var clinicianApi = await app.ClientForAsync(clinicianUser);
        // Without a clinic assessment "since your last visit" is the last 30 days: one check-in 40 days ago, one now.
        var earlier = await clinicianApi.PostAsJsonAsync($"/api/patients/{patient}/responses",
            new { questionnaire = Questionnaires.CheckIn, answers = Questionnaires.Week(1), authored = app.Clock.GetUtcNow().UtcDateTime.AddDays(-40) }, Ct);
        Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(clinicianApi, patient, Questionnaires.Week(2, everyday: true, falls: 2), Ct)).StatusCode);
        var clinician = await HtmlForms.SignInAsync(app, clinicianUser, Ct);

        var html = System.Net.WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patient}/visit-summary", Ct));

        Assert.Contains("Your symptom score went from 25 to 50 out of 100 (higher means more symptoms)", html, StringComparison.Ordinal);
        Assert.Contains("Numbness, tingling or pain now affects your daily life more than before.", html, StringComparison.Ordinal);
        Assert.Contains("2 falls reported since", html, StringComparison.Ordinal);
        Assert.Contains("Duloxetine (60 mg daily): relief 3 of 10 lately (average 2.5 over 2 ratings), moderate side effects.", html, StringComparison.Ordinal);
        Assert.Contains("“Button my shirt”: somewhat more than expected at the last review", html, StringComparison.Ordinal);
        Assert.Contains("Duloxetine is not helping much. Are there other things I could try?", html, StringComparison.Ordinal);
        Assert.Contains("Duloxetine gives me side effects. What can I do about them?", html, StringComparison.Ordinal);
        Assert.Contains("What can I do to prevent falls at home?", html, StringComparison.Ordinal);
        Assert.Contains("sensory G2, motor G2", html, StringComparison.Ordinal); // clinician note
        Assert.Contains("Falls since", html, StringComparison.Ordinal);
        Assert.Contains("referrals: Physical therapy (scheduled), Podiatry (proposed); goals GAS T 56.2.", html, StringComparison.Ordinal);
        Assert.NotNull(self);
    }

    [Fact]
    public async Task Export_FhirBundleAndCsv_ForThePatientThemselves()
    {
        var (clinician, self, patient) = await SeededAsync();
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.ModerateWeek(), Ct)).StatusCode);

        var bundle = await FhirTesting.ReadAsync<Bundle>(await self.GetAsync($"/api/patients/{patient}/export/fhir", Ct));
        var csvResponse = await self.GetAsync($"/api/patients/{patient}/export/check-ins.csv", Ct);
        var goals = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Goal?patient={patient}", Ct));
        var requests = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/ServiceRequest?patient={patient}", Ct));
        var medicines = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/MedicationStatement?patient={patient}", Ct));
        var carePlan = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/CarePlan?patient={patient}", Ct));

        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var types = bundle.Entry.Select(e => e.Resource!.TypeName).ToList();
        Assert.Equal(1, types.Count(t => t == "Patient"));
        Assert.Equal(1, types.Count(t => t == "QuestionnaireResponse"));
        Assert.Equal(2, types.Count(t => t == "Goal"));
        Assert.Equal(1, types.Count(t => t == "CarePlan"));
        Assert.Equal(2, types.Count(t => t == "ServiceRequest"));
        Assert.Equal(1, types.Count(t => t == "MedicationStatement"));
        Assert.Contains("Observation", types);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,entered_by,role,version,symptom_score,sensory_subscale,motor_subscale,autonomic_subscale,sensory_grade,motor_grade,falls,fall_injury,notes", lines[0]);
        Assert.EndsWith(",37.5,10,8.33,2,2,1,no,Buttons are hard in the morning.", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, goals.Total);
        var shirt = goals.Entry.Select(e => Assert.IsType<Hl7.Fhir.Model.Goal>(e.Resource)).Single(g => g.Description.Text == "Button my shirt");
        Assert.Equal("achieved", shirt.AchievementStatus?.Coding[0].Code);
        Assert.Equal(2, shirt.Note.Count);
        Assert.Equal([RequestStatus.Active, RequestStatus.Draft], requests.Entry.Select(e => Assert.IsType<ServiceRequest>(e.Resource).Status!.Value));
        var duloxetine = Assert.IsType<MedicationStatement>(Assert.Single(medicines.Entry).Resource);
        Assert.Equal("72625", Assert.IsType<CodeableConcept>(duloxetine.Medication).Coding[0].Code);
        Assert.Equal(2, Assert.IsType<CarePlan>(Assert.Single(carePlan.Entry).Resource).Activity.Count);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "export record (FHIR)" && a.Outcome == AuditOutcome.Success);
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("said \"hi\", then left", "\"said \"\"hi\"\", then left\"")]
    [InlineData("-3", "-3")]
    [InlineData("plain", "plain")]
    [InlineData("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0")] // a leading tab or carriage return hides a formula (issue #15)
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    public void CsvCells_AreQuoted_AndFormulaSafe(string value, string cell)
    {
        Assert.Equal(cell, Features.CheckIns.CheckInCsv.Cell(value));
    }
}

public sealed class PlanningCareOnSqlite(SqliteApp app) : PlanningCareTests(app), IClassFixture<SqliteApp>;

public sealed class PlanningCareOnPostgres(PostgresApp app) : PlanningCareTests(app), IClassFixture<PostgresApp>;
