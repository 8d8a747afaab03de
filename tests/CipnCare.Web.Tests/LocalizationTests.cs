using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CipnCare.Web.Components.Shared;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Tests;

/// <summary>
/// Spanish beside English (issue #20). Texts are localized the standard .NET way: a component or class asks an
/// <c>IStringLocalizer&lt;T&gt;</c> named <c>L</c> for its English words (<c>L["Sign out"]</c>), and T's
/// <c>.es.resx</c> beside it holds the Spanish. This reads the sources the way a translator would: every English text
/// asked for has Spanish, with the same placeholders, and nothing in a Spanish file is left over from text that is gone.
/// </summary>
public sealed partial class LocalizationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Web = Path.Combine(Repository.Root(), "src", "CipnCare.Web");

    /// <summary>Each localized type: its English keys (from the sources) and its Spanish file's entries.</summary>
    public static TheoryData<string> LocalizedTypes => new(Localized().Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(LocalizedTypes))]
    public void EveryEnglishText_HasSpanish_WithTheSamePlaceholders(string type)
    {
        var (keys, resx) = Localized()[type];
        Assert.True(resx is not null, $"{type} asks for localized text but has no {type}.es.resx beside it");
        var spanish = XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

        var missing = keys.Where(k => !spanish.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        Assert.True(missing.Count == 0, $"{type}: no Spanish for {missing.Count} text(s):\n" + string.Join("\n", missing));
        var mismatched = keys.Where(k => !Placeholders(k).SetEquals(Placeholders(spanish[k]))).ToList();
        Assert.True(mismatched.Count == 0, $"{type}: placeholders differ for:\n" + string.Join("\n", mismatched.Select(k => $"{k} → {spanish[k]}")));
        var unused = spanish.Keys.Except(keys).ToList();
        Assert.True(unused.Count == 0, $"{type}.es.resx has Spanish for text no longer asked for:\n" + string.Join("\n", unused));
    }

    [Theory]
    [MemberData(nameof(LocalizedTypes))]
    public void EverySpanishFile_IsTheOneItsTypeReads(string type)
    {
        // A .resx is found by name: a file named after something else, or embedded under another type's name, would
        // leave its pages in English without any error.
        var (_, resx) = Localized()[type];
        var entries = XDocument.Load(resx!).Root!.Elements("data").Count();
        var matches = typeof(Program).Assembly.GetTypes().Where(t => t.Name == type).ToList();
        var owner = Assert.Single(matches);
        Assert.Equal(Path.GetDirectoryName(resx), Path.Combine([Web, .. owner.Namespace!.Split('.').Skip(2)])); // beside the type, in its namespace's folder
        var localizer = app.Services.GetRequiredService<IStringLocalizerFactory>().Create(owner);
        using (Languages.Use(Languages.Spanish))
        {
            Assert.Equal(entries, localizer.GetAllStrings(includeParentCultures: false).Count());
        }
    }

    [Fact]
    public void TheScan_FindsTheLayoutsTexts() // the test above can only fail if the scan finds texts
    {
        var (keys, resx) = Localized()["MainLayout"];
        Assert.Contains("Sign out", keys);
        Assert.Contains("Skip to main content", keys);
        Assert.EndsWith(Path.Combine("Components", "Layout", "MainLayout.es.resx"), resx, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es", "es", "Cerrar sesión", "Ir al contenido principal")]
    [InlineData("es-MX,es;q=0.9,en;q=0.5", "es", "Cerrar sesión", "Ir al contenido principal")] // a regional Spanish reads Spanish
    [InlineData("en-GB,en;q=0.9", "en", "Sign out", "Skip to main content")]
    [InlineData("de-DE,de;q=0.9", "en", "Sign out", "Skip to main content")] // a language we do not have: English
    public async Task ThePage_FollowsTheBrowsersLanguage(string acceptLanguage, string lang, string signOut, string skip)
    {
        using var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/guidance", Ct));

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains(signOut, html, StringComparison.Ordinal);
        Assert.Contains(skip, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InSpanish_ADoseTypedAs1Point5_IsStoredAs1Point5()
    {
        // Only the words change with the language: a clinician whose browser asks for Spanish types "72.5" kg and "1.5" mg
        // into the page's forms; a Spanish number culture would read them as 725 and 15 (the decimal comma).
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var user = await app.CreateUserAsync(Roles.Clinician, team);
        var browser = await HtmlForms.SignInAsync(app, user, Ct);
        browser.DefaultRequestHeaders.Add("Accept-Language", "es-ES");
        var page = $"/patients/{patient}/exposure";
        var day = app.Clock.GetUtcNow().UtcDateTime.AddDays(-1);

        var measured = await HtmlForms.SubmitAsync(browser, page, "body", [new("measuredAt", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("heightCm", "170.5"), new("weightKg", "72.5")], Ct);
        var dosed = await HtmlForms.SubmitAsync(browser, page, "dose", [new("agentCode", "vincristine"), new("administeredAt", day.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)), new("amount", "1.5"), new("unit", "Mg")], Ct);

        Assert.Equal(HttpStatusCode.OK, measured.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dosed.StatusCode);
        var api = await app.ClientForAsync(user);
        var history = await api.GetFromJsonAsync<List<DoseHistoryView>>($"/api/patients/{patient}/administrations", CipnApp.Json, Ct);
        Assert.Equal(1.5, Assert.Single(history!).Amount);
        var body = await app.WithDbAsync(db => db.BodyMeasurements.Where(m => m.PatientId == patient).Select(m => new { m.HeightCm, m.WeightKg }).SingleAsync(Ct));
        Assert.Equal(170.5, body.HeightCm);
        Assert.Equal(72.5, body.WeightKg);
    }

    [Theory]
    [InlineData("es-MX", "es")] // never chose, but reads Spanish: emails follow the browser from now on
    [InlineData("en-US", null)] // English is the default: nothing to keep (a later Spanish browser still counts)
    public async Task SigningIn_FromASpanishBrowser_KeepsSpanishForTheirEmails(string acceptLanguage, string? kept)
    {
        var (_, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var signedIn = await client.PostAsJsonAsync("/api/auth/login", new { email = login!.Email, password = login.Password }, Ct);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(kept, await app.WithDbAsync(db => db.Users.Where(u => u.Email == login.Email).Select(u => u.Language).SingleAsync(Ct)));
    }

    [Fact]
    public void DatesOnASpanishPage_UseSpanishMonths_AndTheSameDigits()
    {
        var day = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("4 Dec 2026", Dates.Day(day));
        using (Languages.Use(Languages.Spanish))
        {
            Assert.Equal("4 dic 2026", Dates.Day(day));
            Assert.Equal("9 sep 1951", Dates.Birth(new DateOnly(1951, 9, 9)));
            Assert.Equal("4 dic 2026, 12:00 (UTC)", Dates.WithTime(day));
        }

        Assert.Equal("4 Dec 2026", Dates.Day(day)); // the language is back when the email or page is done
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    private static Dictionary<string, (HashSet<string> Keys, string? Resx)> Localized()
    {
        var spanishFiles = Directory.EnumerateFiles(Web, "*.es.resx", SearchOption.AllDirectories).Where(NotBuildOutput)
            .ToDictionary(f => Path.GetFileName(f)[..^".es.resx".Length], f => f);
        var found = new Dictionary<string, (HashSet<string> Keys, string? Resx)>();
        foreach (var file in Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories).Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && NotBuildOutput(f)))
        {
            var source = File.ReadAllText(file);
            if (Localizer().Match(source) is not { Success: true } localizer)
            {
                continue;
            }

            var type = localizer.Groups[1].Value;
            if (!found.TryGetValue(type, out var entry))
            {
                entry = ([], spanishFiles.GetValueOrDefault(type));
                found[type] = entry;
            }

            foreach (Match key in Key().Matches(source))
            {
                entry.Keys.Add(Regex.Unescape(key.Groups[1].Value));
            }
        }

        // The answer rules write English templates (a RuleMessage) that RuleMessageWords says in Spanish: its keys are
        // every template in the rules' sources (a string with a {0} in it).
        var rules = new[] { Path.Combine(Repository.Root(), "src", "CipnCare.Clinical", "Instruments", "ResponseRules.cs"), Path.Combine(Web, "Features", "Instruments", "AnswerInput.cs") };
        found["RuleMessageWords"] = (rules.SelectMany(f => Literal().Matches(File.ReadAllText(f))).Select(m => Regex.Unescape(m.Groups[1].Value)).Where(t => t.Contains("{0}", StringComparison.Ordinal)).ToHashSet(),
            spanishFiles.GetValueOrDefault("RuleMessageWords"));
        return found;
    }

    [GeneratedRegex(@"(?<![$@])""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Literal();

    private static bool NotBuildOutput(string path) =>
        !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"IStringLocalizer<(\w+)>\s+L\b")]
    private static partial Regex Localizer();

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Key();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
