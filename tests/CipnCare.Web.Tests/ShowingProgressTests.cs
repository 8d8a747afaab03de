using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.Charts;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Progress;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>The numbers behind the progress view, worked by hand.</summary>
public sealed class ProgressDataTests
{
    private static readonly DateTime Today = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static GoalView Goal(string text, int baseline, DateTime created, params (int DaysAgo, int Level)[] reviews) =>
        new(Guid.NewGuid(), text, "expected", baseline, null, GoalStatus.Active, "Dr A", created,
            reviews.Select(r => new GoalReviewView(DateOnly.FromDateTime(Today.AddDays(-r.DaysAgo)), r.Level, null, "Dr A")).ToList());

    [Fact]
    public void Attainment_OnEachReviewDay_CountsTheGoalsInPlayAtTheirLatestLevel()
    {
        // Shirt set 60 days ago at −1, reviewed −1 (30 days ago) then +1 (1 day ago); walk set 20 days ago at −2, reviewed 0 (1 day ago).
        var shirt = Goal("shirt", -1, Today.AddDays(-60), (30, -1), (1, 1));
        var walk = Goal("walk", -2, Today.AddDays(-20), (1, 0));

        var points = ProgressData.AttainmentOverTime([shirt, walk]);

        // 30 days ago only the shirt: 50 + 10·(−1)/√(0.7 + 0.3) = 40. A day ago both: 50 + 10·1/√(0.7·2 + 0.3·4) = 56.2.
        Assert.Equal([(DateOnly.FromDateTime(Today.AddDays(-30)), 1, 40.0), (DateOnly.FromDateTime(Today.AddDays(-1)), 2, 56.2)], points.Select(p => (p.On, p.Goals, p.TScore)));
    }

    [Fact]
    public void Attainment_UsesTheBaselineOfAGoalNotYetReviewed_AndLeavesOutStoppedGoals()
    {
        var shirt = Goal("shirt", -1, Today.AddDays(-60), (10, 2));
        var stairs = Goal("stairs", -2, Today.AddDays(-40));
        var stopped = Goal("stopped", -2, Today.AddDays(-40), (10, -2)) with { Status = GoalStatus.Stopped };

        var point = Assert.Single(ProgressData.AttainmentOverTime([shirt, stairs, stopped]));

        // Levels +2 and −2 (baseline): sum 0 → T 50.
        Assert.Equal((2, 50.0), (point.Goals, point.TScore));
    }

    [Fact]
    public void GoalLevels_StartAtTheBaseline_OrAtAReviewEnteredForAnEarlierDay()
    {
        var late = Goal("late", -1, Today, (30, -1), (1, 1));

        var levels = ProgressData.Levels(late);

        Assert.Equal([(Today.Date.AddDays(-30), -1), (Today.Date.AddDays(-30), -1), (Today.Date.AddDays(-1), 1)], levels.Select(l => (l.At, l.Level)));
    }

    [Fact]
    public void Window_RunsFromTheFirstRecordToToday_WithRoomEitherSide()
    {
        var plan = new CarePlanView([], null, [], []);
        var exposure = new ExposureSummary("Mosteller", "1", [], [], []);
        var shirt = Goal("shirt", -1, Today.AddDays(-100));

        var data = ProgressData.Build(Today, [], exposure, plan with { Goals = [shirt] });
        var empty = ProgressData.Build(Today, [], exposure, plan);

        // 100 days → 4 days of margin either side.
        Assert.Equal((Today.AddDays(-104), Today.AddDays(4)), (data.Window!.From, data.Window.To));
        Assert.Null(empty.Window);
    }
}

/// <summary>The progress page: every chart with its table, for the patient and the clinician.</summary>
public abstract partial class ShowingProgressTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Ago(int days) => app.Clock.GetUtcNow().UtcDateTime.AddDays(-days);

    private string Day(int daysAgo) => Ago(daysAgo).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private string DateText(int daysAgo) => Ago(daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task CreatedAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static async Task<Guid> IdAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CarePlansApi.Saved>(CipnApp.Json, Ct))!.Id;
    }

    /// <summary>
    /// Two oxaliplatin doses (85 then 170 mg/m²), check-ins 40 days ago (score 25) and today (50, two falls), two goals
    /// with reviews, duloxetine ongoing and pregabalin stopped.
    /// </summary>
    private async Task<(Guid Team, Guid Patient, TestUser Self, TestUser Clinician)> SeededAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinicianUser = await app.CreateUserAsync(Roles.Clinician, team);
        var clinician = await app.ClientForAsync(clinicianUser);
        var self = await app.ClientForAsync(login!);
        await CreatedAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = Ago(100), heightCm = 180, weightKg = 80 }, Ct));
        foreach (var daysAgo in new[] { 60, 46 })
        {
            await CreatedAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/administrations", new { agentCode = "oxaliplatin", administeredAt = Ago(daysAgo), amount = 85, unit = "MgPerM2", route = "IV" }, Ct));
        }

        await CreatedAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/responses", new { questionnaire = Questionnaires.CheckIn, answers = Questionnaires.Week(1), authored = Ago(40) }, Ct));
        await CreatedAsync(CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(2, everyday: true, falls: 2), Ct));
        var shirt = await IdAsync(self.PostAsJsonAsync($"/api/patients/{patient}/goals", new { text = "Button my shirt", expectedOutcome = "Buttons a shirt alone in five minutes" }, Ct));
        var walk = await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/goals", new { text = "Walk to the mailbox", expectedOutcome = "80 m without a cane", baselineLevel = -2 }, Ct));
        await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{shirt}/reviews", new { reviewedOn = DateText(30), level = -1 }, Ct));
        await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{shirt}/reviews", new { reviewedOn = DateText(1), level = 1 }, Ct));
        await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/goals/{walk}/reviews", new { reviewedOn = DateText(1), level = 0 }, Ct));
        var duloxetine = await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Medication", name = "Duloxetine", dose = "60 mg daily", startedOn = DateText(40) }, Ct));
        await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Medication", name = "Pregabalin", startedOn = DateText(50), stoppedOn = DateText(35) }, Ct));
        await IdAsync(self.PostAsJsonAsync($"/api/patients/{patient}/interventions/{duloxetine}/ratings", new { relief = 3, sideEffects = 1 }, Ct));
        return (team, patient, login!, clinicianUser);
    }

    [Fact]
    public async Task Patient_SeesEveryChartWithItsTable_InPlainWords()
    {
        var (_, patient, self, _) = await SeededAsync();
        var pages = await HtmlForms.SignInAsync(app, self, Ct);

        var html = WebUtility.HtmlDecode(await pages.GetStringAsync($"/patients/{patient}/progress", Ct));

        Assert.Contains("<h1>Your progress</h1>", html, StringComparison.Ordinal);
        Assert.Equal(5, ChartSvg().Count(html));
        Assert.Contains($"<tr><th scope=\"row\">{Day(40)}</th><td>25</td><td>25</td><td>25</td><td>25</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{Day(0)}</th><td>50</td><td>50</td><td>50</td><td>50</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{Day(46)}</th><td>Oxaliplatin, cumulative</td><td>170 mg/m² (20% of threshold)</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{Day(0)}</th><td>Sensory and motor grade</td><td>2 and 2</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("2 falls reported over 2 check-ins.", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{Day(0)}</th><td>2</td><td>no</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("T-score <strong>56.2</strong> over 2 goals", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">{Day(30)}</th><td>1</td><td>40</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"{Day(1)}: +1</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">Duloxetine (60 mg daily)</th><td>Medicine</td><td>{Day(40)}</td><td>still going</td><td>relief 3 of 10 lately (average 3 over 1 rating), mild side effects</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><th scope=\"row\">Pregabalin</th><td>Medicine</td><td>{Day(50)}</td><td>{Day(35)}</td><td>not rated yet</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("ask them what it means", html, StringComparison.Ordinal);
        Assert.Contains("When to get help", html, StringComparison.Ordinal);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "read progress" && a.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task Clinician_SeesTheClinicalCaptions_AndTheChartsShareOneTimeAxis()
    {
        var (_, patient, _, clinicianUser) = await SeededAsync();
        var pages = await HtmlForms.SignInAsync(app, clinicianUser, Ct);

        var html = WebUtility.HtmlDecode(await pages.GetStringAsync($"/patients/{patient}/progress", Ct));

        Assert.Contains("<h1>Progress: Test ", html, StringComparison.Ordinal);
        Assert.Contains("cumulative dose as a percent of its risk threshold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("When to get help", html, StringComparison.Ordinal);
        // From the first dose (60 days ago) to today, with 4 % of margin (2.4 days) either side.
        Assert.Contains($", {Ago(60).AddDays(-2.4).ToString("d MMM yyyy", CultureInfo.InvariantCulture)} to {Ago(0).AddDays(2.4).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.", html, StringComparison.Ordinal);
        // Every chart puts the same dates at the same horizontal positions.
        var tickSets = ChartSvg().Matches(html).Select(m => string.Join("|", TickLabel().Matches(m.Value).Select(t => $"{t.Groups["x"].Value}:{t.Groups["date"].Value}"))).Distinct().ToList();
        var ticks = Assert.Single(tickSets);
        Assert.False(string.IsNullOrEmpty(ticks));
    }

    [Fact]
    public async Task Charts_AreDrawnOnce_AndAgainOnlyWhenTheirDataChanges()
    {
        var (_, patient, self, clinicianUser) = await SeededAsync();
        var pages = await HtmlForms.SignInAsync(app, clinicianUser, Ct);
        var charts = app.Services.GetRequiredService<ChartCache>();
        async Task<List<string>> ChartsAsync() => ChartSvg().Matches(await pages.GetStringAsync($"/patients/{patient}/progress", Ct)).Select(m => m.Value).ToList();

        var first = await ChartsAsync();
        var drawn = charts.Draws;
        app.Clock.Advance(TimeSpan.FromMinutes(20)); // later the same day: the same charts
        var again = await ChartsAsync();
        var foundAll = charts.Draws - drawn;
        await CreatedAsync(CipnApp.SubmitCheckInAsync(await app.ClientForAsync(self), patient, Questionnaires.Week(3, selfCare: true, falls: 1), Ct));
        var afterCheckIn = await ChartsAsync();

        Assert.Equal(5, first.Count);
        Assert.Equal(0, foundAll);
        Assert.Equal(first, again);
        // The check-in is the newest record: the shared time window reaches it, so all five are drawn again.
        Assert.Equal(5, charts.Draws - drawn);
        Assert.NotEqual(ClipIds().Replace(first[0], "cl"), ClipIds().Replace(afterCheckIn[0], "cl")); // the scores show the new check-in
    }

    [Fact]
    public async Task Outsiders_AreRefusedAndAudited_AndAnEmptyRecordSaysSo()
    {
        var (_, patient, _, _) = await SeededAsync();
        var outsider = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()), Ct);
        var (emptyPatient, emptyLogin) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var emptySelf = await HtmlForms.SignInAsync(app, emptyLogin!, Ct);

        var refused = await outsider.GetAsync($"/patients/{patient}/progress", Ct);
        var otherPatient = await emptySelf.GetAsync($"/patients/{patient}/progress", Ct);
        var empty = WebUtility.HtmlDecode(await emptySelf.GetStringAsync($"/patients/{emptyPatient}/progress", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPatient.StatusCode);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "read progress" && a.Outcome == AuditOutcome.Denied);
        Assert.Contains("Nothing recorded yet.", empty, StringComparison.Ordinal);
        Assert.Equal(0, ChartSvg().Count(empty));
    }

    [Fact]
    public async Task AfterACheckIn_ThePatientRatesWhatTheyAreTrying_AndAHalfFilledRowIsRefused()
    {
        var (_, patient, self, _) = await SeededAsync();
        var api = await app.ClientForAsync(self);
        var sent = await CipnApp.SubmitCheckInAsync(api, patient, Questionnaires.Week(1), Ct);
        var response = (await sent.Content.ReadFromJsonAsync<Features.Instruments.ResponseView>(CipnApp.Json, Ct))!;
        var duloxetine = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Interventions.Single(i => i.Name == "Duloxetine");
        var pages = await HtmlForms.SignInAsync(app, self, Ct);
        var url = $"/responses/{response.Id}?saved=true";

        var confirmation = WebUtility.HtmlDecode(await pages.GetStringAsync(url, Ct));
        var halfFilled = await HtmlForms.SubmitAsync(pages, url, "check-in-ratings", [new($"relief-{duloxetine.Id}", "7")], Ct);
        var halfFilledHtml = WebUtility.HtmlDecode(await halfFilled.Content.ReadAsStringAsync(Ct));
        var ratingsAfterRefusal = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Interventions.Single(i => i.Name == "Duloxetine").Effect.Ratings;
        var saved = await HtmlForms.SubmitAsync(pages, url, "check-in-ratings", [new($"relief-{duloxetine.Id}", "7"), new($"sideEffects-{duloxetine.Id}", "0")], Ct);
        var savedHtml = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync(Ct));
        var after = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Interventions.Single(i => i.Name == "Duloxetine");

        Assert.Contains("How is what you are trying working?", confirmation, StringComparison.Ordinal);
        Assert.Contains($"name=\"relief-{duloxetine.Id}\"", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("<legend>Pregabalin", confirmation, StringComparison.Ordinal); // stopped: not rated any more
        Assert.Equal(HttpStatusCode.BadRequest, halfFilled.StatusCode);
        Assert.Contains("Duloxetine: choose the side effects, or set how much it helps back to Skip.", halfFilledHtml, StringComparison.Ordinal);
        Assert.Equal(1, ratingsAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Thank you – 1 rating is saved.", savedHtml, StringComparison.Ordinal);
        Assert.Equal((2, 7, 0), (after.Effect.Ratings, after.Effect.LatestRelief!.Value, after.Effect.LatestSideEffects!.Value));
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "rate intervention" && a.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task RatingsAfterACheckIn_AreStoredAllOrNone()
    {
        var (team, patient, self, _) = await SeededAsync();
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var cane = await IdAsync(clinician.PostAsJsonAsync($"/api/patients/{patient}/interventions", new { type = "Device", name = "Cane", startedOn = DateText(10) }, Ct));
        var api = await app.ClientForAsync(self);
        var sent = await CipnApp.SubmitCheckInAsync(api, patient, Questionnaires.Week(1), Ct);
        var response = (await sent.Content.ReadFromJsonAsync<Features.Instruments.ResponseView>(CipnApp.Json, Ct))!;
        var duloxetine = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!.Interventions.Single(i => i.Name == "Duloxetine").Id;
        var pages = await HtmlForms.SignInAsync(app, self, Ct);

        // Duloxetine's row is complete and valid; the cane's relief is outside 0–10 (a tampered form).
        var refused = await HtmlForms.SubmitAsync(pages, $"/responses/{response.Id}?saved=true", "check-in-ratings",
            [new($"relief-{duloxetine}", "7"), new($"sideEffects-{duloxetine}", "0"), new($"relief-{cane}", "15"), new($"sideEffects-{cane}", "0")], Ct);
        var plan = (await api.GetFromJsonAsync<CarePlanView>($"/api/patients/{patient}/care-plan", CipnApp.Json, Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose how much it helps, from 0 (not at all) to 10 (completely).", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal((1, 0), (plan.Interventions.Single(i => i.Id == duloxetine).Effect.Ratings, plan.Interventions.Single(i => i.Id == cane).Effect.Ratings));
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "rate intervention" && a.Outcome == AuditOutcome.Invalid);
    }

    [Fact]
    public async Task OxaliplatinOnTreatment_SuggestsTheColdPage_ToThePatientAndShowsItToTheClinician()
    {
        var (_, patient, self, clinicianUser) = await SeededAsync();
        var selfPages = await HtmlForms.SignInAsync(app, self, Ct);
        var clinicianPages = await HtmlForms.SignInAsync(app, clinicianUser, Ct);

        var forPatient = WebUtility.HtmlDecode(await selfPages.GetStringAsync($"/patients/{patient}", Ct));
        var forClinician = WebUtility.HtmlDecode(await clinicianPages.GetStringAsync($"/patients/{patient}", Ct));

        const string cold = "<a href=\"/guidance/cold-sensitivity-oxaliplatin\"><strong>Cold sensitivity during oxaliplatin</strong></a> <span class=\"muted\">— You are having oxaliplatin.</span>";
        Assert.Contains(cold, forPatient, StringComparison.Ordinal);
        Assert.Contains(cold, forClinician, StringComparison.Ordinal);
    }

    // Each drawing numbers its clip paths afresh.
    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipIds();

    [GeneratedRegex("<svg[^>]*class=\"chart\">.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex ChartSvg();

    // ScottPlot writes each bottom tick label as an SVG text element placed by a translate(x y); dates read "23 Nov 26".
    [GeneratedRegex(@"translate\((?<x>[\d.]+) [\d.]+\)""[^>]*>\s*(?<date>\d{1,2} [A-Z][a-z]{2} \d{2})\s*</text>")]
    private static partial Regex TickLabel();
}

public sealed class ShowingProgressOnSqlite(SqliteApp app) : ShowingProgressTests(app), IClassFixture<SqliteApp>;

public sealed class ShowingProgressOnPostgres(PostgresApp app) : ShowingProgressTests(app), IClassFixture<PostgresApp>;
