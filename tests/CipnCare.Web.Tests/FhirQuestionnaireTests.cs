using System.Net;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

public abstract class FhirQuestionnaireTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Coding Answer(string code) => new(QuestionnaireMapper.AnswerSystem, code);

    /// <summary>The moderate week (see Questionnaires.ModerateWeek) as a FHIR QuestionnaireResponse, answers nested in their groups.</summary>
    private static QuestionnaireResponse ModerateWeek(Guid patient)
    {
        var response = new QuestionnaireResponse
        {
            Questionnaire = Questionnaires.CheckIn + "|1.1.0",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{patient}"),
        };
        var groups = new Dictionary<string, string[]>
        {
            ["hands"] = ["numbness-hands", "tingling-hands", "pain-hands", "cold-hands"],
            ["feet"] = ["numbness-feet", "tingling-feet", "pain-feet", "cold-feet"],
            ["strength"] = ["cramps", "weakness-grip", "weakness-stairs", "weakness-chair"],
            ["balance"] = ["balance", "falls", "fall-injury"],
            ["body"] = ["dizziness-standing", "bowel-bladder", "palpitations"],
            ["daily-life"] = ["limits-everyday-sensory", "limits-everyday-motor", "limits-self-care-sensory", "limits-self-care-motor", "sleep"],
            ["more"] = ["notes"],
        };
        var week = Questionnaires.ModerateWeek();
        foreach (var (group, linkIds) in groups)
        {
            var item = new QuestionnaireResponse.ItemComponent { LinkId = group };
            foreach (var linkId in linkIds)
            {
                DataType value = week[linkId] switch
                {
                    int n => new Integer(n),
                    bool b => new FhirBoolean(b),
                    string s when linkId == "notes" => new FhirString(s),
                    string s => Answer(s),
                    _ => throw new InvalidOperationException(),
                };
                item.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = linkId, Answer = [new() { Value = value }] });
            }

            response.Item.Add(item);
        }

        return response;
    }

    private async Task<(HttpClient Client, Guid Patient)> PatientAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        return (await app.ClientForAsync(login!), patient);
    }

    [Fact]
    public async Task Questionnaires_AreSearchableByUrlNameAndStatus()
    {
        var (client, _) = await PatientAsync();

        var byUrl = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Questionnaire?url={Questionnaires.CheckIn}|1.1.0", Ct));
        var byName = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync("/fhir/Questionnaire?name=falls&status=active", Ct));
        var questionnaire = Assert.IsType<Questionnaire>(Assert.Single(byUrl.Entry).Resource);
        var read = await FhirTesting.ReadAsync<Questionnaire>(await client.GetAsync($"/fhir/Questionnaire/{questionnaire.Id}", Ct));

        Assert.Equal(("CIPN Care check-in", PublicationStatus.Active), (questionnaire.Title, questionnaire.Status!.Value));
        Assert.Equal(Questionnaires.FallsScreen, Assert.IsType<Questionnaire>(Assert.Single(byName.Entry).Resource).Url);
        Assert.Equal(7, read.Item.Count); // the seven topics
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/fhir/Questionnaire?publisher=x", Ct)).StatusCode);
    }

    [Fact]
    public async Task PostedResponse_IsScoredLikeTheApi_RoundTrips_AndItsScoresAreObservations()
    {
        var (client, patient) = await PatientAsync();

        var created = await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(ModerateWeek(patient)), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await FhirTesting.ReadAsync<QuestionnaireResponse>(created);
        Assert.EndsWith($"/fhir/QuestionnaireResponse/{stored.Id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        var read = await FhirTesting.ReadAsync<QuestionnaireResponse>(await client.GetAsync($"/fhir/QuestionnaireResponse/{stored.Id}", Ct));
        var falls = read.Item.Single(i => i.LinkId == "balance").Item.Single(i => i.LinkId == "falls");
        Assert.Equal(1, Assert.IsType<Integer>(falls.Answer[0].Value).Value!.Value);
        Assert.Equal(Questionnaires.CheckIn + "|1.1.0", read.Questionnaire);
        Assert.EndsWith("(patient)", read.Author!.Display, StringComparison.Ordinal); // the patient entered it on their own account
        var sensory = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient=Patient/{patient}&code={ResponseMapper.ScoreSystem}|sensory-subscale", Ct));
        var observation = Assert.IsType<Observation>(Assert.Single(sensory.Entry).Resource);
        Assert.Equal(37.5m, Assert.IsType<Quantity>(observation.Value).Value);
        Assert.Equal($"QuestionnaireResponse/{stored.Id}", Assert.Single(observation.DerivedFrom).Reference);
        Assert.Equal("survey", observation.Category[0].Coding[0].Code);
        var grade = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={patient}&code=pro-sensory-grade", Ct));
        var gradeObservation = Assert.IsType<Observation>(Assert.Single(grade.Entry).Resource);
        Assert.Equal(2, Assert.IsType<Integer>(gradeObservation.Value).Value);
        Assert.Equal("5.0", gradeObservation.GetStringExtension(ResponseMapper.CtcaeVersionExtension));
        var derived = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={patient}&derived-from=QuestionnaireResponse/{stored.Id}", Ct));
        Assert.Equal(9, derived.Total);
    }

    [Fact]
    public async Task Searches_ByQuestionnaireAndDate_FindOnlyWhatMatches()
    {
        var (client, patient) = await PatientAsync();
        var earlier = ModerateWeek(patient);
        earlier.Authored = "2026-10-01T09:00:00Z";
        await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(earlier), Ct);
        await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(ModerateWeek(patient)), Ct); // authored now: 23 Nov 2026
        var pain = new QuestionnaireResponse
        {
            Questionnaire = Questionnaires.WorstPain,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{patient}"),
            Item = [new() { LinkId = "worst-pain", Answer = [new() { Value = new Integer(4) }] }],
        };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(pain), Ct)).StatusCode);

        async Task<int?> CountAsync(string query) => (await FhirTesting.ReadAsync<Bundle>(await client.GetAsync(query, Ct))).Total;

        Assert.Equal(3, await CountAsync($"/fhir/QuestionnaireResponse?patient={patient}"));
        Assert.Equal(2, await CountAsync($"/fhir/QuestionnaireResponse?subject=Patient/{patient}&questionnaire={Questionnaires.CheckIn}"));
        Assert.Equal(1, await CountAsync($"/fhir/QuestionnaireResponse?patient={patient}&authored=lt2026-11-01"));
        Assert.Equal(1, await CountAsync($"/fhir/Observation?patient={patient}&code=sensory-subscale&date=2026-10-01"));
        Assert.Equal(2, await CountAsync($"/fhir/Observation?patient={patient}&code=sensory-subscale&date=ge2026-09-01&date=le2026-11-30"));
        Assert.Equal(0, await CountAsync($"/fhir/Observation?patient={patient}&category=laboratory"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/fhir/Observation?patient={patient}&date=yesterday", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("unknown", "QuestionnaireResponse.item.where(linkId='ghost')")]
    [InlineData("wrong-type", "QuestionnaireResponse.item.where(linkId='numbness-hands')")]
    [InlineData("out-of-range", "QuestionnaireResponse.item.where(linkId='falls')")]
    [InlineData("missing-required", "QuestionnaireResponse.item.where(linkId='sleep')")]
    [InlineData("in-progress", "QuestionnaireResponse.status")]
    public async Task InvalidResponses_Are422OperationOutcomesNamingTheItem_NothingStored(string problem, string expression)
    {
        var (client, patient) = await PatientAsync();
        var response = ModerateWeek(patient);
        var items = response.Item.SelectMany(g => g.Item).ToList();
        switch (problem)
        {
            case "unknown":
                response.Item.Add(new() { LinkId = "ghost", Answer = [new() { Value = Answer("1") }] });
                break;
            case "wrong-type":
                items.Single(i => i.LinkId == "numbness-hands").Answer[0].Value = new FhirString("quite bad");
                break;
            case "out-of-range":
                items.Single(i => i.LinkId == "falls").Answer[0].Value = new Integer(99);
                break;
            case "missing-required":
                response.Item.Single(g => g.LinkId == "daily-life").Item.RemoveAll(i => i.LinkId == "sleep");
                break;
            default:
                response.Status = QuestionnaireResponse.QuestionnaireResponseStatus.InProgress;
                break;
        }

        var result = await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(response), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.StatusCode);
        var outcome = await FhirTesting.ReadAsync<OperationOutcome>(result);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains(expression));
        Assert.Equal(0, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient)));
    }

    /// <summary>
    /// QuestionnaireResponse.language says what the questions were shown in, so what any free text is written in: stored
    /// as said (the note is then read by a person, not trusted to the English safety check); one the questionnaires are not
    /// offered in is refused rather than stored as English (issue #20).
    /// </summary>
    [Fact]
    public async Task AResponsesLanguage_IsStoredAsSaid_AndOneNotOffered_Is422()
    {
        var (client, patient) = await PatientAsync();
        var spanish = ModerateWeek(patient);
        spanish.Language = "es-MX";
        var french = ModerateWeek(patient);
        french.Language = "fr";

        var created = await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(spanish), Ct);
        var refused = await client.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(french), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var read = await FhirTesting.ReadAsync<QuestionnaireResponse>(await client.GetAsync($"/fhir/QuestionnaireResponse/{(await FhirTesting.ReadAsync<QuestionnaireResponse>(created)).Id}", Ct));
        Assert.Equal("es", read.Language);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains((await FhirTesting.ReadAsync<OperationOutcome>(refused)).Issue, i => i.Expression.Contains("QuestionnaireResponse.language"));
        Assert.Equal(["es"], await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == patient).Select(r => r.Language).ToListAsync(Ct)));
        Assert.Contains(await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient).Select(a => a.Code).ToListAsync(Ct)), c => c == CipnCare.Clinical.Alerts.AlertCode.NoteToRead);
    }

    [Fact]
    public async Task AnotherTeamsClinician_CannotSearchOrPost()
    {
        var (_, patient) = await PatientAsync();
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/QuestionnaireResponse?patient={patient}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/Observation?patient={patient}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync("/fhir/QuestionnaireResponse", FhirTesting.Content(ModerateWeek(patient)), Ct)).StatusCode);
    }
}

public sealed class FhirQuestionnaireOnSqlite(SqliteApp app) : FhirQuestionnaireTests(app), IClassFixture<SqliteApp>;

public sealed class FhirQuestionnaireOnPostgres(PostgresApp app) : FhirQuestionnaireTests(app), IClassFixture<PostgresApp>;
