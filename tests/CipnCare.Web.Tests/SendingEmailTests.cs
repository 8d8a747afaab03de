using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.Notifications;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CipnCare.Web.Tests;

/// <summary>Email leaves through the outbox to a real SMTP server on loopback, and waits and retries when the relay is down.</summary>
public abstract class SendingEmailTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DispatchResult> DispatchAsync(int port, string from = "CIPN Care <no-reply@test.cipncare.org>")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, Security = "None", From = from });
        return await new MailDispatcher(scope.ServiceProvider.GetRequiredService<CipnDbContext>(), options, scope.ServiceProvider.GetRequiredService<CipnCare.Web.Features.Operations.CipnMetrics>(), app.Clock, NullLogger<MailDispatcher>.Instance).DispatchDueAsync(Ct);
    }

    private async Task<(string Email, string Link)> InviteAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var email = $"{CipnApp.Unique("carer")}@test.cipncare.org";
        var response = await (await app.ClientForAsync(login!)).PostAsJsonAsync($"/api/patients/{patient}/caregivers/invitations", new { email, relationship = "Son", scope = "ViewOnly" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (email, (await response.Content.ReadFromJsonAsync<CaregiversApi.InvitationCreated>(CipnApp.Json, Ct))!.Link);
    }

    private Task<OutboxMessage> MessageToAsync(string email) => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email));

    [Fact]
    public async Task AnInvitation_IsEmailedThroughTheRelay_WithItsLink()
    {
        await using var smtp = await SmtpServer.StartAsync();
        Requirements.SkipUnlessAvailable(smtp.UnavailableReason);
        var (email, link) = await InviteAsync();
        var queued = await MessageToAsync(email);

        var result = await DispatchAsync(smtp.Port);

        Assert.Equal((CaregiverGrants.InvitationEmailKind, (DateTime?)null), (queued.Kind, queued.SentAt)); // written with the invitation, not yet sent
        Assert.True(result.Sent >= 1);
        var received = Assert.Single(await smtp.MessagesAsync(), m => m.To.ToString() == email);
        Assert.Equal("You are invited to help as a carer in CIPN Care", received.Subject);
        Assert.Contains(link, received.TextBody, StringComparison.Ordinal);
        Assert.Contains("see their nerve-symptom check-ins.", received.TextBody, StringComparison.Ordinal);
        Assert.Equal("no-reply@test.cipncare.org", received.From.Mailboxes.Single().Address);
        Assert.NotNull((await MessageToAsync(email)).SentAt);
    }

    [Fact]
    public async Task AMessageWhoseAddressCannotBeParsed_IsMarkedFailed_AndTheRestAreStillSent()
    {
        await using var smtp = await SmtpServer.StartAsync();
        Requirements.SkipUnlessAvailable(smtp.UnavailableReason);
        var bad = new OutboxMessage { Id = Guid.NewGuid(), Kind = "test", To = "(carer@example.org", Subject = "s", Body = "b", CreatedAt = app.Clock.GetUtcNow().UtcDateTime, NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1) };
        await app.WithDbAsync(db => { db.OutboxMessages.Add(bad); return db.SaveChangesAsync(); }); // queued before the entry check existed
        var (email, _) = await InviteAsync();

        var first = await DispatchAsync(smtp.Port);
        var again = await DispatchAsync(smtp.Port);

        Assert.True(first.Failed >= 1);
        var failed = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == bad.Id));
        Assert.Equal((1, (DateTime?)null), (failed.Attempts, failed.SentAt));
        Assert.NotNull(failed.FailedAt);
        Assert.Equal("The address cannot be parsed; the message will not be sent.", failed.LastError);
        Assert.NotNull((await MessageToAsync(email)).SentAt);
        Assert.Single(await smtp.MessagesAsync(), m => m.To.ToString() == email);
        Assert.Equal(0, again.Failed); // the failed one is not tried again
    }

    [Fact]
    public async Task AFaultOfOurs_WhileMakingAMessage_IsRecordedOnIt_AndTheRoundEndsNormally()
    {
        await using var smtp = await SmtpServer.StartAsync();
        Requirements.SkipUnlessAvailable(smtp.UnavailableReason);
        var (email, _) = await InviteAsync();

        var result = await DispatchAsync(smtp.Port, from: "(no-reply@test.cipncare.org"); // a sender address that does not parse: not an SMTP error

        var message = await MessageToAsync(email);
        Assert.True(result.Failed >= 1);
        Assert.Equal((1, (DateTime?)null, (DateTime?)null), (message.Attempts, message.SentAt, message.FailedAt)); // recorded, and tried again later
        Assert.StartsWith("ParseException", message.LastError, StringComparison.Ordinal);
        Assert.True(message.NextAttemptAt > app.Clock.GetUtcNow().UtcDateTime);
        Assert.Null(message.ClaimedUntil);
        Assert.Empty(await smtp.MessagesAsync());
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEachMessageOnce()
    {
        await using var smtp = await SmtpServer.StartAsync();
        Requirements.SkipUnlessAvailable(smtp.UnavailableReason);
        var emails = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            emails.Add((await InviteAsync()).Email);
        }

        var rounds = await Task.WhenAll(DispatchAsync(smtp.Port), DispatchAsync(smtp.Port)); // two instances' dispatchers, same outbox

        var received = (await smtp.MessagesAsync()).Select(m => m.To.ToString()).Where(emails.Contains).ToList();
        Assert.Equal(emails.Order(), received.Order()); // every one, and none twice
        Assert.True(rounds.Sum(r => r.Sent) >= emails.Count);
        var unsent = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().CountAsync(m => emails.Contains(m.To) && m.SentAt == null, Ct));
        Assert.Equal(0, unsent);
    }

    [Fact]
    public async Task TheReminderRound_IsTakenByOneInstance_UntilItsLeaseRunsOut()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime.AddYears(1); // past any lease earlier tests took
        Task<bool> TakeAsync(DateTime at) => app.WithDbAsync(db => Features.Operations.JobLease.TryTakeAsync(db, Features.Operations.JobLease.Reminders, at, TimeSpan.FromMinutes(59), Ct));

        var both = await Task.WhenAll(TakeAsync(now), TakeAsync(now));
        var beforeItEnds = await TakeAsync(now.AddMinutes(30));
        var afterItEnds = await TakeAsync(now.AddMinutes(60));

        Assert.Equal(1, both.Count(taken => taken));
        Assert.False(beforeItEnds);
        Assert.True(afterItEnds);
    }

    [Fact]
    public void ABackgroundServiceThatThrows_NeverStopsTheApp()
    {
        var host = app.Services.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value;

        Assert.Equal(Microsoft.Extensions.Hosting.BackgroundServiceExceptionBehavior.Ignore, host.BackgroundServiceExceptionBehavior);
    }

    [Fact]
    public async Task WhenTheRelayIsDown_TheMessageWaits_AndIsRetriedUntilDelivered()
    {
        var port = LocalProcesses.FreePort(); // nothing listens here yet
        var (email, _) = await InviteAsync();

        var down = await DispatchAsync(port);
        var failed = await MessageToAsync(email);
        var tooSoon = await DispatchAsync(port);
        await using var smtp = await SmtpServer.StartAsync(port);
        Requirements.SkipUnlessAvailable(smtp.UnavailableReason);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var up = await DispatchAsync(port);

        Assert.True(down.Failed >= 1);
        Assert.Equal((1, (DateTime?)null), (failed.Attempts, failed.SentAt));
        Assert.Equal(failed.CreatedAt.AddMinutes(1), failed.NextAttemptAt); // the first retry waits a minute
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.Equal(0, tooSoon.Sent + tooSoon.Failed);
        Assert.True(up.Sent >= 1);
        Assert.Single(await smtp.MessagesAsync(), m => m.To.ToString() == email);
        var delivered = await MessageToAsync(email);
        Assert.Equal((2, (string?)null), (delivered.Attempts, delivered.LastError));
    }
}

public sealed class SendingEmailOnSqlite(SqliteApp app) : SendingEmailTests(app), IClassFixture<SqliteApp>;

public sealed class SendingEmailOnPostgres(PostgresApp app) : SendingEmailTests(app), IClassFixture<PostgresApp>;
