using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Alerts.Triage;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

public abstract class RaisingAlertsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<AlertRecord>> AlertsAsync(Guid patient) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.PatientId == patient).OrderBy(a => a.RaisedAt).ThenBy(a => a.Id).ToListAsync());

    private async Task<(Guid Patient, TestUser Login, Guid Team)> PatientAsync(string? onCall = null)
    {
        var team = await app.CreateTeamAsync();
        if (onCall is not null)
        {
            await app.WithDbAsync(db => db.CareTeams.Where(t => t.Id == team).ExecuteUpdateAsync(s => s.SetProperty(t => t.OnCallEmail, onCall)));
        }

        var (patient, login) = await app.CreatePatientAsync(team);
        return (patient, login!, team);
    }

    /// <summary>A check-in from the patient's own sign-in, stored; a new sign-in each time, as days may pass between them.</summary>
    private async Task CheckInAsync(Guid patient, TestUser login, Dictionary<string, object> week) =>
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login), patient, week, Ct)).StatusCode);

    [Fact]
    public async Task AFallWithInjury_IsUrgent_EmailsTheOnCallAddress_AndTellsThePatientToCallEmergencyServices()
    {
        var onCall = $"{CipnApp.Unique("oncall")}@test.cipncare.org";
        var (patient, login, _) = await PatientAsync(onCall);
        var week = Questionnaires.Week(2, everyday: true, falls: 1, notes: "fell on the stairs and hit my head");
        week["fall-injury"] = true;

        var response = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login), patient, week, Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(PatientNextStep.CallEmergency, stored.NextStep);
        var alerts = await AlertsAsync(patient);
        Assert.Contains(alerts, a => a.Code == AlertCode.FallWithSeriousInjury && a.Severity == AlertSeverity.Urgent && a.Status == AlertStatus.Open && a.SourceResponseId == stored.Id);
        Assert.Contains(alerts, a => a.Code == AlertCode.SensoryGrade && a.Severity == AlertSeverity.High && a.Evidence.Contains("limit everyday tasks", StringComparison.Ordinal));
        var email = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == onCall));
        Assert.Equal((RaiseAlerts.UrgentEmailKind, "URGENT CIPN Care alert: Fall with a serious injury"), (email.Kind, email.Subject));
        Assert.DoesNotContain("Test", email.Body, StringComparison.Ordinal); // no patient name in email
        var page = WebUtility.HtmlDecode(await (await HtmlForms.SignInAsync(app, login, Ct)).GetStringAsync($"/responses/{stored.Id}?saved=true", Ct));
        Assert.Contains("Call 911 now if you need help urgently", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameCondition_DoesNotAlertAgain_ButAWorseOneDoes()
    {
        var (patient, login, _) = await PatientAsync();
        var client = await app.ClientForAsync(login);

        await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(2, everyday: true), Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(2, everyday: true), Ct);
        var afterRepeat = (await AlertsAsync(patient)).Count(a => a.Code == AlertCode.SensoryGrade);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(3, everyday: true, selfCare: true), Ct);

        var sensory = (await AlertsAsync(patient)).Where(a => a.Code == AlertCode.SensoryGrade).Select(a => a.ConditionKey).ToList();
        Assert.Equal(1, afterRepeat);
        Assert.Equal(["sensory-grade:2", "sensory-grade:3"], sensory);
    }

    [Fact]
    public async Task ARiseOfTwoGradesWithinFourWeeks_IsRapidProgression_ButNotFromACheckInOutsideTheWindow()
    {
        var (fast, fastLogin, _) = await PatientAsync();
        var (slow, slowLogin, _) = await PatientAsync();
        await CheckInAsync(fast, fastLogin, Questionnaires.Week(0));
        await CheckInAsync(slow, slowLogin, Questionnaires.Week(0));
        app.Clock.Advance(TimeSpan.FromDays(35)); // the slow patient's grade 0 falls out of the 28-day window
        await CheckInAsync(slow, slowLogin, Questionnaires.Week(1));
        app.Clock.Advance(TimeSpan.FromDays(7));
        await CheckInAsync(slow, slowLogin, Questionnaires.Week(2, everyday: true));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await CheckInAsync(fast, fastLogin, Questionnaires.Week(0));
        app.Clock.Advance(TimeSpan.FromDays(7));
        await CheckInAsync(fast, fastLogin, Questionnaires.Week(1)); // the previous one; the lowest in the window is the week before
        app.Clock.Advance(TimeSpan.FromDays(7));
        await CheckInAsync(fast, fastLogin, Questionnaires.Week(2, everyday: true));

        var rapid = Assert.Single(await AlertsAsync(fast), a => a.Code == AlertCode.RapidProgression);
        Assert.Contains("grades rose by 2 or more within 28 days", rapid.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(await AlertsAsync(slow), a => a.Code == AlertCode.RapidProgression); // grade 0 was 42 days before; grade 1 is the lowest within 28
    }

    /// <summary>
    /// The rules compare with the previous (newest) and the baseline (first) earlier check-in, which one query reads
    /// (issue #17). Grades 1, 0 then 1 again: only the previous (the 0) makes "worse than the previous check-in". Grades
    /// 0, 2 then 1: only the baseline (the 0) makes the 1 "worse than the baseline"; the 2 taken for the baseline would
    /// raise nothing, and the 0 taken for the previous would name the wrong one.
    /// </summary>
    [Fact]
    public async Task WorseThanBefore_ComparesWithTheNewestAndTheFirstEarlierCheckIn()
    {
        var (toPrevious, previousLogin, _) = await PatientAsync();
        var (toBaseline, baselineLogin, _) = await PatientAsync();
        var start = app.Clock.GetUtcNow().UtcDateTime;
        Task OnDayAsync(Guid patient, TestUser login, int day, Dictionary<string, object> week)
        {
            app.Clock.SetUtcNow(start.AddDays(day));
            return CheckInAsync(patient, login, week);
        }

        await OnDayAsync(toPrevious, previousLogin, 0, Questionnaires.Week(1));
        await OnDayAsync(toBaseline, baselineLogin, 0, Questionnaires.Week(0));
        await OnDayAsync(toBaseline, baselineLogin, 40, Questionnaires.Week(2, everyday: true));
        await OnDayAsync(toPrevious, previousLogin, 45, Questionnaires.Week(0));
        await OnDayAsync(toBaseline, baselineLogin, 50, Questionnaires.Week(1));
        await OnDayAsync(toPrevious, previousLogin, 55, Questionnaires.Week(1));

        var worse = Assert.Single(await AlertsAsync(toPrevious), a => a.Code == AlertCode.WorseThanBefore);
        Assert.Equal("Worse than the previous check-in", worse.Title);
        Assert.Contains($"sensory grade 0 → 1, motor grade 0 → 1 since the previous check-in of {start.AddDays(45):yyyy-MM-dd}", worse.Evidence, StringComparison.Ordinal);
        // The 2 was worse than the previous (the 0) when it came; the 1 is worse than the baseline only.
        Assert.Equal(["Worse than the baseline", "Worse than the previous check-in"],
            (await AlertsAsync(toBaseline)).Where(a => a.Code == AlertCode.WorseThanBefore).Select(a => a.Title).Order(StringComparer.Ordinal));
        worse = Assert.Single(await AlertsAsync(toBaseline), a => a.Title == "Worse than the baseline");
        Assert.Contains($"sensory grade 0 → 1, motor grade 0 → 1 since the baseline of {start:yyyy-MM-dd}", worse.Evidence, StringComparison.Ordinal);
    }

    /// <summary>
    /// The database chooses the window's check-in to measure from as the rule would (AlertRules.RapidRiseFrom, issue #17):
    /// the one either grade rose most from, then the newest of equals. Here the latest is 2 / 2 and two check-ins give
    /// the largest rise, 2 (sensory 0 / motor 1, then 1 / 0), and a newer one less (2 / 1): the rise is measured from the
    /// middle one, whose date the evidence names.
    /// </summary>
    [Fact]
    public async Task RapidProgression_IsMeasuredFromTheCheckInOfTheLargestRise_TheNewestOfEquals()
    {
        var (patient, start) = await CheckInsGradedAsync((0, 1), (1, 0), (2, 1));

        var rapid = Assert.Single(await AlertsAsync(patient), a => a.Code == AlertCode.RapidProgression);
        Assert.Contains($"(from {start.AddDays(10):yyyy-MM-dd})", rapid.Evidence, StringComparison.Ordinal); // not the oldest of equals, nor the newest
    }

    /// <summary>
    /// Each grade is measured against itself: sensory 0 (motor 2) 20 days before, then 1 / 1, then 2 / 2 is a sensory rise
    /// of 2 within the window. Measured only from the check-in whose higher grade was lowest (the 1 / 1), as before, it was
    /// a rise of 1 and no alert.
    /// </summary>
    [Fact]
    public async Task RapidProgression_MeasuresEachGradeAgainstItself()
    {
        var (patient, start) = await CheckInsGradedAsync((0, 2), (1, 1));

        var rapid = Assert.Single(await AlertsAsync(patient), a => a.Code == AlertCode.RapidProgression);
        Assert.Contains($"sensory grade 0 → 2, motor grade 2 → 2 since the check-in of {start:yyyy-MM-dd}", rapid.Evidence);
    }

    /// <summary>
    /// A patient's check-ins on days 0, 10, 15… with the given grades written onto their rows, then a check-in graded
    /// 2 / 2 five days after the last; the patient and the first day.
    /// </summary>
    private async Task<(Guid Patient, DateTime Start)> CheckInsGradedAsync(params (int Sensory, int Motor)[] grades)
    {
        var (patient, login, _) = await PatientAsync();
        var start = app.Clock.GetUtcNow().UtcDateTime;
        var days = grades.Select((_, i) => i == 0 ? 0 : 5 + (5 * i)).ToList();
        foreach (var day in days)
        {
            app.Clock.SetUtcNow(start.AddDays(day));
            await CheckInAsync(patient, login, Questionnaires.Week(0));
        }

        var rows = await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == patient).OrderBy(r => r.AuthoredAt).Select(r => r.Id).ToListAsync(Ct));
        foreach (var (id, (sensory, motor)) in rows.Zip(grades))
        {
            await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.Id == id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.SensoryGrade, sensory).SetProperty(x => x.MotorGrade, motor), Ct));
        }

        app.Clock.SetUtcNow(start.AddDays(days[^1] + 5));
        await CheckInAsync(patient, login, Questionnaires.Week(2, everyday: true));
        Assert.Equal((2, 2), await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == patient).OrderByDescending(r => r.AuthoredAt)
            .Select(r => new ValueTuple<int, int>(r.SensoryGrade!.Value, r.MotorGrade!.Value)).FirstAsync(Ct)));
        return (patient, start);
    }

    /// <summary>
    /// A check-in written without its grades on the row — by an instance of the release before ResponseGrades, still serving
    /// while the new one migrates (docs/operations.md, upgrading) — is read from its grade scores, not as grade 0: read as 0
    /// it would be the lowest in the window and make any grade of 2 a false rapid progression.
    /// </summary>
    [Fact]
    public async Task ACheckInStoredWithoutItsGradesOnTheRow_IsReadFromItsScores_NotAsGradeZero()
    {
        var (patient, login, _) = await PatientAsync();
        await CheckInAsync(patient, login, Questionnaires.Week(2, everyday: true));
        Assert.Equal(1, await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == patient)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.SensoryGrade, (int?)null).SetProperty(x => x.MotorGrade, (int?)null), Ct)));
        app.Clock.Advance(TimeSpan.FromDays(7));

        await CheckInAsync(patient, login, Questionnaires.Week(2, everyday: true));

        Assert.DoesNotContain(await AlertsAsync(patient), a => a.Code == AlertCode.RapidProgression); // grade 2, then grade 2
    }

    [Fact]
    public async Task WordsAboutSelfHarm_ShowTheCrisisLineAtOnce_AndRaiseAnUrgentAlert()
    {
        var (patient, login, _) = await PatientAsync();

        var response = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login), patient, Questionnaires.Week(1, notes: "Some days I don't want to live like this."), Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(PatientNextStep.CrisisLine, stored.NextStep);
        Assert.Contains(await AlertsAsync(patient), a => a.Code == AlertCode.SelfHarmInWords && a.Severity == AlertSeverity.Urgent);
        var page = WebUtility.HtmlDecode(await (await HtmlForms.SignInAsync(app, login, Ct)).GetStringAsync($"/responses/{stored.Id}?saved=true", Ct));
        Assert.Contains("Please talk to someone now", page, StringComparison.Ordinal);
        Assert.Contains("988 (Suicide & Crisis Lifeline, call or text)", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basically my life is over… so tired of living in so much pain")]
    [InlineData("no point i want to die")]
    [InlineData("I'm saving my pills")]
    [InlineData("mum keeps saying no one would miss her if she was gone, and that shes a burden")]
    public async Task DespairingWordsFromIssue12_RaiseAnUrgentAlert_AndTheCrisisLine(string notes)
    {
        var (patient, login, _) = await PatientAsync();

        var response = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login), patient, Questionnaires.Week(1, notes: notes), Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(PatientNextStep.CrisisLine, stored.NextStep);
        var alert = Assert.Single(await AlertsAsync(patient), a => a.Code == AlertCode.SelfHarmInWords);
        Assert.Equal(AlertSeverity.Urgent, alert.Severity);
    }

    [Fact]
    public async Task ICantStandThisPain_IsDistress_NotAnEmergency()
    {
        var (patient, login, _) = await PatientAsync();

        var response = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login), patient, Questionnaires.Week(1, notes: "I can't stand this pain"), Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(PatientNextStep.Routine, stored.NextStep);
        var alerts = await AlertsAsync(patient);
        Assert.DoesNotContain(alerts, a => a.Severity == AlertSeverity.Urgent);
        Assert.Contains(alerts, a => a.Code == AlertCode.DistressInWords && a.Severity == AlertSeverity.Routine);
    }

    [Fact]
    public async Task MildToVerySevereNumbnessInAWeek_ReachesTheTeam_ThoughDailyLifeIsNotLimited()
    {
        var (patient, login, _) = await PatientAsync();
        var client = await app.ClientForAsync(login);
        await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var week = Questionnaires.Week(1);
        week["numbness-feet"] = "4";
        week["tingling-feet"] = "4";

        var response = await CipnApp.SubmitCheckInAsync(client, patient, week, Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(PatientNextStep.ContactTeamToday, stored.NextStep);
        var alert = Assert.Single(await AlertsAsync(patient), a => a.Code == AlertCode.SymptomMuchWorse);
        Assert.Equal((AlertSeverity.High, "Much worse: numbness in the feet, tingling in the feet"), (alert.Severity, alert.Title));
        Assert.Contains("numbness in the feet: 1 → 4 of 4 since the previous response", alert.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(6, false)]
    public async Task WorstPainOfSevenOrMore_RaisesAHighAlert(int pain, bool fires)
    {
        var (patient, login, _) = await PatientAsync();

        var response = await (await app.ClientForAsync(login)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            Questionnaires.Body(Questionnaires.WorstPain, new() { ["worst-pain"] = pain }), Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        var alerts = await AlertsAsync(patient);
        Assert.Equal(fires, alerts.Any(a => a.Code == AlertCode.SevereSymptom && a.Severity == AlertSeverity.High && a.Title == "Severe: worst nerve pain"));
        Assert.Equal(fires ? PatientNextStep.ContactTeamToday : PatientNextStep.Routine, stored.NextStep);
    }

    [Fact]
    public async Task WhenTheSemanticModelCannotLoad_TheRulesStillTriage_AndReadinessSaysDegraded()
    {
        await using var degraded = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ISentenceEmbedder, BrokenEmbedder>()));
        var (patient, login, _) = await PatientAsync();
        var client = await CipnApp.ClientForAsync(degraded, login);

        var ready = await client.GetAsync("/health/ready", Ct);
        var response = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1, notes: "I want to die"), Ct);

        Assert.Equal((HttpStatusCode.OK, "Degraded"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(await AlertsAsync(patient), a => a.Code == AlertCode.SelfHarmInWords && a.Severity == AlertSeverity.Urgent);
    }

    [Fact]
    public async Task WhenTheSemanticLayerFailsOnANote_TheCheckInIsStillStored_AndTheRulesAlertsRaised()
    {
        await using var flaky = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ISentenceEmbedder, FailsOnNotesEmbedder>()));
        var (patient, login, _) = await PatientAsync();
        var client = await CipnApp.ClientForAsync(flaky, login);

        var response = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1, notes: "I fainted this morning. Everything else is the same."), Ct);
        var ready = await client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(await AlertsAsync(patient), a => a.Code == AlertCode.DangerInWords && a.Severity == AlertSeverity.Urgent);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync(Ct));
    }

    private sealed class BrokenEmbedder : ISentenceEmbedder
    {
        public float[][] Embed(IReadOnlyList<string> sentences) => throw new FileNotFoundException("model.onnx is missing");
    }

    /// <summary>Loads (embeds the example bank) but fails on every note, as an ONNX runtime error would.</summary>
    private sealed class FailsOnNotesEmbedder : ISentenceEmbedder
    {
        public float[][] Embed(IReadOnlyList<string> sentences) => sentences.Count > 1
            ? [.. sentences.Select(_ => Enumerable.Repeat(1 / MathF.Sqrt(384), 384).ToArray())]
            : throw new InvalidOperationException("ONNX runtime failed");
    }

    [Fact]
    public async Task AQuietWeek_RaisesNothing_AndGivesRoutineTips()
    {
        var (patient, login, _) = await PatientAsync();

        var response = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login), patient, Questionnaires.Week(0), Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(PatientNextStep.Routine, stored.NextStep);
        Assert.Empty(await AlertsAsync(patient));
        var page = WebUtility.HtmlDecode(await (await HtmlForms.SignInAsync(app, login, Ct)).GetStringAsync($"/responses/{stored.Id}?saved=true", Ct));
        Assert.Contains("check your feet and hands every day", page, StringComparison.Ordinal);
        Assert.Contains("Monday to Friday, 8:00 to 18:00", page, StringComparison.Ordinal);
    }
}

public sealed class RaisingAlertsOnSqlite(SqliteApp app) : RaisingAlertsTests(app), IClassFixture<SqliteApp>;

public sealed class RaisingAlertsOnPostgres(PostgresApp app) : RaisingAlertsTests(app), IClassFixture<PostgresApp>;
