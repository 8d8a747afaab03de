using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Assessment;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

public abstract class AssessingPatientsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DaysAgo(int days) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(-days)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A clinician and a team patient: a woman born 1960-05-17 (66 at the visits; chair-stand average is 11 or more).</summary>
    private async Task<(HttpClient Clinician, Guid Patient, TestUser? Login, Guid Team)> PatientAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        return (clinician, patient, login, team);
    }

    /// <summary>The first visit: mild, symmetric findings.</summary>
    private static object FirstExam() => new
    {
        sensorySymptoms = "FingersOrToes",
        motorSymptoms = 0,
        autonomicAsked = true,
        autonomicSymptoms = Array.Empty<string>(),
        sensation = new
        {
            lightTouchHands = new { left = "Normal", right = "Normal" },
            lightTouchFeet = new { left = "FingersOrToes", right = "FingersOrToes" },
            monofilamentSitesFeltFeet = new { left = 10, right = 9 },
            pinHands = new { left = "Normal", right = "Normal" },
            pinFeet = new { left = "FingersOrToes", right = "FingersOrToes" },
            vibrationHands = new { left = "Normal", right = "Normal" },
            vibrationFeet = new { left = "FingersOrToes", right = "Normal" },
            proprioceptionHands = new { left = "Normal", right = "Normal" },
            proprioceptionFeet = new { left = "Normal", right = "Normal" },
        },
        strength = new Dictionary<string, object> { ["AnkleDorsiflexion"] = new { left = 5, right = 5 }, ["HipFlexion"] = new { left = 5, right = 5 } },
        reflexes = new Dictionary<string, object> { ["Ankle"] = new { left = 2, right = 2 }, ["Knee"] = new { left = 2, right = 2 }, ["Biceps"] = new { left = 2, right = 2 } },
        tugSeconds = 9.5,
        chairStands = 13,
        balance = new { feetTogether = 10, semiTandem = 10, tandem = 10, singleLeg = 6 },
        supine = new { systolic = 126, diastolic = 78, heartRate = 70 },
        standingOneMinute = new { systolic = 120, diastolic = 78, heartRate = 80 },
        standingThreeMinutes = new { systolic = 122, diastolic = 80, heartRate = 78 },
        ctcaeSensory = 1,
        ctcaeMotor = 0,
    };

    /// <summary>The second visit: worse feet, reduced ankle reflexes, TUG 12.4 s, 10 stands, tandem 7 s, a 22 mmHg fall on standing.</summary>
    private static object SecondExam() => new
    {
        sensorySymptoms = "WristOrAnkle",
        motorSymptoms = 1,
        autonomicAsked = true,
        autonomicSymptoms = new[] { "DizzinessOnStanding" },
        sensation = new
        {
            lightTouchHands = new { left = "Normal", right = "Normal" },
            lightTouchFeet = new { left = "WristOrAnkle", right = "WristOrAnkle" },
            monofilamentSitesFeltFeet = new { left = 6, right = 7 },
            pinHands = new { left = "FingersOrToes", right = "FingersOrToes" },
            pinFeet = new { left = "WristOrAnkle", right = "WristOrAnkle" },
            vibrationHands = new { left = "Normal", right = "Normal" },
            vibrationFeet = new { left = "WristOrAnkle", right = "FingersOrToes" },
            proprioceptionHands = new { left = "Normal", right = "Normal" },
            proprioceptionFeet = new { left = "Normal", right = "Normal" },
        },
        strength = new Dictionary<string, object> { ["AnkleDorsiflexion"] = new { left = 4, right = 5 }, ["HipFlexion"] = new { left = 5, right = 5 } },
        reflexes = new Dictionary<string, object> { ["Ankle"] = new { left = 1, right = 1 }, ["Knee"] = new { left = 2, right = 2 }, ["Biceps"] = new { left = 2, right = 2 } },
        tugSeconds = 12.4,
        chairStands = 10,
        balance = new { feetTogether = 10, semiTandem = 10, tandem = 7 },
        supine = new { systolic = 130, diastolic = 80, heartRate = 68 },
        standingOneMinute = new { systolic = 108, diastolic = 76, heartRate = 90 },
        ctcaeSensory = 2,
        ctcaeMotor = 1,
    };

    [Fact]
    public async Task TwoVisits_GiveScoresFallRiskOrthostaticTestAndTheChange()
    {
        var (clinician, patient, login, _) = await PatientAsync();
        var self = await app.ClientForAsync(login!);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.ModerateWeek(), Ct)).StatusCode); // one fall, not hurt

        var first = await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(60), findings = FirstExam() }, Ct);
        var second = await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(0), findings = SecondExam() }, Ct); // after the check-in

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var overview = (await clinician.GetFromJsonAsync<AssessmentOverview>($"/api/patients/{patient}/assessments", CipnApp.Json, Ct))!;
        Assert.Equal(2, overview.Visits.Count);
        var latest = overview.Latest!;
        // Items: symptoms 2, motor 1, autonomic 1, pin 2, vibration 2, strength (MRC 4) 1, reflexes (ankle reduced) 1.
        Assert.Equal([2, 1, 1, 2, 2, 1, 1], latest.Composite.Items.Select(i => i.Score));
        Assert.Equal(10, latest.Composite.Total);
        Assert.Equal(3, overview.Visits[1].Composite.Total); // 1,0,0,1,1,0,0
        Assert.Equal((true, 22, 4, 22), (latest.Orthostatic.Present, latest.Orthostatic.SystolicFall, latest.Orthostatic.DiastolicFall, latest.Orthostatic.HeartRateRise));
        Assert.Equal(FallRiskLevel.High, latest.FallRisk.Level); // a fall with a gait/strength/balance problem
        Assert.Equal(
            [
                "1 fall reported in the past year",
                "Timed Up and Go 12.4 s (≥ 12 s is at risk)",
                "30-second chair stand 10 (below average for a woman aged 66: under 11)",
                "tandem stance held 7 s (under 10 s)",
                "orthostatic hypotension",
                "reduced feeling in the feet",
            ],
            latest.FallRisk.Reasons);
        Assert.Equal(["physical-therapy", "home-safety", "feet-footwear", "vision", "medication-review", "orthostatic"], latest.FallRisk.Recommendations.Select(r => r.Code));
        var total = latest.Changes.Single(c => c.Code == "composite-total");
        Assert.Equal(("3", "10", 7.0, FindingDirection.Worse), (total.Before, total.After, total.Delta, total.Direction));
        Assert.Equal(2.9, latest.Changes.Single(c => c.Code == "tug").Delta);
        Assert.Equal(-3, latest.Changes.Single(c => c.Code == "chair-stand").Delta);
        Assert.Empty(overview.OtherCauseReasons);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "record assessment" && a.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task ImpossibleValues_Are400WithMessages_AndNothingIsStored()
    {
        var (clinician, patient, _, _) = await PatientAsync();
        var exam = new
        {
            strength = new Dictionary<string, object> { ["WristExtension"] = new { left = 7, right = 5 } },
            tugSeconds = 0,
            supine = new { systolic = 400, diastolic = 80 },
        };

        var response = await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(0), findings = exam }, Ct);
        var future = await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(-3), findings = FirstExam() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(Ct))!;
        Assert.Equal("Wrist extension: MRC grades are 0 (no movement) to 5 (normal power).", problem.Errors["mrc-WristExtension-left"].Single());
        Assert.StartsWith("Timed Up and Go is 2 to 300 seconds", problem.Errors["tug"].Single(), StringComparison.Ordinal);
        Assert.Equal("Systolic pressure is 50 to 280 mmHg.", problem.Errors["supine-systolic"].Single());
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.AssessmentVersions.CountAsync(a => a.PatientId == patient)));
        Assert.Equal(2, (await app.AuditForPatientAsync(patient)).Count(a => a.Action == "record assessment" && a.Outcome == AuditOutcome.Invalid));
    }

    [Fact]
    public async Task Editing_NeedsAReason_AndKeepsEveryVersion()
    {
        var (clinician, patient, _, _) = await PatientAsync();
        var created = await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(2), findings = FirstExam() }, Ct);
        var visit = (await created.Content.ReadFromJsonAsync<AssessmentsApi.Saved>(CipnApp.Json, Ct))!.Id;

        var noReason = await clinician.PutAsJsonAsync($"/api/patients/{patient}/assessments/{visit}", new { findings = SecondExam() }, Ct);
        var edited = await clinician.PutAsJsonAsync($"/api/patients/{patient}/assessments/{visit}", new { findings = SecondExam(), reason = "Vibration re-tested with a new fork" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Created, edited.StatusCode);
        var detail = (await clinician.GetFromJsonAsync<AssessmentsApi.VisitDetail>($"/api/patients/{patient}/assessments/{visit}", CipnApp.Json, Ct))!;
        Assert.Equal(2, detail.Assessment.Version);
        Assert.Equal(10, detail.Assessment.Composite.Total);
        Assert.Equal([(1, (string?)null, false), (2, "Vibration re-tested with a new fork", true)], detail.History.Select(h => (h.Version, h.ChangeReason, h.Current)));
        Assert.Equal(2, await app.WithDbAsync(db => db.AssessmentVersions.CountAsync(a => a.VisitId == visit)));
        var overview = (await clinician.GetFromJsonAsync<AssessmentOverview>($"/api/patients/{patient}/assessments", CipnApp.Json, Ct))!;
        Assert.Single(overview.Visits);
    }

    [Fact]
    public async Task AbnormalOtherCauseLabs_RaiseOneConsiderAnotherCauseAlert()
    {
        var (clinician, patient, _, _) = await PatientAsync();

        var low = await clinician.PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "b12", takenOn = DaysAgo(3), value = 150 }, Ct);
        var normalLab = await clinician.PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "tsh", takenOn = DaysAgo(3), value = 2.1, referenceLow = 0.5, referenceHigh = 4.5 }, Ct);
        var invalid = await clinician.PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "b12", takenOn = DaysAgo(3), value = 150, referenceLow = 900, referenceHigh = 200 }, Ct);
        var unknown = await clinician.PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "unicorn", takenOn = DaysAgo(3), value = 1 }, Ct);

        Assert.Equal(HttpStatusCode.Created, low.StatusCode);
        Assert.Equal(HttpStatusCode.Created, normalLab.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var results = (await clinician.GetFromJsonAsync<List<DiagnosticView>>($"/api/patients/{patient}/diagnostics", CipnApp.Json, Ct))!;
        var b12 = results.Single(r => r.Code == "b12");
        Assert.Equal((150.0, "pg/mL", 200.0, 900.0, RangeFinding.Low), (b12.Value, b12.Unit, b12.ReferenceLow, b12.ReferenceHigh, b12.Flag));
        Assert.Equal((0.5, 4.5, RangeFinding.Normal), (results.Single(r => r.Code == "tsh").ReferenceLow!.Value, results.Single(r => r.Code == "tsh").ReferenceHigh!.Value, results.Single(r => r.Code == "tsh").Flag));
        var alerts = await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient).ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.Equal((AlertCode.ConsiderOtherCause, AlertSeverity.Routine), (alert.Code, alert.Severity));
        Assert.Equal("Vitamin B12 150 pg/mL (low, " + DaysAgo(3) + "): low B12 causes neuropathy", alert.Evidence);
    }

    [Fact]
    public async Task OnlyTheTeamsClinicians_Record_ThePatientReadsTheirOwn_OthersAreRefusedAndAudited()
    {
        var (clinician, patient, login, _) = await PatientAsync();
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var self = await app.ClientForAsync(login!);
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(2), findings = FirstExam() }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(1), findings = FirstExam() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(1), findings = FirstExam() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "b12", takenOn = DaysAgo(1), value = 300 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/patients/{patient}/assessments", Ct)).StatusCode);
        var own = (await self.GetFromJsonAsync<AssessmentOverview>($"/api/patients/{patient}/assessments", CipnApp.Json, Ct))!;
        Assert.Single(own.Visits);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Equal(2, audit.Count(a => a.Action == "record assessment" && a.Outcome == AuditOutcome.Denied));
        Assert.Contains(audit, a => a.Action == "read assessments" && a.Outcome == AuditOutcome.Denied);
        Assert.Contains(audit, a => a.Action == "read assessments" && a.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task TheForm_ShowsMessagesAndKeepsWhatWasTyped_ThenSaves_AndThePatientPageShowsTheScores()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);
        var page = $"/patients/{patient}/assessments/new";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("visitDate", DaysAgo(0)),
            new("pin-feet-left", "WristOrAnkle"),
            new("pin-feet-right", "WristOrAnkle"),
            new("mrc-AnkleDorsiflexion-left", "7"),
            new("tug", "eleven"),
            new("supine-systolic", "132"),
            new("supine-diastolic", "82"),
            new("standing1-systolic", "110"),
            new("standing1-diastolic", "78"),
        };

        var refused = await HtmlForms.SubmitAsync(clinician, page, "assessment", fields, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter a number.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"eleven\"", html, StringComparison.Ordinal); // nothing typed is lost
        Assert.Equal(0, await app.WithDbAsync(db => db.AssessmentVersions.CountAsync(a => a.PatientId == patient)));

        fields[3] = new("mrc-AnkleDorsiflexion-left", "7");
        fields[4] = new("tug", "11.5");
        var stillRefused = await HtmlForms.SubmitAsync(clinician, page, "assessment", fields, Ct);
        Assert.Contains("Ankle dorsiflexion: MRC grades are 0 (no movement) to 5 (normal power).", await stillRefused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        fields[3] = new("mrc-AnkleDorsiflexion-left", "4");
        var saved = await HtmlForms.SubmitAsync(clinician, page, "assessment", fields, Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Matches($"^/patients/{patient}/assessments/[0-9a-f-]{{36}}\\?saved=1$", HtmlForms.RedirectPath(saved));
        var patientPage = await clinician.GetStringAsync($"/patients/{patient}", Ct);
        Assert.Contains("Clinical assessment", patientPage, StringComparison.Ordinal);
        Assert.Contains("yes — systolic fell 22 mmHg, diastolic 4 mmHg", patientPage, StringComparison.Ordinal);
        Assert.Contains("not complete (2 of 7 items)", patientPage, StringComparison.Ordinal); // pin and strength only
    }

    private static Observation Obs(Bundle.EntryComponent entry) => Assert.IsType<Observation>(entry.Resource);

    [Fact]
    public async Task Fhir_ObservationsByCategory_AndTheEncounter()
    {
        var (clinician, patient, _, _) = await PatientAsync();
        var created = await clinician.PostAsJsonAsync($"/api/patients/{patient}/assessments", new { visitDate = DaysAgo(1), findings = SecondExam() }, Ct);
        var visit = (await created.Content.ReadFromJsonAsync<AssessmentsApi.Saved>(CipnApp.Json, Ct))!.Id;
        await clinician.PostAsJsonAsync($"/api/patients/{patient}/diagnostics", new { code = "hba1c", takenOn = DaysAgo(5), value = 6.8 }, Ct);

        var vitals = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Observation?patient=Patient/{patient}&category=vital-signs", Ct));
        var exam = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Observation?patient={patient}&category=http://terminology.hl7.org/CodeSystem/observation-category|exam", Ct));
        var labs = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Observation?patient={patient}&category=laboratory", Ct));
        var tug = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Observation?patient={patient}&code=timed-up-and-go", Ct));
        var encounter = await FhirTesting.ReadAsync<Encounter>(await clinician.GetAsync($"/fhir/Encounter/{visit}", Ct));

        Assert.Equal(2, vitals.Total); // lying and standing at 1 minute (none at 3)
        var lying = Obs(vitals.Entry[0]);
        Assert.Equal("85354-9", lying.Code.Coding[0].Code);
        Assert.Equal(["8461-6", "8455-8", "8867-4"], lying.Component.Select(c => c.Code.Coding[0].Code));
        Assert.Equal(130m, Assert.IsType<Quantity>(lying.Component[0].Value).Value);
        Assert.Equal(["8460-8", "8454-1", "8867-4"], Obs(vitals.Entry[1]).Component.Select(c => c.Code.Coding[0].Code));
        var observations = exam.Entry.Select(Obs).ToList();
        Assert.Equal(10, Assert.IsType<Integer>(observations.Single(o => o.Code.Coding[0].Code == "exam-composite").Value).Value);
        Assert.True(Assert.IsType<FhirBoolean>(observations.Single(o => o.Code.Coding[0].Code == "orthostatic-hypotension").Value).Value);
        Assert.All(observations, o => Assert.Equal($"Encounter/{visit}", o.Encounter?.Reference));
        var hba1c = Obs(Assert.Single(labs.Entry));
        Assert.Equal(("http://loinc.org", "4548-4"), (hba1c.Code.Coding[0].System, hba1c.Code.Coding[0].Code));
        Assert.Equal(5.6m, hba1c.ReferenceRange[0].High?.Value);
        Assert.Equal("H", hba1c.Interpretation[0].Coding[0].Code);
        Assert.Equal(12.4m, Assert.IsType<Quantity>(Obs(Assert.Single(tug.Entry)).Value).Value);
        Assert.Equal((Encounter.EncounterStatus.Finished, $"Patient/{patient}", DaysAgo(1)), (encounter.Status!.Value, encounter.Subject?.Reference, encounter.Period?.Start));
    }
}

public sealed class AssessingPatientsOnSqlite(SqliteApp app) : AssessingPatientsTests(app), IClassFixture<SqliteApp>;

public sealed class AssessingPatientsOnPostgres(PostgresApp app) : AssessingPatientsTests(app), IClassFixture<PostgresApp>;
