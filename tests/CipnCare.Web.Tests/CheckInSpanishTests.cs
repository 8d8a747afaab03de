using System.Net;
using System.Net.Http.Headers;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The check-in in Spanish (issue #20): every step, its messages and the review read in Spanish for a browser that asks
/// for it; the answers are stored and scored exactly as the same answers given in English, with the language they were
/// given in; and the care team reads the free text as it was written, told it is in Spanish.
/// </summary>
public sealed class CheckInSpanishTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string SpanishNote = "Me cuesta abrocharme los botones por la mañana.";

    private static Dictionary<string, object> Week()
    {
        var week = Questionnaires.ModerateWeek(); // one fall: the "were you hurt" question is asked on the same step
        week["notes"] = SpanishNote;
        return week;
    }

    private async Task<HttpClient> SignInAsync(TestUser user, string language)
    {
        var client = await HtmlForms.SignInAsync(app, user, Ct);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    private async Task<(InstrumentDefinition English, InstrumentDefinition Spanish)> CheckInAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var english = (await scope.ServiceProvider.GetRequiredService<InstrumentLibrary>().FindAsync(InstrumentLibrary.CheckInUrl, null, Ct))!.Definition;
        return (english, english.In("es"));
    }

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url, Ct));

    [Fact]
    public async Task EveryStep_AndTheReview_AreInSpanish()
    {
        var (english, spanish) = await CheckInAsync();
        Assert.Equal("Registro de síntomas de CIPN Care", spanish.Title); // the shipped check-in has its Spanish words
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var client = await SignInAsync(login!, "es");
        var fields = HtmlForms.Fields(Week());
        var topics = english.Topics();

        for (var step = 1; step <= topics.Count; step++)
        {
            var html = await PageAsync(client, $"/patients/{patient}/check-in?step={step}");

            Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
            Assert.Contains("Su registro de síntomas · Registro de síntomas de CIPN Care", html, StringComparison.Ordinal);
            Assert.Contains($"<p id=\"progress-label\">Paso {step} de {topics.Count}</p>", html, StringComparison.Ordinal);
            Assert.Contains($"<title>Paso {step} de {topics.Count}: {spanish.Item(topics[step - 1].Items[0].LinkId)!.Topic} – CIPN Care</title>", html, StringComparison.Ordinal);
            Assert.Contains($"<h1 id=\"step-heading\">{spanish.Item(topics[step - 1].Items[0].LinkId)!.Topic}</h1>", html, StringComparison.Ordinal);
            Assert.Contains(">Continuar</button>", html, StringComparison.Ordinal);
            Assert.Contains(">Guardar y terminar después</button>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">Continue</button>", html, StringComparison.Ordinal);
            foreach (var item in topics[step - 1].Items.Where(i => i.EnableWhen.Count == 0))
            {
                var worded = spanish.Item(item.LinkId)!;
                Assert.NotEqual(item.Text, worded.Text);
                Assert.Contains(worded.Text, html, StringComparison.Ordinal);
                Assert.All(worded.Options, o => Assert.Contains($">{o.Display}<", html, StringComparison.Ordinal));
            }

            var next = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step={step}", "questionnaire", [.. fields, new("action", "next")], Ct);
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var first = await PageAsync(client, $"/patients/{patient}/check-in?step=1");
        Assert.Contains("<h1 id=\"step-heading\">Sus manos y dedos</h1>", first, StringComparison.Ordinal);
        Assert.Contains("<p>Piense en <strong>los últimos 7 días</strong>. </p>", first, StringComparison.Ordinal);
        Assert.Contains("Entumecimiento en las manos o los dedos", first, StringComparison.Ordinal);
        var falls = await PageAsync(client, $"/patients/{patient}/check-in?step=4");
        Assert.Contains($"Responda esto solo si su respuesta a “{spanish.Item("falls")!.Text}” es más de 0.", falls, StringComparison.Ordinal);
        Assert.Contains("<label for=\"fall-injury\">No</label>", falls, StringComparison.Ordinal);
        Assert.Contains("<label for=\"fall-injury-1\">Sí</label>", falls, StringComparison.Ordinal);
        var notes = await PageAsync(client, $"/patients/{patient}/check-in?step=7");
        Assert.Contains($"{spanish.Item("notes")!.Text} (opcional)</label>", notes, StringComparison.Ordinal);
        Assert.Contains(">Atrás</button>", notes, StringComparison.Ordinal);

        var review = await PageAsync(client, $"/patients/{patient}/check-in?step={topics.Count + 1}");
        Assert.Contains("<h1 id=\"step-heading\">Revise sus respuestas</h1>", review, StringComparison.Ordinal);
        Assert.Contains("<p id=\"progress-label\">Último paso: revise y envíe</p>", review, StringComparison.Ordinal);
        Assert.Contains("<p>Aquí está todo lo que respondió. Use <strong>Cambiar</strong> para volver a un tema; sus respuestas se guardan.</p>", review, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Cambiar sus respuestas sobre Equilibrio y caídas\">Cambiar</a>", review, StringComparison.Ordinal);
        Assert.Contains(">Enviar a mi equipo de atención</button>", review, StringComparison.Ordinal);
        Assert.Contains($"<dt>{spanish.Item("numbness-hands")!.Text}</dt>", review, StringComparison.Ordinal);
        Assert.Contains($"<dd>{spanish.Item("numbness-hands")!.Options.Single(o => o.Code == "2").Display}</dd>", review, StringComparison.Ordinal);
        Assert.Contains("<dd>Sí</dd>", review, StringComparison.Ordinal);
        Assert.Contains($"<dd>{SpanishNote}</dd>", review, StringComparison.Ordinal);
        Assert.DoesNotContain("Written in", review, StringComparison.Ordinal);
        foreach (var words in new[] { "Check your answers", "Send to my care team", "Not answered", ">Yes<", ">Change<" })
        {
            Assert.DoesNotContain(words, review, StringComparison.Ordinal);
        }

        var sent = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step={topics.Count + 1}", "questionnaire", [new("action", "submit")], Ct);
        var receipt = await PageAsync(client, HtmlForms.RedirectPath(sent));
        Assert.Contains("<h1>Gracias: sus respuestas se enviaron</h1>", receipt, StringComparison.Ordinal);
        Assert.Contains("Lo que se registró", receipt, StringComparison.Ordinal);
        Assert.Contains("Entumecimiento, hormigueo o dolor: <strong>síntomas que hacen más difíciles las tareas de todos los días</strong> <span class=\"muted\">(grado sensorial 2)</span>", receipt, StringComparison.Ordinal);
        Assert.Contains("Caídas desde el último registro de síntomas: <strong>1 caída</strong>", receipt, StringComparison.Ordinal);
        Assert.Contains("Puntaje de síntomas: <strong>", receipt, StringComparison.Ordinal);
        Assert.Contains(". Ingresado por ", receipt, StringComparison.Ordinal);
        Assert.Contains("(paciente).</p>", receipt, StringComparison.Ordinal);
        Assert.Contains("<h2>Sus respuestas</h2>", receipt, StringComparison.Ordinal);
        Assert.Contains($"<dd>{SpanishNote}</dd>", receipt, StringComparison.Ordinal);
        Assert.Contains(">Volver a sus registros de síntomas</a>", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("Written in", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerGivenInSpanish_IsStoredAndScored_AsTheSameAnswerGivenInEnglish()
    {
        var team = await app.CreateTeamAsync();
        var (inEnglish, englishLogin) = await app.CreatePatientAsync(team);
        var (inSpanish, spanishLogin) = await app.CreatePatientAsync(team);

        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.CheckInAsync(await SignInAsync(englishLogin!, "en"), inEnglish, Week(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.CheckInAsync(await SignInAsync(spanishLogin!, "es"), inSpanish, Week(), Ct)).StatusCode);

        var english = await app.WithDbAsync(db => db.InstrumentResponses.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.PatientId == inEnglish));
        var spanish = await app.WithDbAsync(db => db.InstrumentResponses.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.PatientId == inSpanish));
        Assert.Equal(("en", "es"), (english.Language, spanish.Language));
        Assert.Equal(english.InstrumentId, spanish.InstrumentId);
        Assert.Equal(english.AnswersJson, spanish.AnswersJson); // the same codes, whatever words they were shown in
        Assert.Equal(
            english.Scores.OrderBy(s => s.Position).Select(s => (s.Code, s.Value, s.CtcaeVersion, s.Reasons)),
            spanish.Scores.OrderBy(s => s.Position).Select(s => (s.Code, s.Value, s.CtcaeVersion, s.Reasons)));
        Assert.Equal(37.5, spanish.Scores.Single(s => s.Code == "sensory-subscale").Value); // ModerateWeek's documented scores
        Assert.Equal(2.0, spanish.Scores.Single(s => s.Code == "pro-sensory-grade").Value);
    }

    [Fact]
    public async Task AStepWithProblems_SaysThemInSpanish_NamingTheQuestionAsShown()
    {
        var (_, spanish) = await CheckInAsync();
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var client = await SignInAsync(login!, "es");
        var fields = HtmlForms.Fields(Week());

        var missing = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=1", "questionnaire", [.. fields.Where(f => f.Key != "tingling-hands"), new("action", "next")], Ct);
        var tooMany = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=4", "questionnaire", [.. fields.Where(f => f.Key != "falls"), new("falls", "99"), new("action", "next")], Ct);
        var tooLong = await HtmlForms.SubmitAsync(client, $"/patients/{patient}/check-in?step=7", "questionnaire", [.. fields.Where(f => f.Key != "notes"), new("notes", new string('a', 2001)), new("action", "next")], Ct);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], new[] { missing.StatusCode, tooMany.StatusCode, tooLong.StatusCode });
        var missingHtml = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync(Ct));
        Assert.Contains("<h2 id=\"error-summary-title\">Hay un problema</h2>", missingHtml, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#tingling-hands\">Por favor, responda \"{spanish.Item("tingling-hands")!.Text}\".</a>", missingHtml, StringComparison.Ordinal);
        Assert.Contains($"\"{spanish.Item("falls")!.Text}\": el número debe estar entre 0 y 50.", WebUtility.HtmlDecode(await tooMany.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains($"\"{spanish.Item("notes")!.Text}\": use 2000 caracteres o menos (ahora tiene 2001).", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACarer_AnswersInSpanish_ForThePatient()
    {
        var (patient, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false, familyName: "Quispe");
        var (other, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        var client = await SignInAsync(await app.CreateCaregiverForAsync(patient), "es");

        var first = await PageAsync(client, $"/patients/{patient}/check-in");
        Assert.Contains("Para Test Quispe, ingresado por usted (cuidador) · Registro de síntomas de CIPN Care", first, StringComparison.Ordinal);
        Assert.Contains("Responda como lo haría el paciente, según lo que le cuenta.", first, StringComparison.Ordinal);

        var sent = await HtmlForms.CheckInAsync(client, patient, Week(), Ct);
        var review = await PageAsync(client, HtmlForms.RedirectPath(sent));
        Assert.Contains("Ingresado por ", review, StringComparison.Ordinal);
        Assert.Contains("(cuidador) para Test Quispe.</p>", review, StringComparison.Ordinal);
        Assert.Contains(">Volver a la página del paciente</a>", review, StringComparison.Ordinal);

        var refused = await client.GetAsync($"/patients/{other}/check-in", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("No puede hacer un registro de síntomas aquí", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCareTeam_ReadsSpanishFreeTextAsWritten_MarkedWrittenInSpanish()
    {
        var (english, _) = await CheckInAsync();
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var (otherPatient, otherLogin) = await app.CreatePatientAsync(team);
        var sent = await HtmlForms.CheckInAsync(await SignInAsync(login!, "es"), patient, Week(), Ct);
        var inEnglish = Week();
        inEnglish["notes"] = "Buttons are hard in the morning.";
        var sentInEnglish = await HtmlForms.CheckInAsync(await SignInAsync(otherLogin!, "en"), otherPatient, inEnglish, Ct);
        var clinician = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var html = await PageAsync(clinician, HtmlForms.RedirectPath(sent).Split('?')[0]);
        var englishHtml = await PageAsync(clinician, HtmlForms.RedirectPath(sentInEnglish).Split('?')[0]);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>{english.Item("notes")!.Text}</dt>", html, StringComparison.Ordinal); // the team's own language for the questions…
        Assert.Contains($"<dd><span lang=\"es\">{SpanishNote}</span> · <span class=\"written-in\">Written in Spanish</span></dd>", html, StringComparison.Ordinal); // …the patient's words as written
        Assert.Contains("<h2>Your answers</h2>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Written in"));
        Assert.Contains("<dd>Buttons are hard in the morning.</dd>", englishHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Written in", englishHtml, StringComparison.Ordinal);
    }
}
