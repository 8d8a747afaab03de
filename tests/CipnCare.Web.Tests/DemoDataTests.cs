using System.Net;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>
/// The app with the demo seeded, as a newcomer runs it. Each starts from a copy of the demo the first one seeded
/// (<see cref="PreparedDatabase.SqliteDemoAsync"/>), and its own start-up finds the demo there.
/// </summary>
public sealed class DemoApp : SqliteApp
{
    public DemoApp() => SeedsDemo = DemoSeeding.OnTheTestsClock;

    protected override Task<string> PreparedFileAsync() => PreparedDatabase.SqliteDemoAsync();
}

/// <summary>What a newcomer sees on the demo worklist: the safety net at work (issue #12).</summary>
public sealed class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<List<AlertRecord>> AlertsForAsync(string mrn)
    {
        _ = app.Server; // start the host: it seeds the demo
        return await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => db.Patients.Any(p => p.Id == a.PatientId && p.Mrn == mrn)).ToListAsync());
    }

    [Fact]
    public async Task ACarersWordsAboutHerFather_AreAnUrgentSelfHarmAlert()
    {
        var alert = Assert.Single(await AlertsForAsync("MRN-100512"), a => a.Code == AlertCode.SelfHarmInWords);

        Assert.Equal((AlertSeverity.Urgent, PatientNextStep.CrisisLine), (alert.Severity, alert.PatientStep));
        Assert.Contains("better off without", alert.Evidence, StringComparison.Ordinal);
    }

    /// <summary>The hospital sent Maria's diagnosis with its problem-list entry id, and it goes back out over FHIR with it.</summary>
    [Fact]
    public async Task MariasDiagnosis_CarriesTheHospitalsIdentifier()
    {
        _ = app.Server;
        var identifiers = await app.WithDbAsync(db => db.CancerConditions.Where(c => db.Patients.Any(p => p.Id == c.PatientId && p.Mrn == "MRN-100231"))
            .SelectMany(c => c.Identifiers).Select(i => new { i.System, i.Value }).ToListAsync());
        Assert.Equal((DemoSeeder.DemoProblemSystem, "PL-20417"), Assert.Single(identifiers.Select(i => (i.System, i.Value))));
    }

    [Fact]
    public async Task WorstPainOfEight_IsASevereSymptomAlert()
    {
        var alert = Assert.Single(await AlertsForAsync("MRN-200104"), a => a.Code == AlertCode.SevereSymptom);

        Assert.Equal(("Severe: worst nerve pain", AlertSeverity.High), (alert.Title, alert.Severity));
    }

    [Fact]
    public async Task APatientWhoNeverCheckedIn_HasTheReachOutAlert()
    {
        var alert = Assert.Single(await AlertsForAsync("MRN-100731"));

        Assert.Equal((AlertCode.MissedCheckIns, "missed:first"), (alert.Code, alert.ConditionKey));
    }

    [Fact]
    public async Task JamessBruisedKnee_IsContactTheTeamToday_NotAnEmergency()
    {
        var alerts = await AlertsForAsync("MRN-100688");

        Assert.Contains(alerts, a => a.Code == AlertCode.FallWithInjury && a.Severity == AlertSeverity.High && a.PatientStep == PatientNextStep.ContactTeamToday);
        Assert.DoesNotContain(alerts, a => a.PatientStep == PatientNextStep.CallEmergency);
    }

    /// <summary>Issue #13: users are cited public sources, never the project's internal reference file or its sections.</summary>
    [Theory]
    [InlineData("MRN-100231")]
    [InlineData("MRN-100512")]
    [InlineData("MRN-100688")]
    public async Task NoPageOrFhirResource_NamesAnInternalReference(string mrn)
    {
        _ = app.Server;
        var ct = TestContext.Current.CancellationToken;
        var patient = await app.WithDbAsync(db => db.Patients.Where(p => p.Mrn == mrn).Select(p => p.Id).SingleAsync());
        var visit = await app.WithDbAsync(db => db.AssessmentVersions.Where(v => v.PatientId == patient).Select(v => v.VisitId).FirstOrDefaultAsync());
        var clinician = new TestUser("", DemoSeeder.ClinicianEmail, DemoSeeder.Password, Roles.Clinician, "");
        var pages = await HtmlForms.SignInAsync(app, clinician, ct);
        var api = await app.ClientForAsync(clinician);
        string[] urls =
        [
            $"/patients/{patient}", $"/patients/{patient}/exposure", $"/patients/{patient}/care-plan", $"/patients/{patient}/progress",
            $"/patients/{patient}/visit-summary", $"/patients/{patient}/diagnostics", "/worklist",
            .. visit == Guid.Empty ? Array.Empty<string>() : [$"/patients/{patient}/assessments/{visit}"],
        ];

        var cited = false;
        foreach (var url in urls)
        {
            var response = await pages.GetAsync(url, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(ct));
            AssertNoInternalReference(url, text);
            cited |= text.Contains("https://", StringComparison.Ordinal) && (text.Contains("PMC", StringComparison.Ordinal) || text.Contains("label", StringComparison.OrdinalIgnoreCase) || text.Contains("CDC STEADI", StringComparison.Ordinal));
        }

        Assert.True(cited, "the pages cite public sources (so the check above reads the places sources are shown)");

        foreach (var url in new[] { $"/api/patients/{patient}/export/fhir", $"/api/patients/{patient}/exposure", $"/api/patients/{patient}/alerts", $"/fhir/DetectedIssue?patient={patient}", $"/fhir/Flag?patient={patient}" })
        {
            var response = await api.GetAsync(url, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertNoInternalReference(url, await response.Content.ReadAsStringAsync(ct));
        }
    }

    [Fact]
    public async Task ThePatientPage_SaysWhatAPatientReportedGradeIs()
    {
        _ = app.Server;
        var ct = TestContext.Current.CancellationToken;
        var patient = await app.WithDbAsync(db => db.Patients.Where(p => p.Mrn == "MRN-100231").Select(p => p.Id).SingleAsync());
        var pages = await HtmlForms.SignInAsync(app, new TestUser("", DemoSeeder.ClinicianEmail, DemoSeeder.Password, Roles.Clinician, ""), ct);

        var page = WebUtility.HtmlDecode(await pages.GetStringAsync($"/patients/{patient}", ct));

        Assert.Contains("Grades are patient-reported, modelled on <a href=\"https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm\">NCI CTCAE v5.0</a>", page, StringComparison.Ordinal);
        Assert.Contains("but not equal to it: 1 = symptoms that do not limit daily life (CTCAE sensory grade 1 is \"asymptomatic\")", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdmin_ReviewsDrRuizsEmergencyAccessToWalter()
    {
        var ct = TestContext.Current.CancellationToken;
        var pages = await HtmlForms.SignInAsync(app, new TestUser("", DemoSeeder.AdminEmail, DemoSeeder.Password, Roles.Admin, ""), ct);

        var html = await pages.GetStringAsync("/emergency-access", ct);

        Assert.Contains("Dr Tomás Ruiz", html, StringComparison.Ordinal);
        Assert.Contains("MRN MRN-100512", html, StringComparison.Ordinal);
        Assert.Contains("Ended ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MariasLatestCheckIn_Is1_1_0_AndHerWeakGripDoesNotTakeTheSensoryLimitIntoTheMotorGrade()
    {
        _ = app.Server;
        var checkIns = await app.WithDbAsync(db => db.InstrumentResponses.AsNoTracking().Include(r => r.Scores)
            .Where(r => db.Patients.Any(p => p.Id == r.PatientId && p.Mrn == "MRN-100231"))
            .Join(db.Instruments, r => r.InstrumentId, i => i.Id, (r, i) => new { r.AuthoredAt, i.Version, r.Scores }).ToListAsync());
        var latest = checkIns.MaxBy(c => c.AuthoredAt)!;

        Assert.Equal(["1.0.0", "1.0.0", "1.0.0", "1.0.0", "1.0.0", "1.1.0"], checkIns.OrderBy(c => c.AuthoredAt).Select(c => c.Version));
        Assert.Equal((2.0, 1.0), (latest.Scores.Single(s => s.Code == "pro-sensory-grade").Value, latest.Scores.Single(s => s.Code == "pro-motor-grade").Value));
    }

    private static void AssertNoInternalReference(string url, string text)
    {
        foreach (var name in new[] { "clinical-reference", "ref §", "verification §", "STYLE.md" })
        {
            Assert.False(text.Contains(name, StringComparison.OrdinalIgnoreCase), $"{url} names '{name}'");
        }
    }
}
