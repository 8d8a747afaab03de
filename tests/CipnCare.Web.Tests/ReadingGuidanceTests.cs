using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Guidance;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>The guidance library itself: plain language, our own words, suggested where it matters, in English and Spanish.</summary>
public sealed partial class GuidanceLibraryTests
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

    // Spanish pages are held to the INFLESZ scale (Barrio-Cantalejo et al., Atención Primaria 2008;40(6):309–14): 65–80
    // is "bastante fácil" (fairly easy), the band for the general public; 55–65 is only "normal". Simplify the Spanish,
    // never lower the bar.
    [Theory]
    [MemberData(nameof(Pages))]
    public void SpanishPage_IsFairlyEasy_OnTheInfleszScale(string slug)
    {
        var page = Library.Find(slug, Languages.Spanish)!;
        Assert.Equal(Languages.Spanish, page.Language);

        var perspicuity = ReadingLevel.SzigrisztPazos(page.Markdown);

        Assert.True(perspicuity >= 65, $"{slug}.es.md scores {perspicuity:F1} on the INFLESZ scale; 65 or more is needed");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void SpanishPage_SaysWhatTheEnglishSays_WithTheSameSafetyItemsAndSources(string slug)
    {
        var (english, spanish) = (Library.Find(slug)!, Library.Find(slug, Languages.Spanish)!);
        var folder = Path.Combine(AppContext.BaseDirectory, "Guidance");

        Assert.Equal(FrontMatterKeys(Path.Combine(folder, $"{slug}.md")), FrontMatterKeys(Path.Combine(folder, $"{slug}.es.md")));
        Assert.False(string.IsNullOrWhiteSpace(spanish.Summary));
        Assert.NotEqual(english.Title, spanish.Title);
        Assert.Equal(Links(english.Markdown), Links(spanish.Markdown)); // sources stay the same addresses
        Assert.Equal(Count(english.Markdown, "\n## "), Count(spanish.Markdown, "\n## "));
        Assert.Equal(Count(english.Markdown, "\n- "), Count(spanish.Markdown, "\n- "));
        foreach (var (inEnglish, inSpanish) in SafetyItems)
        {
            Assert.True(english.Markdown.Contains(inEnglish, StringComparison.OrdinalIgnoreCase) == spanish.Markdown.Contains(inSpanish, StringComparison.OrdinalIgnoreCase),
                $"{slug}: the English {(english.Markdown.Contains(inEnglish, StringComparison.OrdinalIgnoreCase) ? "says" : "does not say")} \"{inEnglish}\"; the Spanish must say \"{inSpanish}\" exactly when it does");
        }

        Assert.DoesNotContain("deje de tomar", spanish.Markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("aumente su dosis", spanish.Markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("aumente la dosis", spanish.Markdown, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What a page says about getting help, in each language's words.</summary>
    private static readonly (string English, string Spanish)[] SafetyItems =
    [
        ("care team", "equipo de atención"),
        ("emergency services", "servicios de emergencia"),
        ("crisis line", "línea de crisis"),
        ("chest pain", "dolor en el pecho"),
        ("harming yourself", "hacerse daño"),
    ];

    [Fact]
    public void WhenToCall_InSpanish_ListsChestPainWithTheEmergencies_AndGivesTheSpanishCrisisLine()
    {
        var whenToCall = Library.Find("when-to-call", Languages.Spanish)!.Markdown;
        var emergencies = whenToCall[whenToCall.IndexOf("## Llame a los servicios de emergencia ahora", StringComparison.Ordinal)..whenToCall.IndexOf("## Llame a su equipo de atención hoy", StringComparison.Ordinal)];
        var crisis = whenToCall[whenToCall.IndexOf("## Si tiene pensamientos de hacerse daño", StringComparison.Ordinal)..];

        Assert.Contains("dolor en el pecho", emergencies, StringComparison.Ordinal);
        // The 988 Lifeline in Spanish: call 988 and press 2, or text AYUDA to 988 (https://988lifeline.org/get-help/what-to-expect).
        Assert.Contains("llame al 988 y marque\nel 2", crisis, StringComparison.Ordinal);
        Assert.Contains("AYUDA", crisis, StringComparison.Ordinal);
        Assert.Contains("tres meses después de la última\ndosis", Library.Find("what-is-cipn", Languages.Spanish)!.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingLevel_OfDenseSpanishClinicalProse_IsWellBelowNormal()
    {
        const string dense = "La neuropatía periférica inducida por quimioterapia se manifiesta característicamente mediante alteraciones sensitivas simétricas "
            + "dependientes de la longitud, predominantemente distales, acompañadas de disautonomía que complica considerablemente su interpretación.";

        Assert.True(ReadingLevel.SzigrisztPazos(dense) < 40, "dense Spanish prose should score far below 55 (normal)");
    }

    [Theory]
    [InlineData("entumecimiento", 6)] // en-tu-me-ci-mien-to
    [InlineData("día", 2)] // dí-a: an accented í beside a strong vowel is a hiatus
    [InlineData("país", 2)] // pa-ís
    [InlineData("caída", 3)] // ca-í-da
    [InlineData("cuidado", 3)] // cui-da-do: two weak vowels are one syllable
    [InlineData("cuídese", 3)] // cuí-de-se: even with the accent
    [InlineData("poeta", 3)] // po-e-ta: two strong vowels are two
    [InlineData("leer", 2)] // le-er
    [InlineData("aire", 2)] // ai-re
    [InlineData("muy", 1)] // a final y closes the diphthong
    [InlineData("hoy", 1)]
    [InlineData("ayuda", 3)] // a-yu-da: elsewhere y is a consonant
    [InlineData("hormigueo", 4)] // hor-mi-gue-o: the u of "gue" is silent
    [InlineData("equipo", 3)] // e-qui-po
    [InlineData("pingüino", 3)] // pin-güi-no: ü is sounded
    [InlineData("oxaliplatino", 6)] // o-xa-li-pla-ti-no
    [InlineData("y", 1)]
    public void SpanishSyllables_FollowTheRulesForDiphthongsAndHiatus(string word, int syllables)
    {
        Assert.Equal(syllables, ReadingLevel.SpanishSyllables(word));
    }

    [Fact]
    public void APageWithoutSpanish_IsServedInEnglish_AtTheSameAddress()
    {
        var folder = Directory.CreateTempSubdirectory("guidance-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "one.md"), "---\ntitle: One\nsummary: s\n---\nHello.\n");
            File.WriteAllText(Path.Combine(folder, "one.es.md"), "---\ntitle: Uno\nsummary: s\n---\nHola.\n");
            File.WriteAllText(Path.Combine(folder, "two.md"), "---\ntitle: Two\nsummary: s\n---\nHello again.\n");
            File.WriteAllText(Path.Combine(folder, "orphan.es.md"), "---\ntitle: Huérfana\nsummary: s\n---\nSin inglés.\n");
            var library = new GuidanceLibrary(folder);

            Assert.Equal(["one", "two"], library.All.Select(p => p.Slug));
            Assert.Equal([("one", "Uno", "es"), ("two", "Two", "en")], library.In(Languages.Spanish).Select(p => (p.Slug, p.Title, p.Language)));
            Assert.Equal("One", library.Find("one")!.Title);
            Assert.Equal("One", library.Find("one", "de")!.Title); // a language we do not have: English
            Assert.Equal("Uno", library.Find("one", "es-MX")!.Title);
            Assert.Null(library.Find("orphan", Languages.Spanish)); // a translation never adds a page
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void InSpanish_TheSuggestionsAndTheirReasons_AreSpanish()
    {
        using (Languages.Use(Languages.Spanish))
        {
            var suggested = Library.Suggest(new GuidanceContext(FallReported: true, FallRiskRaised: false, Oxaliplatin: false, SensorySymptoms: false, OnTreatment: true, Worse: false));

            Assert.Equal(["home-safety", "when-to-call", "what-is-cipn"], suggested.Select(s => s.Page.Slug));
            Assert.Equal(("Seguridad en casa y cómo evitar caídas", "Usted nos contó que se cayó."), (suggested[0].Page.Title, suggested[0].Why));
            Assert.All(suggested, s => Assert.Equal(Languages.Spanish, s.Page.Language));
        }
    }

    private static List<string> FrontMatterKeys(string path) =>
        File.ReadAllText(path).ReplaceLineEndings("\n").Split("\n---\n")[0].Split('\n').Skip(1).Select(l => l.Split(':')[0].Trim()).ToList();

    private static List<string> Links(string markdown) => Link().Matches(markdown).Select(m => m.Value).ToList();

    private static int Count(string markdown, string what) => ("\n" + markdown).Split(what).Length - 1;

    [GeneratedRegex(@"https?://[^\s)\]>]+")]
    private static partial Regex Link();

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
    public async Task InSpanish_TheSameAddress_ServesTheSpanishPage()
    {
        var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Add("Accept-Language", "es-MX,es;q=0.9");

        var index = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/guidance", Ct));
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/guidance/home-safety", Ct));
        var missing = await anonymous.GetAsync("/guidance/no-such-page", Ct);

        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Información para pacientes y familias</h1>", index, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/guidance/when-to-call\"><strong>Cuándo llamar a su equipo de atención</strong></a>", index, StringComparison.Ordinal);
        Assert.Contains("<article class=\"guidance\">", page, StringComparison.Ordinal); // no lang="en": the page is Spanish
        Assert.Contains("<h1>Seguridad en casa y cómo evitar caídas</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Use luces de noche entre su cama y el baño.</li>", page, StringComparison.Ordinal);
        Assert.Contains("Toda la información", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Home safety and preventing falls", page, StringComparison.Ordinal);
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
