using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CipnCare.Web.Tests;

/// <summary>An app that requires multi-factor authentication of staff, as Production does.</summary>
public sealed class StaffMfaApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RequireStaffMfa", "true");
    }
}

/// <summary>TOTP with recovery codes (ONC 170.315(d)(13), issue #15); codes are computed by an independent RFC 6238 library.</summary>
public sealed class MultiFactorTests(StaffMfaApp app) : IClassFixture<StaffMfaApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> LoginAsync(TestUser user, string? code) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password, code }, Ct);

    private static async Task<(string Secret, AuthenticatorApp Phone, MfaConfirmed Confirmed)> EnrolAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/account/mfa/enroll", null, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var enrolled = (await response.Content.ReadFromJsonAsync<MfaEnrollment>(CipnApp.Json, Ct))!;
        var phone = new AuthenticatorApp(enrolled.Secret);
        var confirmed = await client.PostAsJsonAsync("/api/account/mfa/confirm", new { code = phone.NextCode() }, Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (enrolled.Secret, phone, (await confirmed.Content.ReadFromJsonAsync<MfaConfirmed>(CipnApp.Json, Ct))!);
    }

    [Fact]
    public async Task WithMfaOn_SignInTakesTheAppsCode_OrARecoveryCodeOnce()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = await app.ClientForAsync(user);
        var start = await (await client.PostAsync("/api/account/mfa/enroll", null, Ct)).Content.ReadFromJsonAsync<MfaEnrollment>(CipnApp.Json, Ct);
        var wrongConfirm = await client.PostAsJsonAsync("/api/account/mfa/confirm", new { code = "000000" }, Ct);
        var (_, phone, confirmed) = await EnrolAsync(client);

        var noCode = await LoginAsync(user, null);
        var wrongCode = await LoginAsync(user, "123456");
        var appCode = await LoginAsync(user, phone.NextCode());
        var recovery = await LoginAsync(user, confirmed.RecoveryCodes[0]);
        var recoveryAgain = await LoginAsync(user, confirmed.RecoveryCodes[0]);
        var oldToken = await client.GetAsync("/api/auth/me", Ct);

        Assert.StartsWith($"otpauth://totp/CIPN%20Care%3A", start!.OtpauthUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongConfirm.StatusCode);
        Assert.Equal(TwoFactor.RecoveryCodeCount, confirmed.RecoveryCodes.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Equal("mfa_required", (await noCode.Content.ReadFromJsonAsync<AccountsApi.MfaRequired>(CipnApp.Json, Ct))!.Error);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (wrongCode.StatusCode, appCode.StatusCode, recovery.StatusCode, recoveryAgain.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode); // turning MFA on signs other sessions out
    }

    [Fact]
    public async Task StaffWithoutMfa_MaySetItUp_ButNothingElse_UntilTheyDo()
    {
        var team = await app.CreateTeamAsync();
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var client = await app.ClientForAsync(clinician);
        var pages = await HtmlForms.SignInAsync(app, clinician, Ct);

        var refused = await client.GetAsync("/api/patients", Ct);
        var page = await pages.GetAsync("/patients", Ct);
        var started = await HtmlForms.SubmitAsync(pages, "/account/mfa", "mfa-start", [], Ct);
        var (_, phone, _) = await EnrolAsync(client);
        var afterwards = await (await app.ClientForAsync(clinician, phone.NextCode())).GetAsync("/api/patients", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("mfa_enrollment_required", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("/account/mfa", HtmlForms.RedirectPath(page));
        var html = await started.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<svg", html, StringComparison.Ordinal); // the QR code to scan
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOld_AndMfaTurnsOffOnlyWithACode()
    {
        var user = await app.CreateUserAsync(Roles.Caregiver);
        var (secret, phone, first) = await EnrolAsync(await app.ClientForAsync(user));
        var client = await app.ClientForAsync(user, phone.NextCode());

        var renewed = await client.PostAsJsonAsync("/api/account/mfa/recovery-codes", new { code = phone.NextCode() }, Ct);
        var codes = (await renewed.Content.ReadFromJsonAsync<MfaConfirmed>(CipnApp.Json, Ct))!.RecoveryCodes;
        var oldCode = await LoginAsync(user, first.RecoveryCodes[1]);
        var newCode = await LoginAsync(user, codes[0]);
        var wrongOff = await client.PostAsJsonAsync("/api/account/mfa/disable", new { code = "000000" }, Ct);
        var off = await client.PostAsJsonAsync("/api/account/mfa/disable", new { code = codes[1] }, Ct);
        var passwordOnly = await LoginAsync(user, null);

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        Assert.Empty(codes.Intersect(first.RecoveryCodes));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (oldCode.StatusCode, newCode.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NoContent, HttpStatusCode.OK), (wrongOff.StatusCode, off.StatusCode, passwordOnly.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode); // turning it off ends other sessions
        var again = await (await app.ClientForAsync(user)).PostAsync("/api/account/mfa/enroll", null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // it can be set up afresh, with a new secret
        Assert.NotEqual(secret, (await again.Content.ReadFromJsonAsync<MfaEnrollment>(CipnApp.Json, Ct))!.Secret);
    }

    [Fact]
    public async Task Staff_CannotTurnMfaOff_WhileItIsRequired()
    {
        var clinician = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var (_, phone, _) = await EnrolAsync(await app.ClientForAsync(clinician));
        var client = await app.ClientForAsync(clinician, phone.NextCode());

        var off = await client.PostAsJsonAsync("/api/account/mfa/disable", new { code = phone.NextCode() }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, off.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(clinician, null)).StatusCode);
    }

    [Fact]
    public async Task AnAppCode_WorksOnce_AndAnOlderOneNoLonger()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var (_, phone, _) = await EnrolAsync(await app.ClientForAsync(user)); // used the code of the step before now
        var older = phone.NextCode(); // now
        var newer = phone.NextCode(); // the step after: still accepted

        var first = await LoginAsync(user, newer);
        var replayed = await LoginAsync(user, newer); // someone who saw it over a shoulder, a minute later
        var olderAfterwards = await LoginAsync(user, older); // still inside the window, but older than one used

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (first.StatusCode, replayed.StatusCode, olderAfterwards.StatusCode));
    }

    [Fact]
    public async Task TheApiAnswers_UseTheIssuesExactFieldNames()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        var client = await app.ClientForAsync(user);

        using var enrolled = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync("/api/account/mfa/enroll", null, Ct)).Content.ReadAsStringAsync(Ct));
        var secret = enrolled.RootElement.GetProperty("secret").GetString()!;
        var confirm = await client.PostAsJsonAsync("/api/account/mfa/confirm", new { code = new AuthenticatorApp(secret).NextCode() }, Ct);
        using var mfaRequired = System.Text.Json.JsonDocument.Parse(await (await LoginAsync(user, null)).Content.ReadAsStringAsync(Ct));

        Assert.Equal(["secret", "otpauthUri"], enrolled.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains(secret, enrolled.RootElement.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("mfa_required", mfaRequired.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task StaffWithoutMfa_GetTheSitesStylesheet_ButNoOtherPathByItsName()
    {
        var clinician = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var pages = await HtmlForms.SignInAsync(app, clinician, Ct);

        var setUp = await pages.GetStringAsync("/account/mfa", Ct);
        var href = System.Text.RegularExpressions.Regex.Match(setUp, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        var stylesheet = await pages.GetAsync("/" + href.TrimStart('/'), Ct);
        var namedLikeAnImage = await pages.GetAsync("/patients/chart.svg", Ct);

        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/account/mfa", HtmlForms.RedirectPath(namedLikeAnImage));
    }
}
