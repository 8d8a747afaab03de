using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// Check-in 1.1.0 (issue #13) asks per domain which symptoms limit everyday tasks and self-care; 1.0.0 is retired, its
/// answers and grades unchanged, and a check-in half-filled on 1.0.0 carries over.
/// </summary>
public sealed class CheckInVersionsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Instrument> VersionAsync(string version) =>
        app.WithDbAsync(db => db.Instruments.AsNoTracking().SingleAsync(i => i.Url == Questionnaires.CheckIn && i.Version == version));

    private static async Task<ResponseView> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;

    [Fact]
    public async Task ANewCheckIn_Is1_1_0_AndGradesEachDomainFromItsOwnAnswers()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var answers = Questionnaires.Week(0);
        answers["numbness-feet"] = "1";
        answers["cramps"] = "2";
        answers["limits-self-care-motor"] = true; // cramps make washing and dressing harder; the numbness limits nothing

        var sent = await CipnApp.SubmitCheckInAsync(await app.ClientForAsync(login!), patient, answers, Ct);
        var stored = await ReadAsync(sent);

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("1.1.0", stored.Version);
        Assert.Equal((1.0, 3.0), (stored.Score("pro-sensory-grade")!.Value, stored.Score("pro-motor-grade")!.Value));
        Assert.Contains("sensory symptoms without limitation of daily activities", stored.Score("pro-sensory-grade")!.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version1_0_0_IsRetired_AndTakesNoNewCheckIns()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);

        var sent = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            Questionnaires.Body(Questionnaires.CheckIn, Questionnaires.Version1Week(1), "1.0.0"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Contains("version 1.0.0 is retired; use the current version", await sent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("retired", (await VersionAsync("1.0.0")).Status);
    }

    [Fact]
    public async Task AnUpgradedDatabase_Retires1_0_0_AndItsAnswersKeepTheirGrades()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var version1 = await VersionAsync("1.0.0");
        // As a database from before 1.1.0: 1.0.0 active, and a check-in answered with it (mild numbness, self-care limited).
        await app.WithDbAsync(db => db.Instruments.Where(i => i.Id == version1.Id).ExecuteUpdateAsync(i => i.SetProperty(x => x.Status, "active")));
        var old = Questionnaires.Version1Week(0, selfCare: true);
        old["numbness-feet"] = "1";
        var answered = await ReadAsync(await client.PostAsJsonAsync($"/api/patients/{patient}/responses", Questionnaires.Body(Questionnaires.CheckIn, old, "1.0.0"), Ct));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InstrumentLibrary>().EnsureShippedAsync(Ct); // what start-up does after the upgrade
        }

        var reread = await client.GetFromJsonAsync<ResponseView>($"/api/responses/{answered.Id}", CipnApp.Json, Ct);
        Assert.Equal("retired", (await VersionAsync("1.0.0")).Status);
        Assert.Contains("\"status\": \"retired\"", (await VersionAsync("1.0.0")).QuestionnaireJson, StringComparison.Ordinal); // what FHIR serves says so too
        Assert.Equal(("1.0.0", 3.0, 0.0), (reread!.Version, reread.Score("pro-sensory-grade")!.Value!.Value, reread.Score("pro-motor-grade")!.Value!.Value));
        Assert.Equal("1.1.0", (await ReadAsync(await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct))).Version);
    }

    [Fact]
    public async Task AnUpgradedDatabase_TakesTheShippedDescription_WhenOnlyTheDescriptionChanged()
    {
        const string old = "Three key questions in the spirit of the CDC STEADI algorithm (clinical-reference.md verification §6), in our own words. A yes to any one means the person screens at risk of falling.";
        var falls = await app.WithDbAsync(db => db.Instruments.AsNoTracking().SingleAsync(i => i.Url == InstrumentLibrary.FallsScreenUrl && i.Version == "1.0.0"));
        var before = System.Text.Json.Nodes.JsonNode.Parse(falls.QuestionnaireJson)!.AsObject();
        var shipped = before["description"]!.GetValue<string>();
        before["description"] = old; // as stored before issue #13
        await app.WithDbAsync(db => db.Instruments.Where(i => i.Id == falls.Id).ExecuteUpdateAsync(i => i.SetProperty(x => x.QuestionnaireJson, before.ToJsonString())));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InstrumentLibrary>().EnsureShippedAsync(Ct);
        }

        var after = await app.WithDbAsync(db => db.Instruments.AsNoTracking().SingleAsync(i => i.Id == falls.Id));
        Assert.DoesNotContain("clinical-reference", after.QuestionnaireJson, StringComparison.Ordinal);
        Assert.Equal(shipped, System.Text.Json.Nodes.JsonNode.Parse(after.QuestionnaireJson)!["description"]!.GetValue<string>());
        Assert.Contains("STEADI", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckInHalfFilledOn1_0_0_ContinuesOn1_1_0_WithTheSharedAnswers()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var version1 = await VersionAsync("1.0.0");
        await app.WithDbAsync(async db =>
        {
            db.ResponseDrafts.Add(new ResponseDraft
            {
                Id = Guid.NewGuid(),
                PatientId = patient,
                InstrumentId = version1.Id,
                UserId = login!.UserId,
                AnswersJson = """{"numbness-hands":"3","tingling-hands":"2","limits-everyday":"true"}""",
                Step = 6,
                SubmissionKey = "draft-from-1-0",
                StartedAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
                UpdatedAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
            });
            return await db.SaveChangesAsync();
        });
        var client = await HtmlForms.SignInAsync(app, login!, Ct);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/patients/{patient}/check-in", Ct));
        var draft = await app.WithDbAsync(db => db.ResponseDrafts.AsNoTracking().SingleAsync(d => d.PatientId == patient));

        Assert.Contains("Step 1 of 7", html, StringComparison.Ordinal); // from the start, so the new daily-life questions are asked
        Assert.Contains("id=\"numbness-hands-3\" name=\"numbness-hands\" value=\"3\" checked", html, StringComparison.Ordinal);
        Assert.Equal((await VersionAsync("1.1.0")).Id, draft.InstrumentId);
        Assert.Equal("""{"numbness-hands":"3","tingling-hands":"2"}""", draft.AnswersJson); // the retired question is dropped
        Assert.Equal("draft-from-1-0", draft.SubmissionKey);
    }
}
