using System.Net;
using System.Net.Http.Json;
using System.Text;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CipnCare.Web.Tests;

/// <summary>Headers on every answer, and API writes only as JSON with a bearer token (issue #15, findings 6, 9, 11).</summary>
public sealed class WebSecurityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_AndApiAnswers_CarrySecurityHeaders_AndAreNeverCached()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var anonymous = app.CreateClient();

        var page = await anonymous.GetAsync("/account/login", Ct);
        var api = await clinician.GetAsync($"/api/patients/{patient}", Ct);
        var stylesheet = await anonymous.GetAsync("/app.css", Ct);

        foreach (var response in new[] { page, api })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(WebSecurity.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", WebSecurity.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri} may be cached");
        }

        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.NotEqual(true, stylesheet.Headers.CacheControl?.NoStore); // static files keep their own caching
    }

    [Fact]
    public async Task ApiWrites_WithTheSignInCookie_AreRefused_EvenWithAJsonBody()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var browser = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);

        var write = await browser.PutAsJsonAsync($"/api/patients/{patient}/schedule", new { intervalDays = 14 }, Ct);
        var fhirWrite = await browser.PostAsync("/fhir/Patient", new StringContent("""{"resourceType":"Patient"}""", Encoding.UTF8, "application/fhir+json"), Ct);
        var read = await browser.GetAsync($"/api/patients/{patient}/schedule", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (write.StatusCode, fhirWrite.StatusCode));
        Assert.Contains("bearer token", await write.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // reading with the cookie is fine
        Assert.Null(await app.WithDbAsync(db => db.ScheduleSettings.FirstOrDefaultAsync(s => s.PatientId == patient, Ct)));
    }

    [Fact]
    public async Task ApiAndFhirWrites_TakeOnlyJson()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var form = await clinician.PutAsync($"/api/patients/{patient}/schedule", new StringContent("intervalDays=14", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        var text = await clinician.PostAsync("/fhir/Patient", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct);
        var json = await clinician.PutAsync($"/api/patients/{patient}/schedule", new StringContent("""{"intervalDays":14}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.OK), (form.StatusCode, text.StatusCode, json.StatusCode));
        Assert.Contains("OperationOutcome", await text.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindTheLocalProxy_TheAuditKeepsTheClientsAddress()
    {
        var user = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var client = app.CreateClient();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = user.Email, password = user.Password }) };
        login.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(login, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signIn = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserName == user.Email && e.Action == "sign in (API)", Ct));
        Assert.Equal("203.0.113.7", signIn.IpAddress);
    }

    [Fact]
    public async Task BehindATlsProxy_TheSignInCookieIsSecure_AndHstsIsSent_ButNotOverPlainHttp()
    {
        var user = await app.CreateUserAsync(Roles.Patient);
        async Task<HttpResponseMessage> SignInAsync(bool viaTlsProxy)
        {
            var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://" + new Uri(CipnApp.PublicBaseUrl).Host) });
            if (viaTlsProxy)
            {
                client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https"); // from the machine itself: a known proxy by default
            }

            return await HtmlForms.SubmitAsync(client, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", user.Password)], Ct);
        }

        var proxied = await SignInAsync(viaTlsProxy: true);
        var plain = await SignInAsync(viaTlsProxy: false);

        string AuthCookie(HttpResponseMessage response) => response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cipncare.auth=", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (proxied.StatusCode, plain.StatusCode));
        Assert.Contains("; secure", AuthCookie(proxied), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", AuthCookie(plain), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", proxied.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void StaffMfa_IsRequiredByDefault_OutsideDevelopment()
    {
        var unset = new ConfigurationBuilder().Build();
        var off = new ConfigurationBuilder().AddInMemoryCollection([new("Security:RequireStaffMfa", "false")]).Build();
        static Microsoft.Extensions.Hosting.IHostEnvironment In(string name) => new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };

        Assert.True(TwoFactor.StaffMfaRequired(unset, In("Production")));
        Assert.True(TwoFactor.StaffMfaRequired(unset, In("Staging")));
        Assert.False(TwoFactor.StaffMfaRequired(unset, In("Development")));
        Assert.False(TwoFactor.StaffMfaRequired(off, In("Production")));
    }
}

/// <summary>A sign-in ends after eight hours without use (ONC 170.315(d)(5)); use within them keeps it going.</summary>
public sealed class SessionTimeOutTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignIn_LastsWhileUsed_AndEndsAfterEightIdleHours()
    {
        var user = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        var browser = await HtmlForms.SignInAsync(app, user, Ct);

        app.Clock.Advance(TimeSpan.FromHours(7));
        var afterSeven = await browser.GetAsync("/patients", Ct);
        app.Clock.Advance(TimeSpan.FromHours(7)); // 14 hours since signing in, 7 since last used
        var usedWithinEight = await browser.GetAsync("/patients", Ct);
        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var idle = await browser.GetAsync("/patients", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (afterSeven.StatusCode, usedWithinEight.StatusCode));
        Assert.StartsWith("/account/login", HtmlForms.RedirectPath(idle), StringComparison.Ordinal);
    }
}

/// <summary>
/// An app whose Data Protection keys are encrypted at rest with a certificate (DataProtection:CertificatePath), on an
/// empty database: the prepared one's keys were made without the certificate.
/// </summary>
public sealed class CertificateKeysApp : SqliteApp
{
    private const string CertificatePassword = "test-certificate-password";
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"cipn-keys-{Guid.NewGuid():N}.pfx");

    public CertificateKeysApp()
        : base(fromPrepared: false)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=CIPN Care test keys", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllBytes(_certificate, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, CertificatePassword));
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", _certificate);
        builder.UseSetting("DataProtection:CertificatePassword", CertificatePassword);
    }

    protected override async ValueTask CleanUpAsync()
    {
        await base.CleanUpAsync();
        File.Delete(_certificate);
    }
}

/// <summary>The keys that protect cookies and tokens are stored in the database, encrypted when a certificate is configured (ONC 170.315(d)(12)).</summary>
public sealed class KeysAtRestTests(CertificateKeysApp app) : IClassFixture<CertificateKeysApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithACertificate_TheStoredKeysAreEncrypted_AndSignInStillWorks()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Patient));

        var me = await client.GetAsync("/api/auth/me", Ct);
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("X509Data", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // the unencrypted form's element
        });
    }
}
