using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The doors into CIPN Care in Spanish (issue #20): signing in, a forgotten password, status pages and a carer's
/// invitation follow the browser's language or the language button; the choice is kept on the account, so the next
/// sign-in on another device and the emails sent to the account are in it too. English reads as before.
/// </summary>
public sealed partial class AccountsSpanishTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string CultureCookie = ".AspNetCore.Culture";

    private const string Strong = "Stronger-password-2";

    [Theory]
    [InlineData("/account/login", "<h1>Iniciar sesión</h1>", "¿Olvidó su contraseña?", "<h1>Sign in</h1>", "Forgotten your password?")]
    [InlineData("/account/forgot-password", "Escriba el correo electrónico con el que inicia sesión. Le enviaremos un enlace por correo para elegir una contraseña nueva.", "Enviarme un enlace",
        "Type the email address you sign in with. We will email you a link to choose a new password.", "Email me a link")]
    [InlineData("/account/reset-password?email=someone%40test.cipncare.org&token=abc", "<h1 id=\"reset-heading\">Elija una contraseña nueva</h1>", "Al menos 12 caracteres, con una letra mayúscula, una letra minúscula y un número.",
        "<h1 id=\"reset-heading\">Choose a new password</h1>", PasswordRules.Hint)]
    [InlineData("/account/access-denied", "<h1>No puede abrir esta página</h1>", "Ir a su página de inicio", "<h1>You cannot open this page</h1>", "Go to your start page")]
    public async Task AccountPages_AreSpanishForASpanishBrowser_AndEnglishOtherwise(string path, string spanish, string moreSpanish, string english, string moreEnglish)
    {
        var (_, es) = await GetAsync(path, "es-MX,es;q=0.9");
        var (_, en) = await GetAsync(path, null);

        Assert.Contains("<html lang=\"es\">", es, StringComparison.Ordinal);
        Assert.Contains(spanish, es, StringComparison.Ordinal);
        Assert.Contains(moreSpanish, es, StringComparison.Ordinal);
        Assert.DoesNotContain(english, es, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", en, StringComparison.Ordinal);
        Assert.Contains(english, en, StringComparison.Ordinal);
        Assert.Contains(moreEnglish, en, StringComparison.Ordinal);
        Assert.DoesNotContain(spanish, en, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page", "<h1>No se encontró la página</h1>", "Revise la dirección o vuelva a su página de inicio.", "<h1>Page not found</h1>", "Check the address, or go back to your start page.")]
    [InlineData("/invitations/not-a-real-invitation", "<h1>Esta invitación no se puede usar</h1>", "Pídale uno nuevo a la persona que le envió la invitación o al equipo de atención.",
        "<h1>This invitation cannot be used</h1>", "Ask the person who invited you, or the care team, for a new one.")]
    public async Task StatusPages_AreSpanishForASpanishBrowser_AndEnglishOtherwise(string path, string heading, string message, string englishHeading, string englishMessage)
    {
        var (esStatus, es) = await GetAsync(path, "es");
        var (enStatus, en) = await GetAsync(path, null);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (esStatus, enStatus));
        Assert.Contains(heading, es, StringComparison.Ordinal);
        Assert.Contains(message, es, StringComparison.Ordinal);
        Assert.Contains("Ir a su página de inicio", es, StringComparison.Ordinal);
        Assert.Contains(englishHeading, en, StringComparison.Ordinal);
        Assert.Contains(englishMessage, en, StringComparison.Ordinal);
        Assert.Contains("Go to your start page", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInvitationPage_FollowsTheBrowser()
    {
        var (_, token) = await InviteThroughTheApiAsync(new DateOnly(2027, 2, 23));

        var (_, es) = await GetAsync($"/invitations/{token}", "es");
        var (_, en) = await GetAsync($"/invitations/{token}", null);

        Assert.Contains("<h1>Tiene una invitación para ayudar como cuidador</h1>", es, StringComparison.Ordinal);
        Assert.Contains("Una persona atendida por un equipo de CIPN Care invitó a <strong>", es, StringComparison.Ordinal);
        Assert.Contains("</strong> a ver su expediente de síntomas de los nervios, hasta el 23 feb 2027.</p>", es, StringComparison.Ordinal);
        Assert.Contains("Cree su cuenta de cuidador", es, StringComparison.Ordinal);
        Assert.Contains("Al menos 12 caracteres, con una letra mayúscula, una letra minúscula y un número.", es, StringComparison.Ordinal);
        Assert.Contains("<h1>You are invited to help as a carer</h1>", en, StringComparison.Ordinal);
        Assert.Contains("</strong> to see their nerve-symptom record, until 23 Feb 2027.</p>", en, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"hint\" id=\"password-hint\">{PasswordRules.Hint}</p>", en, StringComparison.Ordinal);
        Assert.Contains("</a>, then come back to this link.</p>", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACarerWhoSignsUpOnASpanishInvitationPage_HearsSpanish_AndTheirAccountKeepsIt()
    {
        var (email, token) = await InviteThroughTheApiAsync(null);
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add("Accept-Language", "es");

        var weak = await HtmlForms.SubmitAsync(browser, $"/invitations/{token}", "register", [new("displayName", "Ana"), new("password", "corta")], Ct);
        var created = await HtmlForms.SubmitAsync(browser, $"/invitations/{token}", "register", [new("displayName", "Ana"), new("password", Strong)], Ct);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var html = await TextAsync(weak);
        Assert.Contains("<h2 id=\"error-summary-title\">Hay un problema</h2>", html, StringComparison.Ordinal);
        Assert.Contains("La contraseña debe tener al menos 12 caracteres.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("es", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Language).SingleAsync(Ct)));
    }

    [Fact]
    public async Task SigningIn_WithAMistake_IsExplainedInSpanish()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        using var spanish = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        spanish.DefaultRequestHeaders.Add("Accept-Language", "es");
        using var english = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var empty = await TextAsync(await HtmlForms.SubmitAsync(spanish, "/account/login", "login", [new("Input.Email", ""), new("Input.Password", "")], Ct));
        var notAnAddress = await TextAsync(await HtmlForms.SubmitAsync(spanish, "/account/login", "login", [new("Input.Email", "not-an-address"), new("Input.Password", "x")], Ct));
        var wrong = await TextAsync(await HtmlForms.SubmitAsync(spanish, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", "Wrong-password-1")], Ct));
        var englishEmpty = await TextAsync(await HtmlForms.SubmitAsync(english, "/account/login", "login", [new("Input.Email", ""), new("Input.Password", "")], Ct));
        var englishWrong = await TextAsync(await HtmlForms.SubmitAsync(english, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", "Wrong-password-1")], Ct));

        Assert.Contains("Escriba su correo electrónico.", empty, StringComparison.Ordinal);
        Assert.Contains("Escriba su contraseña.", empty, StringComparison.Ordinal);
        Assert.Contains("Escriba un correo electrónico como nombre@example.org.", notAnAddress, StringComparison.Ordinal);
        Assert.Contains("El correo electrónico o la contraseña no son correctos, o esta cuenta no puede iniciar sesión ahora.", wrong, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"email-error\">Enter your email address.</p>", englishEmpty, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"password-error\">Enter your password.</p>", englishEmpty, StringComparison.Ordinal);
        Assert.Contains(SignInAttempt.FailureMessage, englishWrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgottenPassword_IsHandledInSpanish_OnSpanishPages()
    {
        var user = await app.CreateUserAsync(Roles.Caregiver);
        using var spanish = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        spanish.DefaultRequestHeaders.Add("Accept-Language", "es");
        using var english = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var reset = $"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token=not-the-token";

        var requested = await TextAsync(await HtmlForms.SubmitAsync(spanish, "/account/forgot-password", "forgot-password", [new("email", $"{CipnApp.Unique("nobody")}@test.cipncare.org")], Ct));
        var badAddress = await TextAsync(await HtmlForms.SubmitAsync(spanish, "/account/forgot-password", "forgot-password", [new("email", "(nope")], Ct));
        var tooShort = await TextAsync(await HtmlForms.SubmitAsync(spanish, reset, "reset-password", [new("newPassword", "short"), new("confirmPassword", "short")], Ct));
        var different = await TextAsync(await HtmlForms.SubmitAsync(spanish, reset, "reset-password", [new("newPassword", Strong), new("confirmPassword", Strong + "x")], Ct));
        var badToken = await TextAsync(await HtmlForms.SubmitAsync(spanish, reset, "reset-password", [new("newPassword", Strong), new("confirmPassword", Strong)], Ct));
        var englishShort = await TextAsync(await HtmlForms.SubmitAsync(english, reset, "reset-password", [new("newPassword", "short"), new("confirmPassword", "short")], Ct));

        Assert.Contains("Si una cuenta usa ese correo electrónico, le enviamos un enlace para elegir una contraseña nueva.", requested, StringComparison.Ordinal);
        Assert.Contains("Volver a iniciar sesión", requested, StringComparison.Ordinal);
        Assert.Contains("Escriba su correo electrónico, como nombre@example.org.", badAddress, StringComparison.Ordinal);
        Assert.Contains("La contraseña debe tener al menos 12 caracteres. La contraseña debe tener al menos un número (0-9). La contraseña debe tener al menos una letra mayúscula (A-Z).", tooShort, StringComparison.Ordinal);
        Assert.Contains("Las dos contraseñas nuevas no son iguales.", different, StringComparison.Ordinal);
        Assert.Contains("Este enlace ya venció o ya se usó. Pida uno nuevo.", badToken, StringComparison.Ordinal);
        Assert.Contains("Pedir un enlace nuevo", badToken, StringComparison.Ordinal);
        Assert.Contains("Passwords must be at least 12 characters. Passwords must have at least one digit ('0'-'9'). Passwords must have at least one uppercase ('A'-'Z').", englishShort, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/login?signedOut=true", "/account/login?signedOut=true")]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example/phish", "/")]
    public async Task TheLanguageButton_SetsTheCookie_AndGoesBackOnlyToAPageOfOurs(string returnUrl, string expected)
    {
        using var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var chosen = await ChooseAsync(browser, "/account/login", "es", returnUrl);
        var page = await TextAsync(await browser.GetAsync("/account/login", Ct));

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(expected, chosen.Headers.Location?.OriginalString);
        Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CultureCookie}=", StringComparison.Ordinal) && WebUtility.UrlDecode(c).Contains("uic=es", StringComparison.Ordinal));
        Assert.Contains("<h1>Iniciar sesión</h1>", page, StringComparison.Ordinal);

        var back = await ChooseAsync(browser, "/account/login", "en", "/account/login");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("<h1>Sign in</h1>", await TextAsync(await browser.GetAsync("/account/login", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpanishChosenWhileSignedIn_IsKeptOnTheAccount_AndFollowsThemToTheirNextSignIn()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        using var first = await HtmlForms.SignInAsync(app, user, Ct);

        var chosen = await ChooseAsync(first, "/account/security", "es", "/account/security");
        var there = await TextAsync(await first.GetAsync("/account/security", Ct));

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/account/security", chosen.Headers.Location?.OriginalString);
        Assert.Contains("<h1 id=\"security-heading\">Seguridad de acceso</h1>", there, StringComparison.Ordinal);
        Assert.Equal("es", await LanguageOfAsync(user));

        // Another device: no cookie, no Accept-Language. Signing in brings the account's language with it.
        using var fresh = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Contains("<h1>Sign in</h1>", await TextAsync(await fresh.GetAsync("/account/login", Ct)), StringComparison.Ordinal);
        var signedIn = await HtmlForms.SubmitAsync(fresh, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", user.Password)], Ct);
        var security = await TextAsync(await fresh.GetAsync("/account/security", Ct));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CultureCookie}=", StringComparison.Ordinal));
        Assert.Contains("<h1 id=\"security-heading\">Seguridad de acceso</h1>", security, StringComparison.Ordinal);
        Assert.Contains("Cambiar su contraseña", security, StringComparison.Ordinal);
        Assert.Contains("Al menos 12 caracteres, con una letra mayúscula, una letra minúscula y un número. Unas cuantas palabras seguidas son fáciles de recordar.", security, StringComparison.Ordinal);
        Assert.Contains("Desactivada: inicia sesión solo con su contraseña.", security, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePasswordResetEmail_IsInTheAccountsLanguage_WhateverThePageItWasAskedFrom()
    {
        var spanishReader = await app.CreateUserAsync(Roles.Patient);
        var englishReader = await app.CreateUserAsync(Roles.Patient);
        await SetLanguageAsync(spanishReader, "es");
        using var englishPage = app.CreateClient();
        using var spanishPage = app.CreateClient();
        spanishPage.DefaultRequestHeaders.Add("Accept-Language", "es");

        Assert.Equal(HttpStatusCode.Accepted, (await englishPage.PostAsJsonAsync("/api/auth/password-reset", new { email = spanishReader.Email }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await spanishPage.PostAsJsonAsync("/api/auth/password-reset", new { email = englishReader.Email }, Ct)).StatusCode);
        var spanish = await ResetEmailToAsync(spanishReader.Email);
        var english = await ResetEmailToAsync(englishReader.Email);

        Assert.Equal("Elija una contraseña nueva para CIPN Care", spanish.Subject);
        Assert.StartsWith($"Hola, {spanishReader.DisplayName}:\n\nAlguien (esperamos que usted) pidió elegir una contraseña nueva para su cuenta de CIPN Care.\n", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("Si usted no lo pidió, puede ignorar este correo: su contraseña no cambia.", spanish.Body, StringComparison.Ordinal);
        Assert.Matches(LinkPattern(), spanish.Body);

        Assert.Equal("Choose a new password for CIPN Care", english.Subject);
        var link = LinkPattern().Match(english.Body).Value;
        Assert.Equal($"""
            Hello {englishReader.DisplayName},

            Someone (we hope you) asked to choose a new password for your CIPN Care account.
            To choose one, open this link within an hour. It works once:

            {link}

            If you did not ask, you can ignore this email: your password stays as it is.
            If you keep getting these emails, tell your care team or your administrator.

            CIPN Care
            """.ReplaceLineEndings("\n"), english.Body);
    }

    [Fact]
    public async Task ACarerInvitation_IsInTheLanguageOfThePageItWasSentFrom()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        using var browser = await HtmlForms.SignInAsync(app, login!, Ct);
        browser.DefaultRequestHeaders.Add("Accept-Language", "es");
        var email = $"{CipnApp.Unique("carer")}@test.cipncare.org";

        await HtmlForms.SubmitAsync(browser, $"/patients/{patient}", "invite-caregiver",
            [new("email", email), new("relationship", "Hija"), new("scope", "ViewOnly"), new("accessUntil", "2027-03-04")], Ct);
        var sent = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email && m.Kind == CaregiverGrants.InvitationEmailKind, Ct));

        Assert.Equal("Invitación para ayudar como cuidador en CIPN Care", sent.Subject);
        Assert.StartsWith("Hola:\n\n", sent.Body, StringComparison.Ordinal);
        Assert.Contains($"{login!.DisplayName} le envió una invitación para ayudar a cuidar a Test en CIPN Care", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Podrá ver sus registros de síntomas de los nervios, hasta el 4 de marzo de 2027 (el último día de acceso).", sent.Body, StringComparison.Ordinal);
        Assert.Contains("abra este enlace en los próximos 14 días", sent.Body, StringComparison.Ordinal);
        Assert.Contains("llame al equipo de atención al +1 555 0100.", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACarerInvitation_FromAnEnglishPage_ReadsAsBefore()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var teamName = await app.WithDbAsync(db => db.CareTeams.Where(t => t.Id == team).Select(t => t.Name).SingleAsync(Ct));
        var email = $"{CipnApp.Unique("carer")}@test.cipncare.org";
        using var client = await app.ClientForAsync(login!);

        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email, relationship = "Son", scope = "ReportOnBehalf", accessUntil = "2027-03-04" }, Ct);
        var link = (await response.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!.Link;
        var sent = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email, Ct));

        Assert.Equal("You are invited to help as a carer in CIPN Care", sent.Subject);
        Assert.Equal($"""
            Hello,

            {login!.DisplayName} has invited you to help look after Test in CIPN Care, the service their care team ({teamName}) uses to follow nerve symptoms during and after cancer treatment.

            You will be able to see their nerve-symptom check-ins and fill them in on their behalf, until 4 March 2027 (the last day of access).

            To accept, open this link within 14 days and sign in, or create an account, with this email address:
            {link}

            If you did not expect this email, ignore it: nobody gets access until you accept.

            Please do not reply: this mailbox is not read. For anything about care, call the care team on +1 555 0100. In an emergency, call your local emergency number.
            """.ReplaceLineEndings("\n"), sent.Body);
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, string? acceptLanguage)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        var response = await client.GetAsync(path, Ct);
        return (response.StatusCode, await TextAsync(response));
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>Presses the language button on <paramref name="page"/>, with <paramref name="returnUrl"/> in its form.</summary>
    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient browser, string page, string language, string returnUrl)
    {
        var (action, values) = await HtmlForms.PrepareAsync(browser, page, "/language", [new("language", language), new("returnUrl", returnUrl)], Ct);
        using var content = new FormUrlEncodedContent(values);
        return await browser.PostAsync(action, content, Ct);
    }

    /// <summary>A view-only invitation for a new patient's carer, through the API in English; its email and token.</summary>
    private async Task<(string Email, string Token)> InviteThroughTheApiAsync(DateOnly? accessUntil)
    {
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var email = $"{CipnApp.Unique("carer")}@test.cipncare.org";
        using var client = await app.ClientForAsync(login!);
        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations",
            new { email, relationship = "Daughter", scope = "ViewOnly", accessUntil = accessUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!.Link;
        return (email, link[(link.LastIndexOf('/') + 1)..]);
    }

    private Task<string?> LanguageOfAsync(TestUser user) => app.WithDbAsync(db => db.Users.Where(u => u.Id == user.UserId).Select(u => u.Language).SingleAsync(Ct));

    private async Task SetLanguageAsync(TestUser user, string language)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = (await users.FindByIdAsync(user.UserId))!;
        account.Language = language;
        Assert.True((await users.UpdateAsync(account)).Succeeded);
    }

    private Task<OutboxMessage> ResetEmailToAsync(string email) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == AccountSecurity.ResetEmailKind && m.To == email, Ct));

    [GeneratedRegex(@"https://\S+/account/reset-password\?\S+")]
    private static partial Regex LinkPattern();
}
