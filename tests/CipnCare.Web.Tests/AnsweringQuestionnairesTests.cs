using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

public abstract class AnsweringQuestionnairesTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> StoredResponsesAsync(Guid patient) => app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient));

    [Fact]
    public async Task Patient_SubmitsTheCheckIn_ScoredAndStoredWithTheExactVersion()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);

        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/responses", Questionnaires.Body(Questionnaires.CheckIn, Questionnaires.ModerateWeek()), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal((Questionnaires.CheckIn, "1.1.0", "Patient", login!.DisplayName), (stored.Questionnaire, stored.Version, stored.EnteredByRole, stored.EnteredByName));
        Assert.Equal([("sensory-subscale", 37.5), ("motor-subscale", 10.0), ("autonomic-subscale", 8.33), ("symptom-score", 23.44), ("pro-sensory-grade", 2.0), ("pro-motor-grade", 2.0)],
            stored.Scores.Take(6).Select(s => (s.Code, s.Value!.Value)));
        Assert.Equal("5.0", stored.Score("pro-sensory-grade")!.CtcaeVersion);
        Assert.Equal("Buttons are hard in the morning.", stored.Answers["notes"]);
        // Answered from what was written, not read back (issue #17): exactly what a read of it shows, times included.
        Assert.Equal(await client.GetStringAsync($"/api/responses/{stored.Id}", Ct), await response.Content.ReadAsStringAsync(Ct));
        var history = await client.GetFromJsonAsync<List<ResponseView>>($"/api/patients/{patient}/responses", CipnApp.Json, Ct);
        Assert.Equal(stored.Id, Assert.Single(history!).Id);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == SubmitResponse.Action && a.Outcome == AuditOutcome.Success);
    }

    /// <summary>
    /// A JSON client states the language its questions were shown in, as a FHIR client does with
    /// QuestionnaireResponse.language: a Spanish note is stored as Spanish without any Accept-Language, so it is put
    /// before a person to read; a language the questionnaires are not offered in is refused, not stored as English.
    /// </summary>
    [Fact]
    public async Task AResponsesStatedLanguage_IsStored_AndOneNotOffered_IsRefusedNamingTheField()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var week = Questionnaires.Week(1, notes: "Me cuesta abrochar los botones por la mañana.");

        var refused = await client.PostAsJsonAsync($"/api/patients/{patient}/responses", new { questionnaire = Questionnaires.CheckIn, answers = week, language = "fr" }, Ct);
        var created = await client.PostAsJsonAsync($"/api/patients/{patient}/responses", new { questionnaire = Questionnaires.CheckIn, answers = week, language = "es-MX" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // the API's answer to invalid input (docs/architecture.md)
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("language 'fr' is not one the questionnaires are offered in (en, es).", problem.GetProperty("errors").GetProperty("language")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["es"], await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == patient).Select(r => r.Language).ToListAsync(Ct)));
        Assert.Contains(await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient).Select(a => a.Code).ToListAsync(Ct)), c => c == CipnCare.Clinical.Alerts.AlertCode.NoteToRead);
    }

    [Fact]
    public async Task Caregiver_ReportsOnBehalf_AndTheResponseSaysWhoEnteredIt()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var caregiver = await app.CreateCaregiverForAsync(patient);

        var response = await (await app.ClientForAsync(caregiver)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            Questionnaires.Body(Questionnaires.FallsScreen, new() { ["fallen-past-year"] = true, ["unsteady"] = true, ["worried"] = false }), Ct);

        var stored = (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(("Caregiver", caregiver.DisplayName, 2.0), (stored.EnteredByRole, stored.EnteredByName, stored.Score("falls-screen")!.Value!.Value));
    }

    [Fact]
    public async Task Clinician_EntersAPaperForm_AttributedToTheClinician_WithTheDateItWasFilledIn()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var filledIn = app.Clock.GetUtcNow().UtcDateTime.AddDays(-2);

        var response = await (await app.ClientForAsync(clinician)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            new { questionnaire = Questionnaires.WorstPain, answers = new { worstPain = 0 }, authored = filledIn }, Ct);
        var named = await (await app.ClientForAsync(clinician)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            new { questionnaire = Questionnaires.WorstPain, answers = new Dictionary<string, object> { ["worst-pain"] = 6 }, authored = filledIn }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // "worstPain" is not a linkId
        Assert.Contains("'worstPain' is not a question in Worst nerve pain.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var stored = (await named.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        Assert.Equal(("Clinician", filledIn, 6.0), (stored.EnteredByRole, stored.AuthoredAt, stored.Score("worst-pain")!.Value!.Value));
    }

    [Fact]
    public async Task RetriedSubmit_WithTheSameIdempotencyKey_StoresOneResponse()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patient}/responses")
            {
                Content = JsonContent.Create(Questionnaires.Body(Questionnaires.CheckIn, Questionnaires.ModerateWeek())),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request, Ct);
        }

        var first = await SendAsync();
        var retry = await SendAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!.Id, (await retry.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!.Id);
        Assert.Equal(1, await StoredResponsesAsync(patient));
    }

    /// <summary>
    /// Taps on "Send" that arrive together all find no response with their key yet, then meet at the write: one stores it,
    /// the others' writes meet the unique key and are answered with what it stored, not with an error. The writers are
    /// held at the write (SQLite's write lock, PostgreSQL's audit-chain head) until all eight have looked for the key.
    /// </summary>
    [Fact]
    public async Task SubmitsWithOneIdempotencyKey_AtOnce_StoreOneResponse_AndAllAnswerWithIt()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, Guid? Id)> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patient}/responses")
            {
                Content = JsonContent.Create(Questionnaires.Body(Questionnaires.CheckIn, Questionnaires.ModerateWeek())),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var sent = await client.SendAsync(request, Ct);
            return (sent.StatusCode, sent.IsSuccessStatusCode ? (await sent.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!.Id : null);
        }

        (HttpStatusCode Status, Guid? Id)[] answers;
        using (var scope = app.Services.CreateScope())
        {
            var holder = scope.ServiceProvider.GetRequiredService<CipnDbContext>();
            await using var held = await holder.Database.BeginTransactionAsync(Ct);
            if (!holder.Database.IsSqlite())
            {
                await holder.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"AuditChainHead\" WHERE \"Id\" = 1 FOR UPDATE", Ct);
            }

            var sending = Enumerable.Range(0, 8).Select(_ => Task.Run(SendAsync, Ct)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            Assert.DoesNotContain(sending, s => s.IsCompleted); // all held at the write
            await held.RollbackAsync(Ct);
            answers = await Task.WhenAll(sending);
        }

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Equal(1, await StoredResponsesAsync(patient));
    }

    [Theory]
    [InlineData("falls", "-1", "must be between 0 and 50")]
    [InlineData("numbness-hands", "\"9\"", "'9' is not an answer to")]
    [InlineData("limits-everyday-motor", "\"maybe\"", "takes yes or no")]
    [InlineData("ghost-item", "\"1\"", "'ghost-item' is not a question in CIPN Care check-in.")]
    [InlineData("balance", "null", "Please answer \\\"Feeling unsteady on your feet or losing your balance\\\".")]
    public async Task InvalidAnswers_Are400NamingTheItem_AndNothingIsStored(string linkId, string json, string message)
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var answers = Questionnaires.ModerateWeek().ToDictionary(a => a.Key, a => (object?)a.Value);
        answers[linkId] = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(json);

        var response = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/responses", new { questionnaire = Questionnaires.CheckIn, answers }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"\"{linkId}\"", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Equal(0, await StoredResponsesAsync(patient));
    }

    [Fact]
    public async Task UnknownQuestionnaireOrVersion_Is400()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);

        var unknown = await client.PostAsJsonAsync($"/api/patients/{patient}/responses", Questionnaires.Body("https://example.org/nothing", []), Ct);
        var version = await client.PostAsJsonAsync($"/api/patients/{patient}/responses", Questionnaires.Body(Questionnaires.WorstPain, new() { ["worst-pain"] = 1 }, "9.9.9"), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, version.StatusCode));
        Assert.Contains("There is no such questionnaire", await version.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outsiders_CannotReport_OrRead_AndTheRefusalIsAudited()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var (_, otherLogin) = await app.CreatePatientAsync(team);
        var otherClinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var otherPatient = await app.ClientForAsync(otherLogin!);

        var byClinician = await otherClinician.PostAsJsonAsync($"/api/patients/{patient}/responses", Questionnaires.Body(Questionnaires.WorstPain, new() { ["worst-pain"] = 3 }), Ct);
        var byPatient = await otherPatient.GetAsync($"/api/patients/{patient}/responses", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byClinician.StatusCode, byPatient.StatusCode));
        Assert.Equal(0, await StoredResponsesAsync(patient));
        Assert.Equal(2, (await app.AuditForPatientAsync(patient)).Count(a => a.Outcome == AuditOutcome.Denied));
    }

    [Fact]
    public async Task Admin_LoadsALicensedInstrument_ItScores_AndAnAnsweredVersionCannotBeChanged()
    {
        var team = await app.CreateTeamAsync();
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var (patient, login) = await app.CreatePatientAsync(team);
        var version = CipnApp.Unique("v");
        var (questionnaire, scoring) = Questionnaires.Cipn20Placeholder(version);
        object Upload() => new { questionnaire = System.Text.Json.JsonDocument.Parse(questionnaire).RootElement, scoring = System.Text.Json.JsonDocument.Parse(scoring).RootElement };

        var created = await admin.PostAsJsonAsync("/api/admin/instruments", Upload(), Ct);
        var replaced = await admin.PostAsJsonAsync("/api/admin/instruments", Upload(), Ct); // not answered yet: may be replaced
        var answers = Enumerable.Range(1, 20).ToDictionary(n => $"cipn20-{n}", n => (object)(n is 16 or 17 or 20 ? "4" : "1"));
        var answered = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            Questionnaires.Body("https://site.example.org/Questionnaire/qlq-cipn20", answers, version), Ct);
        var changeAfter = await admin.PostAsJsonAsync("/api/admin/instruments", Upload(), Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict), (created.StatusCode, replaced.StatusCode, answered.StatusCode, changeAfter.StatusCode));
        var scores = (await answered.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!.Scores;
        Assert.Equal([0.0, 0.0, 100.0], scores.Select(s => s.Value!.Value));
        Assert.Contains("cannot be changed. Publish it under a new version.", await changeAfter.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadingAnInvalidInstrument_Is400WithEveryProblem_AndOnlyAdminsMayUpload()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var (questionnaire, _) = Questionnaires.Cipn20Placeholder(CipnApp.Unique("v"));
        var body = new
        {
            questionnaire = System.Text.Json.JsonDocument.Parse(questionnaire).RootElement,
            scoring = System.Text.Json.JsonDocument.Parse("""{"subscales":[{"code":"s","name":"S","items":["cipn20-1","nope"],"method":"mean","minAnswered":1,"itemMin":1,"itemMax":4}]}""").RootElement,
        };

        var invalid = await admin.PostAsJsonAsync("/api/admin/instruments", body, Ct);
        var forbidden = await clinician.PostAsJsonAsync("/api/admin/instruments", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Subscale 's' uses 'nope', which is not in the questionnaire.", await invalid.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Admin_LoadsAnInstrumentFromFilesOnTheQuestionnairesPage()
    {
        var admin = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Admin), Ct);
        var version = CipnApp.Unique("page");
        var (questionnaire, scoring) = Questionnaires.ProCtcaePlaceholder();
        questionnaire = questionnaire.Replace("\"site-1\"", $"\"{version}\"", StringComparison.Ordinal);

        var missing = await HtmlForms.SubmitFilesAsync(admin, "/admin/instruments", "upload-instrument", [("questionnaire", "q.json", questionnaire)], Ct);
        var loaded = await HtmlForms.SubmitFilesAsync(admin, "/admin/instruments", "upload-instrument", [("questionnaire", "q.json", questionnaire), ("scoring", "s.json", scoring)], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Choose the scoring file.", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var html = await loaded.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Questionnaire loaded.", html, StringComparison.Ordinal);
        Assert.Contains(version, html, StringComparison.Ordinal);
        Assert.Contains("pro-ctcae-numbness-tingling, pro-ctcae-pain", html, StringComparison.Ordinal);
    }
}

public sealed class AnsweringQuestionnairesOnSqlite(SqliteApp app) : AnsweringQuestionnairesTests(app), IClassFixture<SqliteApp>;

public sealed class AnsweringQuestionnairesOnPostgres(PostgresApp app) : AnsweringQuestionnairesTests(app), IClassFixture<PostgresApp>;
