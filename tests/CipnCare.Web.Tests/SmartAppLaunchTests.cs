using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Smart;
using CipnCare.Web.Fhir.Bulk;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace CipnCare.Web.Tests;

/// <summary>
/// SMART App Launch 2.x (issue #18): an app registered by an admin is authorized with a code and PKCE after the person
/// signs in and consents, for a launch patient; its token reaches the FHIR API only, and only what both the person
/// (PatientAccess) and the granted scopes allow; refresh tokens work until revoked.
/// </summary>
public abstract class SmartAppLaunchTests(CipnApp app)
{
    private const string Redirect = "https://app.example/callback";

    private static readonly string[] Redirects = [Redirect];

    private static readonly string[] PlainHttp = ["http://app.example/callback"];

    /// <summary>OpenIddict insists on TLS outside Development: the test client speaks https, as the site does behind its proxy.</summary>
    private static readonly Uri Https = new("https://localhost");

    private static readonly string FhirBase = "https://localhost/fhir";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_NamesTheEndpointsAndCapabilities()
    {
        using var client = app.CreateClient(new() { BaseAddress = Https });
        using var config = JsonDocument.Parse(await client.GetStringAsync("/.well-known/smart-configuration", Ct));
        var root = config.RootElement;
        Assert.Equal("https://localhost/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://localhost/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://localhost/connect/revoke", root.GetProperty("revocation_endpoint").GetString());
        Assert.Contains("S256", Strings(root.GetProperty("code_challenge_methods_supported")));
        var capabilities = Strings(root.GetProperty("capabilities"));
        Assert.Contains("launch-standalone", capabilities);
        Assert.Contains("launch-ehr", capabilities);
        Assert.Contains("permission-v2", capabilities);

        // Where SMART clients look for it: the FHIR base + /.well-known/smart-configuration.
        using var atBase = JsonDocument.Parse(await client.GetStringAsync("/fhir/.well-known/smart-configuration", Ct));
        Assert.Equal("https://localhost/connect/token", atBase.RootElement.GetProperty("token_endpoint").GetString());

        // The CapabilityStatement says the same (SMART's oauth-uris extension).
        using var metadata = JsonDocument.Parse(await client.GetStringAsync("/fhir/metadata", Ct));
        var security = metadata.RootElement.GetProperty("rest")[0].GetProperty("security");
        Assert.Equal("SMART-on-FHIR", security.GetProperty("service")[0].GetProperty("coding")[0].GetProperty("code").GetString());
        var uris = security.GetProperty("extension")[0].GetProperty("extension").EnumerateArray()
            .ToDictionary(e => e.GetProperty("url").GetString()!, e => e.GetProperty("valueUri").GetString());
        Assert.Equal("https://localhost/connect/authorize", uris["authorize"]);
        Assert.Equal("https://localhost/connect/token", uris["token"]);

        // The keys that verify its tokens.
        using var keys = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks", Ct));
        Assert.NotEmpty(keys.RootElement.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task StandaloneLaunch_PatientSeesOnlyTheirOwnRecord()
    {
        var team = await app.CreateTeamAsync();
        var (own, login) = await app.CreatePatientAsync(team);
        var (other, _) = await app.CreatePatientAsync(team);
        var clientId = await RegisterAsync();
        using var browser = await SignInAsync(login!);

        var consent = await ConsentPageAsync(browser, clientId, "launch/patient openid fhirUser patient/*.rs");
        Assert.Contains("Allow Test SMART app to use CIPN Care?", consent.Html, StringComparison.Ordinal);
        Assert.Contains("Read all the health information of the selected patient", consent.Html, StringComparison.Ordinal);
        var code = await AllowAsync(browser, consent.Url, own);
        var token = await ExchangeAsync(clientId, code);
        Assert.Equal(own.ToString(), token.GetProperty("patient").GetString());
        Assert.Equal("launch/patient openid fhirUser patient/*.rs", token.GetProperty("scope").GetString());
        Assert.True(token.TryGetProperty("id_token", out _));
        Assert.False(token.TryGetProperty("refresh_token", out _)); // no offline_access asked

        using var fhir = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await fhir.GetAsync($"/fhir/Patient/{own}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fhir.GetAsync($"/fhir/Observation?patient={own}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fhir.GetAsync($"/fhir/Patient/{other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fhir.GetAsync($"/fhir/Observation?patient={other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fhir.PostAsync("/fhir/Observation", FhirTesting.Content("{\"resourceType\":\"Observation\"}"), Ct)).StatusCode);

        // The token is for the FHIR API only.
        Assert.Equal(HttpStatusCode.Forbidden, (await fhir.GetAsync($"/api/patients/{own}", Ct)).StatusCode);

        var audit = await app.AuditForPatientAsync(own);
        Assert.Contains(audit, a => a.Action == "authorize SMART app" && a.Outcome == AuditOutcome.Success && a.Detail!.StartsWith(clientId, StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action.Contains("(FHIR)", StringComparison.Ordinal) && a.UserId == login!.UserId);
    }

    [Fact]
    public async Task EhrLaunch_ScopesNarrowWhatTheClinicianMaySee_NeverWiden()
    {
        var team = await app.CreateTeamAsync();
        var otherTeam = await app.CreateTeamAsync();
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var (launched, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (colleague, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (stranger, _) = await app.CreatePatientAsync(otherTeam, withLogin: false);
        var clientId = await RegisterAsync(launchUri: "https://app.example/launch");
        using var browser = await SignInAsync(clinician);

        // The clinician opens the app from the patient's page: the app gets the FHIR base and an opaque launch.
        Assert.Contains($"href=\"/connect/launch/{clientId}?patient={launched}\"", await browser.GetStringAsync($"/patients/{launched}", Ct), StringComparison.Ordinal);
        var start = await browser.GetAsync($"/connect/launch/{clientId}?patient={launched}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var launchUrl = start.Headers.Location!;
        Assert.StartsWith("https://app.example/launch?iss=", launchUrl.ToString(), StringComparison.Ordinal);
        var launchQuery = QueryHelpers.ParseQuery(launchUrl.Query);
        Assert.Equal(FhirBase, launchQuery["iss"].ToString());

        var consent = await ConsentPageAsync(browser, clientId, "launch patient/Observation.rs", launchQuery["launch"]);
        Assert.Contains("For the record of <strong>Test ", consent.Html, StringComparison.Ordinal);
        var token = await ExchangeAsync(clientId, await AllowAsync(browser, consent.Url, launched));
        Assert.Equal(launched.ToString(), token.GetProperty("patient").GetString());

        using (var narrow = Bearer(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await narrow.GetAsync($"/fhir/Observation?patient={launched}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync($"/fhir/Observation?patient={colleague}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync($"/fhir/Patient/{launched}", Ct)).StatusCode); // no Patient scope

            // Routing ignores case; so does the scope check.
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync("/FHIR/Patient", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync($"/Fhir/patient/{colleague}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync($"/fhir/Patient/{launched}/$EVERYTHING", Ct)).StatusCode);

            // A patient/ scope is no licence to export a population.
            using var kickOff = BulkExportTesting.KickOff("/fhir/$export");
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.SendAsync(kickOff, Ct)).StatusCode);
        }

        // A patient/ scope is about the launch patient: it cannot register someone else.
        var writer = await AuthorizeAsync(browser, clientId, "launch/patient patient/*.cruds", launched);
        using (var write = Bearer(writer))
        {
            var created = await write.PostAsync("/fhir/Patient", FhirTesting.Content("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Nobody\"}]}"), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        }

        // user/ scopes reach the clinician's own patients, and no one else's.
        var wide = await AuthorizeAsync(browser, clientId, "user/Observation.rs user/Patient.rs", patient: null);
        using var user = Bearer(wide);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"/fhir/Observation?patient={colleague}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"/fhir/Patient/{colleague}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"/fhir/Patient/{stranger}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"/fhir/Flag?patient={colleague}", Ct)).StatusCode); // no Flag scope

        // In bulk too: the clinician's own patients, the scoped types only; another app of theirs cannot read the export.
        using (var flags = BulkExportTesting.KickOff("/fhir/$export?_type=Flag"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await user.SendAsync(flags, Ct)).StatusCode);
        }

        var manifest = await BulkExportTesting.ManifestAsync(user, await BulkExportTesting.StartAsync(user, "/fhir/$export", Ct), Ct);
        Assert.Equal(["Patient"], manifest.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()).Distinct()); // no check-ins yet: no Observations
        var exported = (await BulkExportTesting.LinesAsync(user, manifest, "Patient", Ct)).Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { launched.ToString(), colleague.ToString() }.Order(), exported.Order());
        using var cookie = await SignInAsync(clinician);
        var file = manifest.GetProperty("output")[0].GetProperty("url").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await cookie.GetAsync(file, Ct)).StatusCode); // the export is the app's, not the browser's
    }

    [Fact]
    public async Task AuthorizationRefuses_WithoutPkce_ForAnotherServer_AndWhenDeclined()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clientId = await RegisterAsync();
        using var browser = await SignInAsync(login!);

        var noPkce = await browser.GetAsync($"/connect/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&scope=launch%2Fpatient&state=s1&aud={Uri.EscapeDataString(FhirBase)}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPkce.StatusCode); // refused here: no code is ever issued without a challenge
        Assert.Null(noPkce.Headers.Location);

        var wrongAud = await browser.GetAsync(AuthorizeUrl(clientId, "launch/patient patient/*.rs", Challenge(NewVerifier()), aud: "https://elsewhere.example/fhir"), Ct);
        Assert.Equal("invalid_request", ErrorAtRedirect(wrongAud));

        var consent = await ConsentPageAsync(browser, clientId, "launch/patient patient/*.rs");
        var declined = await HtmlForms.SubmitAsync(browser, consent.Url, "smart-consent", [new("answer", "decline")], Ct);
        var back = await browser.GetAsync(declined.Headers.Location, Ct);
        Assert.Equal("access_denied", ErrorAtRedirect(back));

        // A consent is worth nothing to another request: with a different PKCE challenge the person is asked again.
        var consentAgain = await ConsentPageAsync(browser, clientId, "launch/patient patient/*.rs");
        var given = await HtmlForms.SubmitAsync(browser, consentAgain.Url, "smart-consent", [new("answer", "allow"), new("patient", patient.ToString())], Ct);
        var replayed = given.Headers.Location!.ToString().Replace(Challenge(_verifier), Challenge(NewVerifier()), StringComparison.Ordinal);
        var asked = await browser.GetAsync(replayed, Ct);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.StartsWith("/connect/consent?", asked.Headers.Location!.ToString(), StringComparison.Ordinal);

        // A code cannot be redeemed without the verifier that made its challenge.
        var code = await AllowAsync(browser, (await ConsentPageAsync(browser, clientId, "launch/patient patient/*.rs")).Url, patient);
        using var http = app.CreateClient(new() { BaseAddress = Https });
        var stolen = await http.PostAsync("/connect/token", Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect), ("client_id", clientId), ("code_verifier", NewVerifier())), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal("invalid_grant", (await stolen.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task RefreshTokens_WorkUntilRevoked_AndRevocationEndsTheAccessToken()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clientId = await RegisterAsync();
        using var browser = await SignInAsync(login!);
        var token = await AuthorizeAsync(browser, clientId, "launch/patient patient/*.rs offline_access", patient);
        var refresh = token.GetProperty("refresh_token").GetString()!;

        using var http = app.CreateClient(new() { BaseAddress = Https });
        var renewed = await http.PostAsync("/connect/token", Form(("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", clientId)), Ct);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var second = await renewed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(patient.ToString(), second.GetProperty("patient").GetString());
        using var fhir = Bearer(second);
        Assert.Equal(HttpStatusCode.OK, (await fhir.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);

        var revoked = await http.PostAsync("/connect/revoke", Form(("token", second.GetProperty("refresh_token").GetString()!), ("token_type_hint", "refresh_token"), ("client_id", clientId)), Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var again = await http.PostAsync("/connect/token", Form(("grant_type", "refresh_token"), ("refresh_token", second.GetProperty("refresh_token").GetString()!), ("client_id", clientId)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fhir.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);

        // Dead tokens are pruned in time; a live authorization of the same app is not touched.
        var live = await AuthorizeAsync(browser, clientId, "launch/patient patient/*.rs offline_access", patient);
        Task<int> TokensAsync() => app.WithDbAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().CountAsync(t => t.Application!.ClientId == clientId));
        var before = await TokensAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var (pruned, _) = await SmartPruning.PruneAsync(scope.ServiceProvider, TimeProvider.System.GetUtcNow().AddDays(1), Ct);
        Assert.True(pruned > 0);
        Assert.InRange(await TokensAsync(), 1, before - 1);
        var stillWorks = await http.PostAsync("/connect/token", Form(("grant_type", "refresh_token"), ("refresh_token", live.GetProperty("refresh_token").GetString()!), ("client_id", clientId)), Ct);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task AChangedPassword_EndsTheAppsAccess()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clientId = await RegisterAsync();
        using var browser = await SignInAsync(login!);
        var token = await AuthorizeAsync(browser, clientId, "launch/patient patient/*.rs", patient);
        using var fhir = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await fhir.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(login!.UserId))!);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await fhir.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Registration_IsForAdmins_AndRefusesUnsafeRedirects()
    {
        var clinician = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());
        using var asClinician = await app.ClientForAsync(clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await asClinician.PostAsJsonAsync("/api/admin/smart-apps", new { name = "X", kind = "Public", redirectUris = Redirects }, Ct)).StatusCode);

        using var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var unsafeRedirect = await admin.PostAsJsonAsync("/api/admin/smart-apps", new { name = "X", kind = "Public", redirectUris = PlainHttp }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unsafeRedirect.StatusCode);
        Assert.Contains("redirectUris", await unsafeRedirect.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var confidential = await admin.PostAsJsonAsync("/api/admin/smart-apps", new { name = "Server app", kind = "Confidential", redirectUris = Redirects }, Ct);
        Assert.Equal(HttpStatusCode.Created, confidential.StatusCode);
        var created = await confidential.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(created.GetProperty("clientSecret").GetString()!.Length >= 40);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/smart-apps", Ct);
        var app1 = listed.EnumerateArray().Single(a => a.GetProperty("clientId").GetString() == created.GetProperty("clientId").GetString());
        Assert.Equal(JsonValueKind.Null, app1.GetProperty("clientSecret").ValueKind); // shown once, never listed
    }

    [Fact]
    public async Task BackendService_SignsWithItsRegisteredKey_AndReadsOnlyItsTeamsPatients()
    {
        var team = await app.CreateTeamAsync();
        var (mine, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (theirs, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        using var key = RSA.Create(2048);
        var clientId = CipnApp.Unique("registry");
        using (var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin)))
        {
            var noTeam = await admin.PostAsJsonAsync("/api/admin/smart-apps", new { clientId, name = "Registry", kind = "Backend", jwks = Jwks(key) }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, noTeam.StatusCode);
            Assert.Contains("careTeamId", await noTeam.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            var registered = await admin.PostAsJsonAsync("/api/admin/smart-apps", new { clientId, name = "Registry", kind = "Backend", jwks = Jwks(key), careTeamId = team }, Ct);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var http = app.CreateClient(new() { BaseAddress = Https });
        var issued = await http.PostAsync("/connect/token", BackendForm(clientId, key, "system/Patient.rs system/Observation.rs"), Ct);
        var body = await issued.Content.ReadAsStringAsync(Ct);
        Assert.True(issued.StatusCode == HttpStatusCode.OK, $"{(int)issued.StatusCode}: {body}");
        var token = JsonDocument.Parse(body).RootElement;
        Assert.False(token.TryGetProperty("refresh_token", out _));
        Assert.Equal("system/Patient.rs system/Observation.rs", token.GetProperty("scope").GetString());

        using var service = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync($"/fhir/Patient/{mine}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync($"/fhir/Observation?patient={mine}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync($"/fhir/Patient/{theirs}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync($"/fhir/Flag?patient={mine}", Ct)).StatusCode);
        var audit = await app.AuditForPatientAsync(mine);
        Assert.Contains(audit, a => a.UserName!.Contains(clientId, StringComparison.Ordinal) && a.Outcome == AuditOutcome.Success);

        // In bulk: its team's patients only, and only the types its scopes allow.
        using (var flags = BulkExportTesting.KickOff("/fhir/Group/" + team + "/$export?_type=Flag"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await service.SendAsync(flags, Ct)).StatusCode);
        }

        using (var otherTeam = BulkExportTesting.KickOff($"/fhir/Group/{await app.CreateTeamAsync()}/$export"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await service.SendAsync(otherTeam, Ct)).StatusCode);
        }

        var manifest = await BulkExportTesting.ManifestAsync(service, await BulkExportTesting.StartAsync(service, "/fhir/$export", Ct), Ct);
        Assert.Equal(mine.ToString(), Assert.Single(await BulkExportTesting.LinesAsync(service, manifest, "Patient", Ct)).GetProperty("id").GetString());
        Assert.Contains(await app.AuditForPatientAsync(mine), a => a.Action == BulkExportRunner.PatientAction && a.UserName!.Contains(clientId, StringComparison.Ordinal));
        Assert.DoesNotContain(await app.AuditForPatientAsync(theirs), a => a.Action == BulkExportRunner.PatientAction);

        // Another key, or writing scopes only: nothing.
        using var stranger = RSA.Create(2048);
        var forged = await http.PostAsync("/connect/token", BackendForm(clientId, stranger, "system/Patient.rs"), Ct);
        Assert.Equal("invalid_client", (await forged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        var writing = await http.PostAsync("/connect/token", BackendForm(clientId, key, "system/Patient.cud"), Ct);
        Assert.Equal("invalid_scope", (await writing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    /// <summary>
    /// An administrator removes an app (a leaked key, a lost device, an app no longer used): the access tokens it holds stop
    /// working at once — a person's app and a backend service's, which has no consent to revoke — and it can get no new one.
    /// </summary>
    [Fact]
    public async Task RemovingAnApp_EndsEveryTokenItHolds_AtOnce_AndItGetsNoNewOne()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clientId = await RegisterAsync();
        using var browser = await SignInAsync(login!);
        var token = await AuthorizeAsync(browser, clientId, "launch/patient patient/*.rs offline_access", patient);
        using var fhir = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await fhir.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);

        using var key = RSA.Create(2048);
        var serviceId = CipnApp.Unique("registry");
        using var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/smart-apps", new { clientId = serviceId, name = "Registry", kind = "Backend", jwks = Jwks(key), careTeamId = team }, Ct)).StatusCode);
        using var http = app.CreateClient(new() { BaseAddress = Https });
        var issued = await http.PostAsync("/connect/token", BackendForm(serviceId, key, "system/Patient.rs"), Ct);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        using var service = Bearer(await issued.Content.ReadFromJsonAsync<JsonElement>(Ct));
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);
        await BulkExportTesting.StartAsync(service, "/fhir/$export", Ct); // an export of its team's patients, under way
        Task<int> ExportsAsync() => app.WithDbAsync(db => db.BulkExportJobs.CountAsync(j => j.Owner == $"client:{serviceId}", Ct));
        Assert.Equal(1, await ExportsAsync());

        using (var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await clinician.DeleteAsync($"/api/admin/smart-apps/{clientId}", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/smart-apps/{clientId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/smart-apps/{serviceId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/admin/smart-apps/{clientId}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await fhir.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.GetAsync($"/fhir/Patient/{patient}", Ct)).StatusCode);
        Assert.Equal(0, await ExportsAsync()); // its export ended with it: an app registered later under the same id finds none
        var refreshed = await http.PostAsync("/connect/token", Form(("grant_type", "refresh_token"), ("refresh_token", token.GetProperty("refresh_token").GetString()!), ("client_id", clientId)), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode); // RFC 6749 §5.2: an unknown client
        Assert.Equal("invalid_client", (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        var again = await http.PostAsync("/connect/token", BackendForm(serviceId, key, "system/Patient.rs"), Ct);
        Assert.Equal("invalid_client", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        var authorize = await browser.GetAsync(AuthorizeUrl(clientId, "launch/patient patient/*.rs", Challenge(NewVerifier())), Ct);
        Assert.False(authorize.Headers.Location?.ToString().StartsWith("/connect/consent", StringComparison.Ordinal) ?? false, "a removed app reached the consent screen");

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/smart-apps", Ct);
        Assert.DoesNotContain(listed.EnumerateArray(), a => a.GetProperty("clientId").GetString() is { } id && (id == clientId || id == serviceId));
        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "remove SMART app").Select(e => e.Detail!).ToListAsync(Ct));
        Assert.Contains(audited, d => d.StartsWith($"{clientId} (Public): Test SMART app", StringComparison.Ordinal));
        Assert.Contains($"{serviceId} (Backend): Registry; 1 bulk export(s) ended", audited);
    }

    /// <summary>The administrator's page: the apps listed, one registered from the form (its secret shown once), one removed after a confirmation.</summary>
    [Fact]
    public async Task TheAdminPage_ListsRegistersAndRemovesApps()
    {
        var clientId = await RegisterAsync();
        var admin = await app.CreateUserAsync(Roles.Admin);
        using var page = await SignInAsync(admin);
        Assert.Contains(clientId, await page.GetStringAsync("/admin/smart-apps", Ct), StringComparison.Ordinal);

        var noKind = await HtmlForms.SubmitAsync(page, "/admin/smart-apps", "register-app", [new("name", "Clinic dashboard")], Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
        Assert.Contains("Choose what kind of app it is.", await noKind.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var dashboard = CipnApp.Unique("dashboard");
        var registered = await HtmlForms.SubmitAsync(page, "/admin/smart-apps", "register-app",
            [new("name", "Clinic dashboard"), new("kind", "Confidential"), new("clientId", dashboard), new("redirectUris", "https://dashboard.example/back\nhttps://dashboard.example/again")], Ct);
        var html = await registered.Content.ReadAsStringAsync(Ct);
        Assert.True(registered.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains($"Clinic dashboard is registered as {dashboard}.", html, StringComparison.Ordinal);
        Assert.Matches("shown this once[^<]*<code class=\"link\">[A-Za-z0-9_-]{40,}</code>", html);
        var view = await FindAppAsync(dashboard);
        Assert.Equal(["https://dashboard.example/back", "https://dashboard.example/again"], view!.RedirectUris);

        var confirm = await page.GetStringAsync($"/admin/smart-apps?remove={clientId}", Ct);
        Assert.Contains("Remove Test SMART app?", confirm, StringComparison.Ordinal);
        var (action, form) = await HtmlForms.PrepareAsync(page, $"/admin/smart-apps?remove={clientId}", "remove-app", [], Ct);
        using var removed = await page.PostAsync(action, new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("Test SMART app is removed", await removed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(await FindAppAsync(clientId));
        using var clickedTwice = await page.PostAsync(action, new FormUrlEncodedContent(form), Ct); // the same form sent again
        Assert.Equal(HttpStatusCode.OK, clickedTwice.StatusCode);
        Assert.Contains($"{clientId} is no longer registered: it was removed already.", await clickedTwice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("No SMART app is registered as", await page.GetStringAsync($"/admin/smart-apps?remove={clientId}", Ct), StringComparison.Ordinal);

        using var clinician = await SignInAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var refused = await clinician.GetAsync("/admin/smart-apps", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<SmartAppView?> FindAppAsync(string clientId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SmartApps>().FindAsync(clientId, Ct);
    }

    private static string Jwks(RSA key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", kid = "service-key", use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        });
    }

    /// <summary>A client_credentials request authenticated as SMART Backend Services asks: a JWT signed with the service's key (RS384).</summary>
    private FormUrlEncodedContent BackendForm(string clientId, RSA key, string scope)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var assertion = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = "https://localhost/", // the issuer, as draft-ietf-oauth-rfc7523bis says (OpenIddict requires it)
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "service-key" }, SecurityAlgorithms.RsaSha384),
            TokenType = "client-authentication+jwt", // draft-ietf-oauth-rfc7523bis, which OpenIddict requires (docs/fhir.md)
        });
        return Form(("grant_type", "client_credentials"), ("scope", scope),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion));
    }

    private async Task<string> RegisterAsync(string? launchUri = null)
    {
        using var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var clientId = CipnApp.Unique("smart");
        var response = await admin.PostAsJsonAsync("/api/admin/smart-apps", new { clientId, name = "Test SMART app", kind = "Public", redirectUris = Redirects, launchUri }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return clientId;
    }

    private async Task<HttpClient> SignInAsync(TestUser user)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = Https });
        var response = await HtmlForms.SubmitAsync(client, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", user.Password)], Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private string _verifier = "";

    private async Task<(string Url, string Html)> ConsentPageAsync(HttpClient browser, string clientId, string scope, string? launch = null)
    {
        _verifier = NewVerifier();
        var response = await browser.GetAsync(AuthorizeUrl(clientId, scope, Challenge(_verifier), launch: launch), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.ToString();
        Assert.StartsWith("/connect/consent?", url, StringComparison.Ordinal);
        return (url, await browser.GetStringAsync(url, Ct));
    }

    /// <summary>Allows on the consent page and follows back to the app: the authorization code.</summary>
    private static async Task<string> AllowAsync(HttpClient browser, string consentUrl, Guid? patient)
    {
        List<KeyValuePair<string, string>> fields = [new("answer", "allow")];
        if (patient is { } id)
        {
            fields.Add(new("patient", id.ToString()));
        }

        var answered = await HtmlForms.SubmitAsync(browser, consentUrl, "smart-consent", fields, Ct);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var back = await browser.GetAsync(answered.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var location = back.Headers.Location!;
        Assert.StartsWith(Redirect + "?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    private async Task<JsonElement> AuthorizeAsync(HttpClient browser, string clientId, string scope, Guid? patient) =>
        await ExchangeAsync(clientId, await AllowAsync(browser, (await ConsentPageAsync(browser, clientId, scope)).Url, patient));

    private async Task<JsonElement> ExchangeAsync(string clientId, string code)
    {
        using var http = app.CreateClient(new() { BaseAddress = Https });
        var response = await http.PostAsync("/connect/token", Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect), ("client_id", clientId), ("code_verifier", _verifier)), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        return body;
    }

    private HttpClient Bearer(JsonElement token)
    {
        var client = app.CreateClient(new() { BaseAddress = Https });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    private static string AuthorizeUrl(string clientId, string scope, string challenge, string? launch = null, string aud = "https://localhost/fhir") =>
        $"/connect/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&scope={Uri.EscapeDataString(scope)}"
        + $"&state=state-1&aud={Uri.EscapeDataString(aud)}&code_challenge={challenge}&code_challenge_method=S256"
        + (launch is null ? "" : $"&launch={Uri.EscapeDataString(launch)}");

    private static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));

    private static string? ErrorAtRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Redirect, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(response.Headers.Location.Query)["error"].ToString();
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();
}

public sealed class SmartAppLaunchOnSqlite(SqliteApp app) : SmartAppLaunchTests(app), IClassFixture<SqliteApp>;

public sealed class SmartAppLaunchOnPostgres(PostgresApp app) : SmartAppLaunchTests(app), IClassFixture<PostgresApp>;
