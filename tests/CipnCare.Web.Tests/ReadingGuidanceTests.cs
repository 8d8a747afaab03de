using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Guidance;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>The guidance library itself: plain language, our own words, suggested where it matters.</summary>
public sealed class GuidanceLibraryTests
{
    private static readonly GuidanceLibrary Library = new(Path.Combine(AppContext.BaseDirectory, "Guidance"));

    public static TheoryData<string> Pages => new(Library.All.Select(p => p.Slug));

    [Fact]
    public void Library_HasTheSixPagesTheCarePathwayNeeds()
    {
        Assert.Equal(
            ["cold-sensitivity-oxaliplatin", "home-safety", "protecting-feet-and-hands", "talking-to-your-team", "what-is-cipn", "when-to-call"],
            Library.All.Select(p => p.Slug));
        Assert.All(Library.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Summary), $"{p.Slug} has no summary"));
    }

    // AMA and NIH advise patient materials at or below a 6th-grade reading level (Weiss, Health Literacy: A Manual for
    // Clinicians, AMA 2003; NIH "Clear & Simple"). Every page must stay there.
    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_IsAtOrBelowSixthGradeReadingLevel(string slug)
    {
        var page = Library.Find(slug)!;

        var grade = ReadingLevel.FleschKincaidGrade(page.Markdown);

        Assert.InRange(grade, 0, 6.0);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_SaysWhenToContactTheCareTeam_AndGivesNoTreatmentInstruction(string slug)
    {
        var text = Library.Find(slug)!.Markdown;

        Assert.Contains("care team", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stop taking", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("increase your dose", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WhenToCall_ListsChestPainWithTheEmergencies_AndCoastingIsExplained()
    {
        var whenToCall = Library.Find("when-to-call")!.Markdown;
        var emergencies = whenToCall[whenToCall.IndexOf("## Call emergency services now", StringComparison.Ordinal)..whenToCall.IndexOf("## Call your care team today", StringComparison.Ordinal)];

        Assert.Contains("chest pain", emergencies, StringComparison.Ordinal);
        Assert.Contains("worse for about three months after the last dose", Library.Find("what-is-cipn")!.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingLevel_OfDenseClinicalProse_IsWellAboveSixthGrade()
    {
        const string dense = "Chemotherapy-induced peripheral neuropathy characteristically manifests as symmetrical, length-dependent sensory disturbances, "
            + "predominantly affecting distal extremities, with accompanying autonomic dysregulation considerably complicating interpretation.";

        Assert.True(ReadingLevel.FleschKincaidGrade(dense) > 16, "dense prose should score far above grade 6");
    }

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("table", 2)]
    [InlineData("numbness", 2)]
    [InlineData("medicine", 3)]
    [InlineData("oxaliplatin", 5)]
    public void Syllables_AreCountedAsVowelGroups(string word, int syllables)
    {
        Assert.Equal(syllables, ReadingLevel.Syllables(word));
    }

    [Fact]
    public void AFall_SuggestsHomeSafetyFirst_WithTheReason()
    {
        var suggested = Library.Suggest(new GuidanceContext(FallReported: true, FallRiskRaised: false, Oxaliplatin: false, SensorySymptoms: true, OnTreatment: true, Worse: false));

        Assert.Equal(["home-safety", "protecting-feet-and-hands", "when-to-call", "what-is-cipn"], suggested.Select(s => s.Page.Slug));
        Assert.Equal("You told us about a fall.", suggested[0].Why);
    }

    [Fact]
    public void RaisedFallRiskAtClinic_Oxaliplatin_AndWorseSymptoms_EachBringTheirPage()
    {
        var suggested = Library.Suggest(new GuidanceContext(false, FallRiskRaised: true, Oxaliplatin: true, false, OnTreatment: true, Worse: true));

        Assert.Equal(["home-safety", "cold-sensitivity-oxaliplatin", "talking-to-your-team", "when-to-call", "what-is-cipn"], suggested.Select(s => s.Page.Slug));
        Assert.Equal("Your last clinic check found a raised risk of falling.", suggested[0].Why);
    }

    [Fact]
    public void Oxaliplatin_AfterTreatmentEnded_DoesNotSuggestTheColdPage()
    {
        var suggested = Library.Suggest(new GuidanceContext(false, false, Oxaliplatin: true, false, OnTreatment: false, false));

        Assert.Equal(["when-to-call", "what-is-cipn"], suggested.Select(s => s.Page.Slug));
    }

    [Fact]
    public void RawHtmlInAPage_IsNotRendered()
    {
        var file = Path.Combine(Path.GetTempPath(), $"guidance-{Guid.NewGuid():N}.md");
        File.WriteAllText(file, "---\ntitle: Test\nsummary: s\n---\nHello <script>alert(1)</script> **there**\n");
        try
        {
            var page = GuidanceLibrary.Load(file);

            Assert.Equal("Test", page.Title);
            Assert.DoesNotContain("<script", page.Html, StringComparison.Ordinal);
            Assert.Contains("<strong>there</strong>", page.Html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void APageWithoutFrontMatter_IsRejectedAtLoad()
    {
        var file = Path.Combine(Path.GetTempPath(), $"guidance-{Guid.NewGuid():N}.md");
        File.WriteAllText(file, "# No front matter\n");
        try
        {
            Assert.Throws<InvalidDataException>(() => GuidanceLibrary.Load(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The guidance pages in the app, and where they are shown.</summary>
public abstract class ReadingGuidanceTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GuidancePages_AreOpenToEveryone_WithTheSafetyBox()
    {
        var anonymous = app.CreateClient();

        var index = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/guidance", Ct));
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/guidance/home-safety", Ct));
        var missing = await anonymous.GetAsync("/guidance/no-such-page", Ct);

        Assert.Contains("<a href=\"/guidance/when-to-call\"><strong>When to call your care team</strong></a>", index, StringComparison.Ordinal);
        Assert.Contains("<h1>Home safety and preventing falls</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Use night lights between your bed and the bathroom.</li>", page, StringComparison.Ordinal);
        Assert.Contains("If you are thinking about harming yourself", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AFallReported_SuggestsHomeSafety_OnTheConfirmationAndThePatientPage()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var api = await app.ClientForAsync(login!);
        var sent = await CipnApp.SubmitCheckInAsync(api, patient, Questionnaires.Week(1, falls: 1), Ct);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var response = (await sent.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        var pages = await HtmlForms.SignInAsync(app, login!, Ct);

        var confirmation = WebUtility.HtmlDecode(await pages.GetStringAsync($"/responses/{response.Id}?saved=true", Ct));
        var patientPage = WebUtility.HtmlDecode(await pages.GetStringAsync($"/patients/{patient}", Ct));

        const string homeSafety = "<a href=\"/guidance/home-safety\"><strong>Home safety and preventing falls</strong></a> <span class=\"muted\">— You told us about a fall.</span>";
        Assert.Contains(homeSafety, confirmation, StringComparison.Ordinal);
        Assert.Contains("Reading for you", patientPage, StringComparison.Ordinal);
        Assert.Contains(homeSafety, patientPage, StringComparison.Ordinal);
        Assert.Contains("/guidance/protecting-feet-and-hands", patientPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoFallAndNoSymptoms_OnlyTheGeneralPagesAreSuggested_AndClinicianSeesWhatWasSuggested()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var api = await app.ClientForAsync(login!);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(api, patient, Questionnaires.Week(0), Ct)).StatusCode);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var html = WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{patient}", Ct));

        Assert.Contains("Guidance suggested to the patient", html, StringComparison.Ordinal);
        Assert.Contains("/guidance/when-to-call", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/guidance/home-safety", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/guidance/protecting-feet-and-hands", html, StringComparison.Ordinal);
    }
}

public sealed class ReadingGuidanceOnSqlite(SqliteApp app) : ReadingGuidanceTests(app), IClassFixture<SqliteApp>;

public sealed class ReadingGuidanceOnPostgres(PostgresApp app) : ReadingGuidanceTests(app), IClassFixture<PostgresApp>;
