using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Messages;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>
/// Messages in Spanish (issue #20): the patient's side reads the messages pages in Spanish when their browser or choice
/// says so, and English is unchanged otherwise; what they write keeps its language, and the team reads the words as
/// written with a label saying which language they are in; the notice of a team reply goes out in each recipient's
/// chosen language.
/// </summary>
public sealed class MessagesSpanishTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> PageAsync(HttpClient client, string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<Guid> AskAsync(HttpClient client, Guid patient, string subject, string body)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/messages", new { subject, body }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("threadId").GetGuid();
    }

    private Task<int> SetLanguageAsync(TestUser user, string? language) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, language), Ct));

    [Fact]
    public async Task ThePatientsMessagePages_AreInSpanish_WhenTheBrowserAsks_AndUnchangedInEnglishOtherwise()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        using var api = await app.ClientForAsync(login!);
        var thread = await AskAsync(api, patient, "Socks for winter", "Which socks are best for my numb feet?");
        using var browser = await HtmlForms.SignInAsync(app, login!, Ct);

        var list = await PageAsync(browser, $"/patients/{patient}/messages", "es-MX,es;q=0.9");
        Assert.Contains("<h1>Mensajes con el equipo de atención</h1>", list, StringComparison.Ordinal);
        Assert.Contains("sobre cualquier cosa que le preocupe. El equipo responde en un plazo de", list, StringComparison.Ordinal);
        Assert.Contains("<strong>2 días hábiles</strong>", list, StringComparison.Ordinal);
        Assert.Contains("<strong>Si no puede esperar</strong>, llame al equipo al <strong>+1 555 0100</strong>.", list, StringComparison.Ordinal);
        Assert.Contains("1 mensaje, el último:", list, StringComparison.Ordinal);
        Assert.Contains("esperando la respuesta del equipo (a más tardar:", list, StringComparison.Ordinal);
        Assert.Contains("Escribir al equipo de atención", list, StringComparison.Ordinal);
        Assert.Contains("<label for=\"subject\">¿De qué se trata?</label>", list, StringComparison.Ordinal);
        Assert.Contains("Solo su equipo de atención y sus cuidadores pueden verla.", list, StringComparison.Ordinal);
        Assert.Contains("Los cuidadores que solo pueden ver su expediente", list, StringComparison.Ordinal);
        Assert.Contains("Permitir que los cuidadores que solo pueden ver lean mis mensajes", list, StringComparison.Ordinal);
        Assert.Contains("Socks for winter", list, StringComparison.Ordinal); // their words, as written
        Assert.DoesNotContain("Write to the care team", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Written in", list, StringComparison.Ordinal); // the label is for the team

        var page = await PageAsync(browser, $"/messages/{thread}", "es");
        Assert.Contains("aria-label=\"Mensajes, del más antiguo al más reciente\"", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>{login!.DisplayName}, paciente</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Esperando la respuesta del equipo de atención, a más tardar el", page, StringComparison.Ordinal);
        Assert.Contains("Si no puede esperar, llame al equipo al <strong>+1 555 0100</strong>.", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"reply-title\">Escribir más</h2>", page, StringComparison.Ordinal);
        Assert.Contains(">Todos los mensajes<", page, StringComparison.Ordinal);
        Assert.Contains("Which socks are best for my numb feet?", page, StringComparison.Ordinal);

        var sent = await PageAsync(browser, $"/messages/{thread}?sent=Routine", "es");
        Assert.Contains("<h2 id=\"sent-title\">Mensaje enviado</h2>", sent, StringComparison.Ordinal);
        Assert.Contains("Su equipo de atención le responderá a más tardar el", sent, StringComparison.Ordinal);

        // Without the header nothing changes: the English pages as they were.
        var english = await PageAsync(browser, $"/patients/{patient}/messages");
        Assert.Contains("<h1>Messages with the care team</h1>", english, StringComparison.Ordinal);
        Assert.Contains("The team replies within\n        <strong>2 working days</strong> (they read messages", english, StringComparison.Ordinal);
        Assert.Contains("<strong>If it cannot wait</strong>, call the team on <strong>+1 555 0100</strong>. In an emergency call <strong>", english, StringComparison.Ordinal);
        Assert.Contains("1 message, last ", english, StringComparison.Ordinal);
        Assert.Contains(" · waiting for the team's reply (due by ", english, StringComparison.Ordinal);
        Assert.Contains("<label for=\"subject\">What is it about?</label>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("equipo de atención", english, StringComparison.Ordinal);
        var englishThread = await PageAsync(browser, $"/messages/{thread}");
        Assert.Contains("aria-label=\"Messages, oldest first\"", englishThread, StringComparison.Ordinal);
        Assert.Contains($"<strong>{login.DisplayName}, patient</strong>", englishThread, StringComparison.Ordinal);
        Assert.Contains("Waiting for the care team's reply, due by ", englishThread, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"reply-title\">Write more</h2>", englishThread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageWrittenOnASpanishPage_IsKeptInSpanish_AndTheTeamReadsItVerbatim_LabelledWrittenInSpanish()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        using var browser = await HtmlForms.SignInAsync(app, login!, Ct);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        // What is missing is said in Spanish.
        var missing = await HtmlForms.SubmitAsync(browser, $"/patients/{patient}/messages", "new-message", [new("subject", "Mis pies")], Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Escriba su mensaje.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        const string Words = "Siento hormigueo en los pies por la noche y no puedo dormir bien.";
        var sent = await HtmlForms.SubmitAsync(browser, $"/patients/{patient}/messages", "new-message", [new("subject", "Hormigueo en los pies"), new("body", Words)], Ct);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var stored = await app.WithDbAsync(db => db.Messages.SingleAsync(m => m.PatientId == patient, Ct));
        Assert.Equal("es", stored.Language);
        Assert.Equal(Words, stored.Body);

        // The team's pages stay English; the patient's words are shown as written, with the language named.
        using var staff = await HtmlForms.SignInAsync(app, clinician, Ct);
        var thread = await PageAsync(staff, $"/messages/{stored.ThreadId}");
        Assert.Contains($"<p lang=\"es\">{Words}</p>", thread, StringComparison.Ordinal);
        Assert.Contains("<span class=\"written-in\">Written in Spanish</span>", thread, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Messages, oldest first\"", thread, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"reply-title\">Reply</h2>", thread, StringComparison.Ordinal);
        var list = await PageAsync(staff, $"/patients/{patient}/messages");
        Assert.Contains("<strong lang=\"es\">Hormigueo en los pies</strong>", list, StringComparison.Ordinal);
        Assert.Contains("Written in Spanish", list, StringComparison.Ordinal);

        // The team's English reply carries no label; the patient, reading in Spanish, sees none at all.
        using var api = await app.ClientForAsync(clinician);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/messages/{stored.ThreadId}", new { body = "Thank you, we will call you tomorrow." }, Ct)).StatusCode);
        Assert.Equal("en", await app.WithDbAsync(db => db.Messages.Where(m => m.ThreadId == stored.ThreadId && m.Id != stored.Id).Select(m => m.Language).SingleAsync(Ct)));
        thread = await PageAsync(staff, $"/messages/{stored.ThreadId}");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(thread, "Written in Spanish"));
        Assert.Contains("<p>Thank you, we will call you tomorrow.</p>", thread, StringComparison.Ordinal);
        var own = await PageAsync(browser, $"/messages/{stored.ThreadId}");
        Assert.DoesNotContain("Written in", own, StringComparison.Ordinal);
        Assert.Contains($"<p>{Words}</p>", own, StringComparison.Ordinal);
        Assert.Contains("<p lang=\"en\">Thank you, we will call you tomorrow.</p>", own, StringComparison.Ordinal);
        Assert.Contains($"{clinician.DisplayName}, equipo de atención", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNoticeOfAReply_IsInTheLanguageEachRecipientChose_EnglishWithoutAChoice()
    {
        var team = await app.CreateTeamAsync();
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var (spanishPatient, spanishLogin) = await app.CreatePatientAsync(team);
        var (englishPatient, englishLogin) = await app.CreatePatientAsync(team);
        var spanishCarer = await app.CreateCaregiverForAsync(englishPatient);
        await SetLanguageAsync(spanishLogin!, "es");
        await SetLanguageAsync(spanishCarer, "es");

        using var first = await app.ClientForAsync(spanishLogin!);
        using var second = await app.ClientForAsync(englishLogin!);
        var toSpanish = await AskAsync(first, spanishPatient, "Pies", "Tengo los pies dormidos.");
        var toEnglish = await AskAsync(second, englishPatient, "Feet", "My feet are numb.");

        // The language of the page the team writes on does not matter: the recipient's choice does.
        using var staff = await app.ClientForAsync(clinician);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/messages/{toSpanish}", new { body = "We will call you." }, Ct)).StatusCode);
        using (var reply = new HttpRequestMessage(HttpMethod.Post, $"/api/messages/{toEnglish}") { Content = JsonContent.Create(new { body = "We will call you." }) })
        {
            reply.Headers.AcceptLanguage.ParseAdd("es");
            Assert.Equal(HttpStatusCode.Created, (await staff.SendAsync(reply, Ct)).StatusCode);
        }

        var emails = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == SendMessage.EmailKind).ToListAsync(Ct));
        var spanish = Assert.Single(emails, m => m.To == spanishLogin!.Email);
        Assert.Equal("Tiene un mensaje nuevo en CIPN Care", spanish.Subject);
        Assert.StartsWith("Hola:\n\nTiene un mensaje nuevo de su equipo de atención en CIPN Care. Inicie sesión para leerlo: ", spanish.Body, StringComparison.Ordinal);
        Assert.Contains($"/messages/{toSpanish}", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("Si los síntomas empeoran, no espere: llame al equipo de atención.", spanish.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("pies", spanish.Body, StringComparison.OrdinalIgnoreCase); // still no health details

        var english = Assert.Single(emails, m => m.To == englishLogin!.Email);
        Assert.Equal("You have a new message in CIPN Care", english.Subject);
        Assert.Equal(
            $"Hello,\n\nYou have a new message from the care team in CIPN Care. Sign in to read it: {CipnApp.PublicBaseUrl}/messages/{toEnglish}\n\n"
            + "If symptoms are getting worse, do not wait: call the care team. In an emergency call your emergency number.\n\n"
            + "Please do not reply to this email: this mailbox is not read.",
            english.Body);

        var carer = Assert.Single(emails, m => m.To == spanishCarer.Email); // the English patient's carer chose Spanish
        Assert.Equal("Tiene un mensaje nuevo en CIPN Care", carer.Subject);
        Assert.Contains($"/messages/{toEnglish}", carer.Body, StringComparison.Ordinal);
    }
}
