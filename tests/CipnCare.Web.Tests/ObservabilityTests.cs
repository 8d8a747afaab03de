using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CipnCare.Web.Tests;

/// <summary>An app whose Prometheus server has a scrape token and whose mail relay is unreachable.</summary>
public sealed class ObservedApp : SqliteApp
{
    public const string ScrapeToken = "scrape-secret-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:ScrapeToken", ScrapeToken);
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", "1"); // nothing listens there
        builder.UseSetting("Mail:PollSeconds", "3600");
    }
}

/// <summary>Metrics in Prometheus format for admins and the scrape token (issue #16 item 7), and the outbox in readiness.</summary>
public sealed class ObservabilityTests(ObservedApp app) : IClassFixture<ObservedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ScrapeAsync()
    {
        var prometheus = app.CreateClient();
        prometheus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ObservedApp.ScrapeToken);
        var response = await prometheus.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The value of the first sample whose line starts with <paramref name="name"/> and contains every label given; 0 when absent.</summary>
    private static double Sample(string metrics, string name, params string[] labels) =>
        metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();

    [Fact]
    public async Task Metrics_AreForAdminsAndTheScrapeToken_Only()
    {
        var team = await app.CreateTeamAsync();
        var (_, patient) = await app.CreatePatientAsync(team);
        var wrongToken = app.CreateClient();
        wrongToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        var anonymous = await app.CreateClient().GetAsync("/metrics", Ct);
        var guessed = await wrongToken.GetAsync("/metrics", Ct);
        var asPatient = await (await app.ClientForAsync(patient!)).GetAsync("/metrics", Ct);
        var asAdmin = await (await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin))).GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asPatient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await ScrapeAsync(), StringComparison.Ordinal); // request rate and latency
    }

    [Fact]
    public async Task Metrics_CountThisInstancesRequests_NotAnotherHostsInTheSameProcess()
    {
        await using var other = new SqliteApp();
        using var otherClient = other.CreateClient();
        using var ours = app.CreateClient();
        const string live = "http_route=\"/health/live\"";
        var before = Sample(await ScrapeAsync(), "http_server_request_duration_seconds_count", live);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/health/live", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ours.GetAsync("/health/live", Ct)).StatusCode);
        var after = Sample(await ScrapeAsync(), "http_server_request_duration_seconds_count", live);

        Assert.Equal(1, after - before); // ours only; the other host's five are its own
    }

    [Fact]
    public async Task Submissions_AndAlertsBySeverity_AreCounted()
    {
        var (patientId, patient) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var client = await app.ClientForAsync(patient!);
        var before = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(client, patientId, Questionnaires.Week(1), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(client, patientId, Questionnaires.Week(1, notes: "I want to end my life"), Ct)).StatusCode);
        var after = await ScrapeAsync();

        const string checkIn = "questionnaire=\"https://cipncare.org/fhir/Questionnaire/cipn-checkin\"";
        Assert.True(Sample(after, "cipncare_submissions_total", checkIn) - Sample(before, "cipncare_submissions_total", checkIn) >= 2);
        Assert.True(Sample(after, "cipncare_alerts_raised_total", "severity=\"Urgent\"") - Sample(before, "cipncare_alerts_raised_total", "severity=\"Urgent\"") >= 1);
        Assert.Contains("cipncare_outbox_depth", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_IsDegraded_WhileEmailsAreOverdue()
    {
        var ready = await app.CreateClient().GetStringAsync("/health/ready", Ct);
        var id = await app.WithDbAsync(async db =>
        {
            var due = app.Clock.GetUtcNow().UtcDateTime - OutboxHealthCheck.Overdue - TimeSpan.FromMinutes(1);
            var message = new OutboxMessage { Id = Guid.NewGuid(), Kind = "test", To = "someone@example.org", Subject = "s", Body = "b", CreatedAt = due, NextAttemptAt = due };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        var stuck = await app.CreateClient().GetStringAsync("/health/ready", Ct);
        await app.WithDbAsync(async db =>
        {
            var message = await db.OutboxMessages.FindAsync(id);
            message!.SentAt = app.Clock.GetUtcNow().UtcDateTime;
            return await db.SaveChangesAsync();
        });
        var recovered = await app.CreateClient().GetStringAsync("/health/ready", Ct);

        Assert.Equal(("Healthy", "Degraded", "Healthy"), (ready, stuck, recovered));
    }
}
