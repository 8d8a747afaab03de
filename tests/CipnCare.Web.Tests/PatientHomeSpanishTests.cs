using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CipnCare.Clinical.Schedules;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Schedules;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The patient's home in Spanish (issue #20): every section in plain Spanish, the team's Spanish crisis line (988, press
/// 2 for Spanish) when thoughts of self-harm are reported — or its English one where it has no Spanish — the two Spanish
/// team settings, and the check-in reminder in the language each recipient chose.
/// </summary>
public sealed class PatientHomeSpanishTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SpanishPageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", "es");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    private static string NextSteps(string html) =>
        html[html.IndexOf("id=\"next-heading\"", StringComparison.Ordinal)..html.IndexOf("id=\"trying-heading\"", StringComparison.Ordinal)];

    private static T InSpanish<T>(Func<T> words)
    {
        using (Languages.Use(Languages.Spanish))
        {
            return words();
        }
    }

    [Fact]
    public async Task TheDemoPatientsHome_ReadsInSpanish()
    {
        using var client = await app.ClientForAsync(new TestUser("", DemoSeeder.PatientEmail, DemoSeeder.Password, Roles.Patient, ""));
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var html = await SpanishPageAsync(client, $"/patients/{maria}");

        await using var scope = app.Services.CreateAsyncScope();
        var latest = (await scope.ServiceProvider.GetRequiredService<CheckInQueries>().HistoryAsync(maria, Ct))[0];
        var plan = await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct);
        var schedule = await scope.ServiceProvider.GetRequiredService<ScheduleQueries>().ForPatientAsync(maria, Ct);
        var phone = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == maria).Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (p, t) => t.Phone).SingleAsync());

        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Su página</h1>", html, StringComparison.Ordinal);
        // What is due
        Assert.Contains("Qué hay pendiente", html, StringComparison.Ordinal);
        Assert.Contains(schedule!.State switch
        {
            DueState.Due or DueState.Overdue => "</strong> Toma unos cinco minutos.",
            DueState.NotDue => "No hay nada pendiente ahora. El próximo registro de síntomas es el <strong>",
            _ => "No hay registros de síntomas previstos por ahora.",
        }, html, StringComparison.Ordinal);
        // How you have been: the numbers' meaning in Spanish
        var (sensory, motor, change) = InSpanish(() => (PlainWords.Sensory(latest.SensoryGrade), PlainWords.Motor(latest.MotorGrade), PlainWords.Change(latest.Change.Direction)));
        Assert.Contains("Cómo ha estado usted", html, StringComparison.Ordinal);
        Assert.Contains($"usted indicó: <strong>{sensory}</strong>, y <strong>{motor}</strong>. {change}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(PlainWords.Sensory(latest.SensoryGrade), html, StringComparison.Ordinal); // not the English words
        // Next steps
        var next = NextSteps(html);
        Assert.Contains("Próximos pasos", next, StringComparison.Ordinal);
        Assert.Contains("Revise sus pies y manos todos los días. Busque cortes o ampollas que quizás no sienta.", next, StringComparison.Ordinal);
        Assert.Contains($"Si los síntomas empeoran, o después de una caída, avise al equipo de atención: {phone}.", next, StringComparison.Ordinal);
        // Goals and what you are trying
        Assert.Contains("Sus metas y lo que está probando", html, StringComparison.Ordinal);
        var active = plan.Goals.Where(g => g.Status == GoalStatus.Active).ToList();
        Assert.NotEmpty(active);
        Assert.All(active, g => Assert.Matches($"<strong>{System.Text.RegularExpressions.Regex.Escape(g.Text)}</strong>: (todavía no se ha logrado|se logró lo que se esperaba|mejor de lo que se esperaba)", html));
        // Messages
        Assert.Contains("Mensajes con el equipo de atención", html, StringComparison.Ordinal);
        Assert.Contains("El equipo responde en unos pocos días hábiles. Si es urgente, llame por teléfono.", html, StringComparison.Ordinal);
        // When to get help, with the team's Spanish hours and crisis line
        Assert.Contains("Cuándo pedir ayuda", html, StringComparison.Ordinal);
        Assert.Contains($"Su equipo de atención lee los registros de síntomas en este horario: {CareTeam.DefaultSpanishReviewHours}.", html, StringComparison.Ordinal);
        Assert.Contains($"comuníquese ahora con esta línea de ayuda: <strong>{CareTeam.DefaultSpanishCrisisLine}</strong> o llame al 911.", html, StringComparison.Ordinal);

        Assert.All(["What is due", "Next steps", "How you have been", "When to get help", "Messages with the care team"], english => Assert.DoesNotContain(english, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACarer_ReadsTheHomeAndTheirListInSpanish()
    {
        using var client = await app.ClientForAsync(new TestUser("", DemoSeeder.CaregiverEmail, DemoSeeder.Password, Roles.Caregiver, ""));
        var (walter, name) = await app.WithDbAsync(async db =>
        {
            var link = await DemoPeople.WalterAsync(db);
            return (link, await db.Patients.Where(p => p.Id == link).Select(p => p.GivenName).SingleAsync());
        });

        var home = await SpanishPageAsync(client, $"/patients/{walter}");
        var list = await SpanishPageAsync(client, "/patients");

        Assert.Contains($"Cómo ha estado {name}", home, StringComparison.Ordinal);
        Assert.Contains($"Metas y lo que {name} está probando", home, StringComparison.Ordinal);
        Assert.Contains("<h1>Personas que cuido</h1>", list, StringComparison.Ordinal);
        Assert.Contains("Último registro", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterWordsOfSelfHarm_TheSpanishPagesGiveTheSpanishCrisisLine_AndTheEmergencyNumber()
    {
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync()); // a new team: the entity's Spanish 988 words
        using var self = await app.ClientForAsync(login!);

        var sent = await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(1, notes: "I don't want to live like this."), Ct);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var response = (await sent.Content.ReadFromJsonAsync<ResponseView>(CipnApp.Json, Ct))!;
        var home = await SpanishPageAsync(self, $"/patients/{patient}");
        var after = await SpanishPageAsync(self, $"/responses/{response.Id}?saved=true");

        var next = NextSteps(home);
        Assert.Contains("Si vuelven los pensamientos de hacerse daño o de no querer vivir, <strong>comuníquese ahora con esta línea de ayuda: 988 (Línea de Prevención del Suicidio y Crisis: llame al 988 y marque 2 para español, o envíe AYUDA por mensaje de texto al 988)</strong>, o llame al <strong>911</strong> si hay peligro.", next, StringComparison.Ordinal);
        Assert.Contains("Por favor, hable con alguien ahora", after, StringComparison.Ordinal);
        Assert.Contains("<strong>Comuníquese ahora con esta línea de ayuda: 988 (Línea de Prevención del Suicidio y Crisis: llame al 988 y marque 2 para español", after, StringComparison.Ordinal);
        Assert.Contains(", o llame al <strong>911</strong> si corre peligro.", after, StringComparison.Ordinal);
        Assert.Contains("El equipo lee los informes en este horario: De lunes a viernes, de 8:00 a 18:00.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeamWithoutSpanishWords_ShowsItsEnglishCrisisLineAndHours_OnSpanishPages()
    {
        var team = await app.CreateTeamAsync();
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var (patient, login) = await app.CreatePatientAsync(team);

        var saved = await admin.PutAsJsonAsync($"/api/admin/care-teams/{team}/settings", new
        {
            reviewHours = "every day, 9:00 to 17:00",
            emergencyNumber = "112",
            crisisLine = "116 123 (Samaritans)",
            spanishReviewHours = "",
            spanishCrisisLine = " ",
        }, Ct);
        using var self = await app.ClientForAsync(login!);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(1, notes: "I don't want to live like this."), Ct)).StatusCode);
        var home = await SpanishPageAsync(self, $"/patients/{patient}");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = (await saved.Content.ReadFromJsonAsync<TeamSettings>(CipnApp.Json, Ct))!;
        Assert.Equal((null, null), (settings.SpanishReviewHours, settings.SpanishCrisisLine)); // empty: none, so the English shows
        Assert.Contains("<strong>comuníquese ahora con esta línea de ayuda: 116 123 (Samaritans)</strong>, o llame al <strong>112</strong>", NextSteps(home), StringComparison.Ordinal);
        Assert.Contains("Su equipo de atención lee los registros de síntomas en este horario: every day, 9:00 to 17:00.", home, StringComparison.Ordinal);
        Assert.DoesNotContain("marque 2", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSettingsApi_SavesTheSpanishWords_AndClearsThemWhenTheEnglishChangesWithoutThem()
    {
        var team = await app.CreateTeamAsync();
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var url = $"/api/admin/care-teams/{team}/settings";

        var defaults = (await admin.GetFromJsonAsync<TeamSettings>(url, CipnApp.Json, Ct))!;
        var saved = await admin.PutAsJsonAsync(url, defaults with { SpanishReviewHours = "  todos los días, de 9:00 a 17:00 ", SpanishCrisisLine = "988 (llame y marque 2)" }, CipnApp.Json, Ct);
        var stored = await app.WithDbAsync(db => db.CareTeams.AsNoTracking().SingleAsync(t => t.Id == team));
        var kept = await admin.PutAsJsonAsync(url, defaults with { SpanishReviewHours = null, SpanishCrisisLine = null }, CipnApp.Json, Ct); // left out, the English unchanged
        var afterKept = await app.WithDbAsync(db => db.CareTeams.AsNoTracking().SingleAsync(t => t.Id == team));
        var changed = await admin.PutAsJsonAsync(url, defaults with { CrisisLine = "116 123 (Samaritans)", SpanishReviewHours = null, SpanishCrisisLine = null }, CipnApp.Json, Ct);
        var afterChange = await app.WithDbAsync(db => db.CareTeams.AsNoTracking().SingleAsync(t => t.Id == team));
        var tooLong = await admin.PutAsJsonAsync(url, defaults with { SpanishCrisisLine = new string('a', 201) }, CipnApp.Json, Ct);

        // As the settings page and a read-change-write client do: the stored Spanish sent back with a new English.
        var read = (await admin.GetFromJsonAsync<TeamSettings>(url, CipnApp.Json, Ct))!;
        await admin.PutAsJsonAsync(url, read with { SpanishCrisisLine = "988 (llame y marque 2)" }, CipnApp.Json, Ct);
        read = (await admin.GetFromJsonAsync<TeamSettings>(url, CipnApp.Json, Ct))!;
        var sentBack = await admin.PutAsJsonAsync(url, read with { CrisisLine = "0800 111 222 (county crisis team)" }, CipnApp.Json, Ct);
        var afterSentBack = await app.WithDbAsync(db => db.CareTeams.AsNoTracking().SingleAsync(t => t.Id == team));

        Assert.Equal((CareTeam.DefaultSpanishReviewHours, CareTeam.DefaultSpanishCrisisLine), (defaults.SpanishReviewHours, defaults.SpanishCrisisLine)); // a new team's
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (saved.StatusCode, kept.StatusCode, changed.StatusCode));
        Assert.Equal(("todos los días, de 9:00 a 17:00", "988 (llame y marque 2)"), (stored.SpanishReviewHours, stored.SpanishCrisisLine));
        Assert.Equal(("todos los días, de 9:00 a 17:00", "988 (llame y marque 2)"), (afterKept.SpanishReviewHours, afterKept.SpanishCrisisLine));
        Assert.Equal(("todos los días, de 9:00 a 17:00", null), (afterChange.SpanishReviewHours, afterChange.SpanishCrisisLine)); // never a crisis line the team no longer gives
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"spanishCrisisLine\"", await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sentBack.StatusCode);
        Assert.Equal(("0800 111 222 (county crisis team)", null), (afterSentBack.CrisisLine, afterSentBack.SpanishCrisisLine)); // the old Spanish line is not kept
    }

    [Fact]
    public async Task TheAdminSetsTheSpanishWordsOnTheSettingsPage()
    {
        var team = await app.CreateTeamAsync();
        var admin = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Admin), Ct);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/teams/{team}/settings", Ct));
        KeyValuePair<string, string>[] fields =
        [
            new("reviewHours", "Monday to Friday, 9:00 to 17:00"), new("emergencyNumber", "911"), new("crisisLine", "988 (Suicide & Crisis Lifeline, call or text)"),
            new("spanishReviewHours", "de lunes a viernes, de 9:00 a 17:00"), new("spanishCrisisLine", ""), new("onCallEmail", ""),
            new("gradeAtLeast", "2"), new("worseByGrades", "1"), new("rapidRiseGrades", "2"), new("rapidRiseWindowDays", "28"), new("painfulAtLeast", "2"),
            new("nearFaintingDizzinessAtLeast", "3"), new("missedCheckIns", "2"),
        ];

        var saved = await HtmlForms.SubmitAsync(admin, $"/admin/teams/{team}/settings", "team-settings", fields, Ct);

        Assert.Contains($"value=\"{CareTeam.DefaultSpanishCrisisLine}\"", page, StringComparison.Ordinal); // the form shows the stored Spanish
        Assert.Contains("Settings saved.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.CareTeams.AsNoTracking().SingleAsync(t => t.Id == team));
        Assert.Equal(("de lunes a viernes, de 9:00 a 17:00", null), (stored.SpanishReviewHours, stored.SpanishCrisisLine));
    }

    [Fact]
    public async Task TheReminder_IsInTheLanguageEachRecipientChose()
    {
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var carer = await app.CreateCaregiverForAsync(patient);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == login!.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, Languages.Spanish)));
        var authored = app.Clock.GetUtcNow().UtcDateTime.AddDays(-8); // weekly: due yesterday
        (await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/responses",
            new { questionnaire = Questionnaires.CheckIn, answers = Questionnaires.Week(0), authored }, Ct)).EnsureSuccessStatusCode();
        var before = CultureInfo.CurrentUICulture;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CheckInReminders>().RunAsync(Ct);
        }

        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == CheckInReminders.EmailKind && (m.To == login!.Email || m.To == carer.Email)).ToListAsync());
        var spanish = Assert.Single(emails, e => e.To == login!.Email);
        var english = Assert.Single(emails, e => e.To == carer.Email);
        var due = DateOnly.FromDateTime(authored.AddDays(7));
        Assert.Equal("Ya le toca hacer su registro de síntomas de CIPN Care", spanish.Subject);
        Assert.StartsWith("Hola, Test:\n\n", spanish.Body, StringComparison.Ordinal);
        Assert.Contains($"Le tocaba hacer su registro de síntomas de los nervios el {due.ToString("d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("es"))}.", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("elija \"Comenzar un registro de síntomas\"", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("llame al equipo de atención al +1 555 0100. En una emergencia, llame al 911.", spanish.Body, StringComparison.Ordinal);
        Assert.Equal("Your CIPN Care check-in is due", english.Subject);
        Assert.Contains($"Test's nerve-symptom check-in was due on {due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. It takes about five minutes", english.Body, StringComparison.Ordinal);
        Assert.EndsWith("Please do not reply: this mailbox is not read.", english.Body, StringComparison.Ordinal);
        Assert.Equal(before, CultureInfo.CurrentUICulture); // the round leaves the culture as it found it
    }
}
