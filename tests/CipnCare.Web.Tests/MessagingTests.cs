using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CipnCare.Clinical;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Messages;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.Messages;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CipnCare.Web.Tests;

/// <summary>
/// Secure messages with the care team (issue #19): who may read and write, the safety net on every patient-side message,
/// reply targets in working days, photos cleaned of metadata, notices without health details, FHIR Communication.
/// </summary>
public abstract class MessagingTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Sent(Guid ThreadId, Guid MessageId, PatientNextStep NextStep, DateTime? ReplyDueAt);

    private static async Task<Sent> SendAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<Sent>(CipnApp.Json, Ct))!;
    }

    [Fact]
    public async Task PatientAsks_TheTeamAnswers_AndOnlyThoseWhoMaySeeThePatientRead()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        using var self = await app.ClientForAsync(login!);

        var asked = await SendAsync(self, $"/api/patients/{patient}/messages", new { subject = "Socks for winter", body = "Which socks are best for my numb feet when it gets cold?" });
        Assert.Equal(PatientNextStep.Routine, asked.NextStep);
        Assert.Equal(ReplyTargets.DueAt(app.Clock.GetUtcNow().UtcDateTime, ReplyTargets.DefaultWorkingDays, TeamZone.Utc), asked.ReplyDueAt);

        using var team1 = await app.ClientForAsync(clinician);
        var threads = await team1.GetFromJsonAsync<JsonElement>($"/api/patients/{patient}/messages", Ct);
        Assert.True(threads[0].GetProperty("unread").GetBoolean());
        using (var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync())))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/messages/{asked.ThreadId}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/messages/{asked.ThreadId}", new { body = "Hello" }, Ct)).StatusCode);
        }

        using (var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin)))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/messages/{asked.ThreadId}", Ct)).StatusCode); // reads, as they may see every record
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/messages/{asked.ThreadId}", new { body = "Hello" }, Ct)).StatusCode); // but answers nothing
        }

        // A reply answers what the clinician has read: one sent without reading leaves the question waiting.
        await SendAsync(team1, $"/api/messages/{asked.ThreadId}", new { body = "Thank you, I will look at this today." });
        Assert.NotNull((await app.WithDbAsync(db => db.MessageThreads.SingleAsync(t => t.Id == asked.ThreadId, Ct))).WaitingSince);
        Assert.Equal(HttpStatusCode.OK, (await team1.GetAsync($"/api/messages/{asked.ThreadId}", Ct)).StatusCode);
        await SendAsync(team1, $"/api/messages/{asked.ThreadId}", new { body = "Try a warm foot bath before bed; we will talk about medicine at your visit." });
        var thread = await self.GetFromJsonAsync<JsonElement>($"/api/messages/{asked.ThreadId}", Ct);
        Assert.Equal(JsonValueKind.Null, thread.GetProperty("waitingSince").ValueKind);
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(3, messages.Count);
        Assert.EndsWith(", patient", messages[0].GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{clinician.DisplayName}, care team", messages[2].GetProperty("attribution").GetString());

        // The patient hears there is a reply; the email says nothing about their health.
        var email = await app.WithDbAsync(db => db.OutboxMessages.FirstAsync(m => m.Kind == SendMessage.EmailKind && m.To == login!.Email, Ct));
        Assert.Equal("You have a new message in CIPN Care", email.Subject);
        Assert.DoesNotContain("foot bath", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("socks", email.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/messages/{asked.ThreadId}", email.Body, StringComparison.Ordinal);

        var audit = await app.AuditForPatientAsync(patient);
        Assert.Contains(audit, a => a.Action == "send message" && a.UserId == login!.UserId);
        Assert.Contains(audit, a => a.Action == "list messages" && a.UserId == clinician.UserId);
        Assert.Contains(audit, a => a.Action == "send message" && a.Outcome == Features.Audit.AuditOutcome.Denied); // the outsider's and the administrator's replies
    }

    [Fact]
    public async Task Carers_WriteWhenTheyReport_AndReadOnlyWhenThePatientShares()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var reporting = await app.CreateCaregiverForAsync(patient);
        var viewing = await app.CreateCaregiverForAsync(patient);
        await app.WithDbAsync(db => db.CaregiverLinks.Where(l => l.CaregiverUserId == viewing.UserId).ExecuteUpdateAsync(u => u.SetProperty(l => l.Scope, CaregiverScope.ViewOnly), Ct));

        using var carer = await app.ClientForAsync(reporting);
        var sent = await SendAsync(carer, $"/api/patients/{patient}/messages", new { subject = "Her balance", body = "She has been unsteady on the stairs this week." });
        var thread = await carer.GetFromJsonAsync<JsonElement>($"/api/messages/{sent.ThreadId}", Ct);
        Assert.Equal($"{reporting.DisplayName}, carer, for Test", thread.GetProperty("messages")[0].GetProperty("attribution").GetString());

        using var viewer = await app.ClientForAsync(viewing);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/messages/{sent.ThreadId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/patients/{patient}/messages", Ct)).StatusCode);

        // The patient shares their messages with carers who may only view: they read, and still cannot write.
        using var browser = await HtmlForms.SignInAsync(app, login!, Ct);
        var shared = await HtmlForms.SubmitAsync(browser, $"/patients/{patient}/messages", "share", [], Ct);
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/messages/{sent.ThreadId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/messages/{sent.ThreadId}", new { body = "Me too" }, Ct)).StatusCode);

        // A carer cannot change what the patient shares.
        using var carerBrowser = await HtmlForms.SignInAsync(app, reporting, Ct);
        Assert.DoesNotContain("value=\"share\"", await carerBrowser.GetStringAsync($"/patients/{patient}/messages", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DangerInAMessage_RaisesAnUrgentAlert_AndTheSenderIsToldAtOnce()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var carerUser = await app.CreateCaregiverForAsync(patient);
        using var carer = await app.ClientForAsync(carerUser);

        var sent = await SendAsync(carer, $"/api/patients/{patient}/messages", new { subject = "About Dad", body = "He told me last night he doesn't want to live any more with this pain." });

        Assert.Equal(PatientNextStep.CrisisLine, sent.NextStep);
        var alerts = await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient).ToListAsync(Ct));
        Assert.Contains(alerts, a => (a.Code, a.Severity) == (AlertCode.SelfHarmInWords, AlertSeverity.Urgent) && a.Evidence.Contains("in a message", StringComparison.Ordinal));

        // The page after sending puts the crisis line first, not "we'll reply in 2 days".
        using var browser = await HtmlForms.SignInAsync(app, carerUser, Ct);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/messages/{sent.ThreadId}?sent={sent.NextStep}", Ct));
        var crisis = page.IndexOf("Please talk to someone now", StringComparison.Ordinal);
        Assert.InRange(crisis, 0, page.IndexOf("Messages, oldest first", StringComparison.Ordinal));
        Assert.Contains("988", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageWaitingPastTheTarget_RaisesOneAlert_AndTheReplyEndsTheWait()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        using var self = await app.ClientForAsync(login!);
        var sent = await SendAsync(self, $"/api/patients/{patient}/messages", new { subject = "Question", body = "Can I take my usual vitamins during treatment?" });

        async Task<int> RoundAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MessageTargets>().RunAsync(Ct);
        }

        Task<int> WaitingAlertsAsync() => app.WithDbAsync(db => db.Alerts.CountAsync(a => a.PatientId == patient && a.Code == AlertCode.MessageWaiting, Ct));
        await RoundAsync();
        Assert.Equal(0, await WaitingAlertsAsync()); // not yet due
        app.Clock.SetUtcNow(sent.ReplyDueAt!.Value.AddMinutes(1));
        Assert.True(await RoundAsync() >= 1); // other conversations of this shared test database may be late too
        await RoundAsync();
        Assert.Equal(1, await WaitingAlertsAsync()); // once per wait
        var waiting = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.PatientId == patient && a.Code == AlertCode.MessageWaiting, Ct));
        Assert.Equal(AlertStatus.Open, waiting.Status);

        using var team1 = await app.ClientForAsync(clinician); // signed in again: time has passed
        var worklist = await HtmlForms.SignInAsync(app, clinician, Ct);
        Assert.Contains("Question", WebUtility.HtmlDecode(await worklist.GetStringAsync("/worklist", Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await team1.GetAsync($"/api/messages/{sent.ThreadId}", Ct)).StatusCode); // read, then answered
        await SendAsync(team1, $"/api/messages/{sent.ThreadId}", new { body = "Please bring them to your next visit so we can check." });
        var thread = await app.WithDbAsync(db => db.MessageThreads.SingleAsync(t => t.Id == sent.ThreadId, Ct));
        Assert.Null(thread.WaitingSince);
        var answered = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Id == waiting.Id, Ct));
        Assert.Equal(AlertStatus.Resolved, answered.Status);
    }

    [Fact]
    public async Task AClinician_TurnsAMessageIntoACheckInRequest_OrAGoal()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        using var self = await app.ClientForAsync(login!);
        var sent = await SendAsync(self, $"/api/patients/{patient}/messages", new { subject = "Buttoning my shirt", body = "My fingers are too numb to do up buttons in the morning." });

        using var browser = await HtmlForms.SignInAsync(app, clinician, Ct);
        var asked = await HtmlForms.SubmitAsync(browser, $"/messages/{sent.ThreadId}", "check-in-request", [], Ct);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = await app.WithDbAsync(db => db.Messages.Where(m => m.ThreadId == sent.ThreadId && m.AuthorRole == Roles.Clinician).SingleAsync(Ct));
        Assert.Contains("please fill in a check-in today", request.Body, StringComparison.Ordinal);
        Assert.Null((await app.WithDbAsync(db => db.MessageThreads.SingleAsync(t => t.Id == sent.ThreadId, Ct))).WaitingSince); // answered

        var thread = WebUtility.HtmlDecode(await browser.GetStringAsync($"/messages/{sent.ThreadId}", Ct));
        Assert.Contains($"/patients/{patient}/care-plan?goal=Buttoning%20my%20shirt#new-goal", thread, StringComparison.Ordinal);
        var plan = await browser.GetStringAsync($"/patients/{patient}/care-plan?goal=Buttoning%20my%20shirt", Ct);
        Assert.Contains("value=\"Buttoning my shirt\"", plan, StringComparison.Ordinal); // the new goal starts from the message
    }

    [Fact]
    public async Task Photos_AreJpegOrPng_UpTo5MB_StoredWithoutMetadata_AndShownOnlyToThoseWhoMaySeeThePatient()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        using var self = await app.ClientForAsync(login!);
        object Message(byte[] photo) => new { subject = "A sore on my heel", body = "I found this on my heel; I did not feel it.", photoBase64 = Convert.ToBase64String(photo) };

        var svg = await self.PostAsJsonAsync($"/api/patients/{patient}/messages", Message(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.Contains("JPEG or PNG", await svg.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var huge = new byte[6 * 1024 * 1024];
        Jpeg().CopyTo(huge, 0);
        var big = await self.PostAsJsonAsync($"/api/patients/{patient}/messages", Message(huge), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("up to 5 MB", await big.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MessageThreads.AnyAsync(t => t.PatientId == patient, Ct))); // nothing stored on a refusal

        var withGps = WithGpsExif(Jpeg());
        Assert.True(Contains(withGps, "Exif"u8.ToArray()));
        var sent = await SendAsync(self, $"/api/patients/{patient}/messages", Message(withGps));
        var stored = await app.WithDbAsync(db => db.MessageAttachments.SingleAsync(a => a.PatientId == patient, Ct));
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.False(Contains(stored.Content, "Exif"u8.ToArray())); // no EXIF block, so no GPS position
        Assert.False(Contains(stored.Content, [0xFF, 0xE1])); // no APP1 segment at all
        Assert.Equal((64, 48), (stored.Width, stored.Height));

        var shown = await self.GetAsync($"/messages/photos/{stored.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/jpeg", shown.Content.Headers.ContentType?.MediaType);
        using var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/messages/photos/{stored.Id}", Ct)).StatusCode);
        Assert.Contains(await app.AuditForPatientAsync(patient), a => a.Action == "view message photo" && a.Outcome == Features.Audit.AuditOutcome.Denied);
        Assert.NotEqual(Guid.Empty, sent.MessageId);
    }

    [Fact]
    public async Task Messages_AreFhirCommunications_ForThoseWhoMayReadThem()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        using var self = await app.ClientForAsync(login!);
        var sent = await SendAsync(self, $"/api/patients/{patient}/messages", new { subject = "Shoes", body = "Which shoes are best when my feet are numb?" });
        using var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        await SendAsync(clinician, $"/api/messages/{sent.ThreadId}", new { body = "Closed, well-fitting shoes with a firm sole." });

        var bundle = await FhirTesting.ReadAsync<Hl7.Fhir.Model.Bundle>(await clinician.GetAsync($"/fhir/Communication?patient={patient}", Ct));
        Assert.Equal(2, bundle.Total);
        var reply = Assert.IsType<Hl7.Fhir.Model.Communication>(bundle.Entry[1].Resource);
        Assert.Equal("Shoes", reply.Topic!.Text);
        Assert.Equal($"Communication/{sent.MessageId}", Assert.Single(reply.InResponseTo).Reference);
        var read = await FhirTesting.ReadAsync<Hl7.Fhir.Model.Communication>(await self.GetAsync($"/fhir/Communication/{sent.MessageId}", Ct));
        Assert.Equal($"Patient/{patient}", read.Sender!.Reference);

        // A carer who may only view, without the patient's leave, sees no messages in the record either.
        var viewing = await app.CreateCaregiverForAsync(patient);
        await app.WithDbAsync(db => db.CaregiverLinks.Where(l => l.CaregiverUserId == viewing.UserId).ExecuteUpdateAsync(u => u.SetProperty(l => l.Scope, CaregiverScope.ViewOnly), Ct));
        using var viewer = await app.ClientForAsync(viewing);
        var everything = await FhirTesting.ReadAsync<Hl7.Fhir.Model.Bundle>(await viewer.GetAsync($"/fhir/Patient/{patient}/$everything", Ct));
        Assert.DoesNotContain(everything.Entry, e => e.Resource is Hl7.Fhir.Model.Communication);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/fhir/Communication?patient={patient}", Ct)).StatusCode);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(new SKColor(200, 120, 110));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with a GPS position (latitude 51° N), as a phone camera writes it.</summary>
    private static byte[] WithGpsExif(byte[] jpeg)
    {
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(BitConverter.GetBytes(8)); // IFD0 at 8
        tiff.AddRange(BitConverter.GetBytes((short)1)); // one entry: the GPS IFD pointer
        tiff.AddRange(BitConverter.GetBytes((ushort)0x8825));
        tiff.AddRange(BitConverter.GetBytes((short)4)); // LONG
        tiff.AddRange(BitConverter.GetBytes(1));
        tiff.AddRange(BitConverter.GetBytes(26)); // GPS IFD at 26
        tiff.AddRange(BitConverter.GetBytes(0)); // no next IFD
        tiff.AddRange(BitConverter.GetBytes((short)2)); // GPS IFD: latitude ref and latitude
        tiff.AddRange(BitConverter.GetBytes((short)1));
        tiff.AddRange(BitConverter.GetBytes((short)2)); // ASCII
        tiff.AddRange(BitConverter.GetBytes(2));
        tiff.AddRange("N\0\0\0"u8.ToArray());
        tiff.AddRange(BitConverter.GetBytes((short)2));
        tiff.AddRange(BitConverter.GetBytes((short)5)); // RATIONAL
        tiff.AddRange(BitConverter.GetBytes(3));
        tiff.AddRange(BitConverter.GetBytes(56)); // values at 56
        tiff.AddRange(BitConverter.GetBytes(0));
        foreach (var (numerator, denominator) in new[] { (51, 1), (30, 1), (0, 1) })
        {
            tiff.AddRange(BitConverter.GetBytes(numerator));
            tiff.AddRange(BitConverter.GetBytes(denominator));
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

public sealed class MessagingOnSqlite(SqliteApp app) : MessagingTests(app), IClassFixture<SqliteApp>;

public sealed class MessagingOnPostgres(PostgresApp app) : MessagingTests(app), IClassFixture<PostgresApp>;
