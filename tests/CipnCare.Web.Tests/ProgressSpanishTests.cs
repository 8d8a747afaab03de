using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// Progress, the care plan, the visit summary and the carers section in Spanish (issue #20), read as the demo patient
/// (Maria) and the demo carer (Anna, for her father Walter) whose browsers ask for Spanish: the words are Spanish, the
/// charts' words too, and every value — scores, grades, counts, goal texts people wrote — is the one the English page shows.
/// Without the header the pages stay in English.
/// </summary>
public sealed partial class ProgressSpanishTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TestUser Maria = new("", DemoSeeder.PatientEmail, DemoSeeder.Password, Roles.Patient, "");

    private static readonly TestUser Anna = new("", DemoSeeder.CaregiverEmail, DemoSeeder.Password, Roles.Caregiver, "");

    private async Task<(string English, string Spanish)> BothAsync(TestUser user, string url)
    {
        using var english = await app.ClientForAsync(user);
        using var spanish = await app.ClientForAsync(user);
        spanish.DefaultRequestHeaders.Add("Accept-Language", "es");
        return (WebUtility.HtmlDecode(await english.GetStringAsync(url, Ct)), WebUtility.HtmlDecode(await spanish.GetStringAsync(url, Ct)));
    }

    /// <summary>The cells (not the row headers, which are dates) of the table in the region with this label.</summary>
    private static List<string> Cells(string html, string regionLabel)
    {
        var start = html.IndexOf($"aria-label=\"{regionLabel}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table region \"{regionLabel}\"");
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return Cell().Matches(table).Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public async Task ThePatientsProgress_InSpanish_HasSpanishWordsAndCharts_AndTheSameValues()
    {
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var (english, spanish) = await BothAsync(Maria, $"/patients/{maria}/progress");
        await using var scope = app.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct);
        var checkIns = await scope.ServiceProvider.GetRequiredService<CheckInQueries>().HistoryAsync(maria, Ct);

        Assert.Contains("<h1>Your progress</h1>", english, StringComparison.Ordinal);
        Assert.Contains("Score (0–100, higher = worse)", english, StringComparison.Ordinal); // the chart's axis
        Assert.DoesNotContain("Puntaje", english, StringComparison.Ordinal);

        Assert.Contains("<h1>Su progreso</h1>", spanish, StringComparison.Ordinal);
        Assert.Contains("Los gráficos están alineados: cada fecha está en el mismo lugar en todos. Debajo de cada gráfico hay una tabla con los mismos números.", spanish, StringComparison.Ordinal);
        Assert.Contains("El puntaje de síntomas y sus partes sensorial, motora y autonómica en cada registro de síntomas, de 0 (sin síntomas) a 100 (lo peor).", spanish, StringComparison.Ordinal);
        Assert.Contains("Líneas de rayas: cuánto se ha dado hasta ahora de cada medicamento contra el cáncer que afecta los nervios", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("Symptom scores", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("How it is working", spanish, StringComparison.Ordinal);

        // The charts' own words: axes and legends, in the SVG.
        var charts = string.Join("", ChartSvg().Matches(spanish).Select(m => m.Value));
        Assert.Equal(ChartSvg().Count(english), ChartSvg().Count(spanish));
        foreach (var words in new[] { "Puntaje (0–100, más alto = peor)", "Puntaje de síntomas", "Nivel informado por el paciente (0–3)", "Nivel sensorial (línea ancha)", "Nivel motor (línea angosta)", "Dosis acumulada, % del umbral de riesgo", "Logro de metas (GAS)", "0 esperado" })
        {
            Assert.Contains(words, charts, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("higher = worse", charts, StringComparison.Ordinal);
        Assert.DoesNotContain("Sensory grade", charts, StringComparison.Ordinal);

        // The same numbers in every table: scores, grades and doses, goals' levels.
        Assert.Equal(Cells(english, "Symptom scores table"), Cells(spanish, "Tabla de puntajes de síntomas"));
        var grades = Cells(english, "Grades and cumulative dose table");
        var grados = Cells(spanish, "Tabla de niveles y dosis acumulada");
        Assert.Equal(grades.Count, grados.Count);
        Assert.Equal(grades.Where(c => GradePair().IsMatch(c)).Select(c => c.Replace(" and ", " y ", StringComparison.Ordinal)), grados.Where(c => GradePair().IsMatch(c)));
        Assert.Contains("Nivel sensorial y motor", grados);
        var latest = checkIns[0];
        Assert.Contains($"{latest.SensoryGrade} y {latest.MotorGrade}", grados);
        Assert.Equal(grades.Where(c => c.Contains("% of threshold", StringComparison.Ordinal)).Select(c => c.Replace("% of threshold", "% del umbral", StringComparison.Ordinal)),
            grados.Where(c => c.Contains("% del umbral", StringComparison.Ordinal)));
        Assert.Equal(Cells(english, "Goal attainment T-scores table"), Cells(spanish, "Tabla de puntajes T del logro de metas"));

        // Goals people wrote are shown as they wrote them; the T-score is the same number.
        foreach (var goal in plan.Goals)
        {
            Assert.Contains($"“{goal.Text}”", spanish, StringComparison.Ordinal);
        }

        var tScore = TScore().Match(english);
        Assert.True(tScore.Success, "the English page gives the goal attainment T-score");
        Assert.Contains($"puntaje T <strong>{tScore.Groups["t"].Value}</strong> en {tScore.Groups["n"].Value} metas", spanish, StringComparison.Ordinal);

        // What she is trying: her medicine's name as entered, its kind and how it is working in Spanish words.
        var duloxetine = plan.Interventions.Single(i => i.Name == "Duloxetine");
        var effect = duloxetine.Effect;
        Assert.Contains($"<tr><th scope=\"row\">Duloxetine ({duloxetine.Dose})</th><td>Medicamento</td>", spanish, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<td>sigue en curso</td><td>alivio de {effect.LatestRelief} sobre 10 la última vez (promedio de {effect.MeanRelief:0.#} en {effect.Ratings} calificaciones), efectos secundarios leves</td>"), spanish, StringComparison.Ordinal);
        Assert.Contains($"<td>still going</td><td>{effect.Summary}</td>", english, StringComparison.Ordinal);

        // No falls: the same count of check-ins that answered about falls, in a Spanish sentence.
        var answered = checkIns.Count(c => c.Falls is not null);
        Assert.Contains($"No falls reported in {answered} check-ins.", english, StringComparison.Ordinal);
        Assert.Contains($"No se informaron caídas en {answered} registros de síntomas.", spanish, StringComparison.Ordinal);
        Assert.Contains(">Sus metas y lo que está probando</a>", spanish, StringComparison.Ordinal);
        Assert.Contains(">Resumen de la consulta (para imprimir)</a>", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACarer_ReadsTheProgressOfThePersonTheyCareFor_InSpanish_FallsIncluded()
    {
        var walter = await app.WithDbAsync(DemoPeople.WalterAsync);
        var (english, spanish) = await BothAsync(Anna, $"/patients/{walter}/progress");

        var name = Regex.Match(english, "<h1>Progress: (?<name>[^<]+)</h1>").Groups["name"].Value;
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Contains($"<h1>Progreso: {name}</h1>", spanish, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"interventions-heading\">Lo que se está probando</h2>", spanish, StringComparison.Ordinal);

        // Walter fell and was hurt: the same counts in a Spanish sentence, and the falls chart's legend in Spanish.
        var falls = FallsSentence().Match(english);
        Assert.True(falls.Success, "the English page counts Walter's falls");
        var (total, over, hurt) = (falls.Groups["total"].Value, falls.Groups["over"].Value, falls.Groups["hurt"].Value);
        Assert.Contains(total == "1" ? $"1 caída informada en {over} registros de síntomas" : $"{total} caídas informadas en {over} registros de síntomas", spanish, StringComparison.Ordinal);
        Assert.Contains($"hubo lesión en {hurt} de ellos.", spanish, StringComparison.Ordinal);
        Assert.Equal(Cells(english, "Falls table").Select(c => c switch { "yes" => "sí", _ => c }), Cells(spanish, "Tabla de caídas"));
        var charts = string.Join("", ChartSvg().Matches(spanish).Select(m => m.Value));
        Assert.Contains("Caídas con lesión", charts, StringComparison.Ordinal);
        Assert.Contains("Caídas informadas", charts, StringComparison.Ordinal);
        Assert.DoesNotContain("Falls reported", charts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCarePlan_InSpanish_ShowsHerGoalsAsWritten_InSpanishSentences()
    {
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var (english, spanish) = await BothAsync(Maria, $"/patients/{maria}/care-plan");
        await using var scope = app.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct);
        var shirt = plan.Goals.Single(g => g.Text == "Button my shirt by myself");

        Assert.Contains("<h1>Your goals and what you are trying</h1>", english, StringComparison.Ordinal);
        Assert.Contains($"<p>Now: <strong>{CarePlanPage.Level(shirt.CurrentLevel)}</strong> (somewhat less than expected)</p>", english, StringComparison.Ordinal);
        Assert.Contains($"Reached when: {shirt.ExpectedOutcome}", english, StringComparison.Ordinal);

        Assert.Contains("<h1>Sus metas y lo que está probando</h1>", spanish, StringComparison.Ordinal);
        Assert.Contains($"<h3>“{shirt.Text}”</h3>", spanish, StringComparison.Ordinal);
        Assert.Contains($"Se logra cuando: {shirt.ExpectedOutcome}", spanish, StringComparison.Ordinal);
        Assert.Contains($" · activa · fijada por {shirt.SetByName}</p>", spanish, StringComparison.Ordinal);
        Assert.Contains($"<p>Ahora: <strong>{CarePlanPage.Level(shirt.CurrentLevel)}</strong> (algo menos de lo esperado)</p>", spanish, StringComparison.Ordinal);
        foreach (var review in shirt.Reviews.Where(r => r.Note is not null))
        {
            Assert.Contains($" — {review.Note}</li>", spanish, StringComparison.Ordinal); // the clinician's note, as written
        }

        var referral = plan.Referrals.Single();
        Assert.Contains($"<strong>Terapia ocupacional</strong>: {referral.Reason} — enviada", spanish, StringComparison.Ordinal);
        Assert.Contains("<h3 id=\"rate\">Díganos cómo le está funcionando algo</h3>", spanish, StringComparison.Ordinal);
        Assert.Contains("¿Cuánto le ayuda? 0 = nada, 10 = por completo", spanish, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2\">moderados</option>", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell us how something is working", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARatingLeftHalfDone_IsRefusedInSpanish()
    {
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var browser = await HtmlForms.SignInAsync(app, Maria, Ct);
        browser.DefaultRequestHeaders.Add("Accept-Language", "es");
        await using var scope = app.Services.CreateAsyncScope();
        var duloxetine = (await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct)).Interventions.Single(i => i.Name == "Duloxetine");

        var refused = await HtmlForms.SubmitAsync(browser, $"/patients/{maria}/care-plan", "rating", [new("interventionId", duloxetine.Id.ToString()), new("sideEffects", "1")], Ct);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Elija cuánto le ayuda, de 0 (nada) a 10 (por completo).", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterACheckIn_TheRatingsAskInSpanish_AndAHalfFilledRowIsRefusedInSpanish()
    {
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var latest = await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == maria).OrderByDescending(r => r.AuthoredAt).Select(r => r.Id).FirstAsync());
        var browser = await HtmlForms.SignInAsync(app, Maria, Ct);
        browser.DefaultRequestHeaders.Add("Accept-Language", "es");
        await using var scope = app.Services.CreateAsyncScope();
        var duloxetine = (await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct)).Interventions.Single(i => i.Name == "Duloxetine");
        var url = $"/responses/{latest}?saved=true";

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(url, Ct));
        var halfFilled = await HtmlForms.SubmitAsync(browser, url, "check-in-ratings", [new($"relief-{duloxetine.Id}", "7")], Ct);

        Assert.Contains("<h2 id=\"ratings-heading\">¿Cómo le está funcionando lo que está probando?</h2>", page, StringComparison.Ordinal);
        Assert.Contains($"<legend>Duloxetine ({duloxetine.Dose})</legend>", page, StringComparison.Ordinal);
        Assert.Contains("<option value>Omitir</option>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, halfFilled.StatusCode);
        Assert.Contains("Duloxetine: elija los efectos secundarios, o vuelva a poner cuánto le ayuda en Omitir.", WebUtility.HtmlDecode(await halfFilled.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVisitSummary_InSpanish_IsPrintable_AndSaysTheSameThings()
    {
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var (english, spanish) = await BothAsync(Maria, $"/patients/{maria}/visit-summary");
        await using var scope = app.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct);

        Assert.Contains("<h2 id=\"for-you\">For you</h2>", english, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"for-you\">Para usted</h2>", spanish, StringComparison.Ordinal);
        Assert.Contains("<h3>Preguntas que tal vez quiera hacer</h3>", spanish, StringComparison.Ordinal);
        Assert.Contains("<li>¿Qué cambios deberían hacer que los llame antes de mi próxima consulta?</li>", spanish, StringComparison.Ordinal);
        Assert.Contains(">Imprimir este resumen</button>", spanish, StringComparison.Ordinal);
        Assert.Contains("class=\"actions no-print\"", spanish, StringComparison.Ordinal); // the print button stays off paper
        Assert.Contains("<script src=\"/summary.js\" defer></script>", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("Note for the clinician", spanish, StringComparison.Ordinal);

        // The same scores and goals, in Spanish sentences.
        var score = ScoreSentence().Match(english);
        Assert.True(score.Success, "the English summary gives her symptom score");
        Assert.Contains(score.Groups["from"].Success
            ? $"Su puntaje de síntomas pasó de {score.Groups["from"].Value} a {score.Groups["to"].Value} sobre 100"
            : $"puntaje de síntomas de {score.Groups["to"].Value} sobre 100", spanish, StringComparison.Ordinal);
        foreach (var goal in plan.Goals.Where(g => g.Status == GoalStatus.Active))
        {
            Assert.Contains($"<li>“{goal.Text}”: ", spanish, StringComparison.Ordinal);
        }

        Assert.Contains("<li>“Button my shirt by myself”: algo menos de lo esperado en la última revisión (", spanish, StringComparison.Ordinal);
        Assert.Contains("<li>“Button my shirt by myself”: somewhat less than expected at the last review (", english, StringComparison.Ordinal);
        var duloxetine = plan.Interventions.Single(i => i.Name == "Duloxetine");
        Assert.Contains($"<li>Duloxetine ({duloxetine.Dose}): {duloxetine.Effect.Summary}.</li>", english, StringComparison.Ordinal);
        Assert.Contains($"<li>Duloxetine ({duloxetine.Dose}): alivio de {duloxetine.Effect.LatestRelief} sobre 10 la última vez", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCarersSection_InSpanish_ForThePatientAndForTheCarer()
    {
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var walter = await app.WithDbAsync(DemoPeople.WalterAsync);
        var (english, spanish) = await BothAsync(Maria, $"/patients/{maria}");
        var (_, carer) = await BothAsync(Anna, $"/patients/{walter}");

        Assert.Contains("<h2 id=\"carers-heading\">Family and carers</h2>", english, StringComparison.Ordinal);
        Assert.Contains("Invitation to david.santos@example.org (Husband) sent ", english, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"carers-heading\">Familiares y cuidadores</h2>", spanish, StringComparison.Ordinal);
        Assert.Contains("Invitación a david.santos@example.org (Husband) enviada el ", spanish, StringComparison.Ordinal); // the relationship as she typed it
        Assert.Contains("<h3 id=\"invite-heading\">Invitar a un familiar o cuidador</h3>", spanish, StringComparison.Ordinal);
        Assert.Contains("<legend>¿Qué puede hacer?</legend>", spanish, StringComparison.Ordinal);
        Assert.Contains(">Cancelar la invitación</button>", spanish, StringComparison.Ordinal);

        Assert.Contains("<strong>Anna Schmidt</strong> (Daughter) – puede informar en nombre del paciente", carer, StringComparison.Ordinal);
        Assert.Contains(">Terminar mi acceso</button>", carer, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg[^>]*class=\"chart\">.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex ChartSvg();

    [GeneratedRegex(@"^\d (and|y) \d$")]
    private static partial Regex GradePair();

    [GeneratedRegex("<td>([^<]*)</td>")]
    private static partial Regex Cell();

    [GeneratedRegex(@"T-score <strong>(?<t>[\d.]+)</strong> over (?<n>\d+) goals")]
    private static partial Regex TScore();

    [GeneratedRegex(@"(?<total>\d+) falls? reported over (?<over>\d+) check-ins; hurt at (?<hurt>\d+) of them\.")]
    private static partial Regex FallsSentence();

    [GeneratedRegex(@"Your symptom score went from (?<from>[\d.]+) to (?<to>[\d.]+) out of 100|symptom score (?<to>[\d.]+) out of 100")]
    private static partial Regex ScoreSentence();
}
