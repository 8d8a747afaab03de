using CipnCare.Web.Data;
using CipnCare.Web.Features.Operations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CipnCare.Web.Features.Notifications;

public sealed record DispatchResult(int Sent, int Failed);

/// <summary>
/// Sends due outbox messages through the configured SMTP relay with MailKit. A failed message is retried later with
/// a growing wait (1, 2, 4 … minutes, at most an hour) until delivered; its last error is kept for operators. A message
/// that can never be sent (its address does not parse) is marked failed and the rest keep flowing.
/// </summary>
public sealed partial class MailDispatcher(CipnDbContext db, IOptions<MailOptions> options, CipnMetrics metrics, TimeProvider clock, ILogger<MailDispatcher> logger)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken)
    {
        metrics.OutboxDepth(await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken));
        if (!Configured)
        {
            return new(0, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMessages.Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        var due = await ClaimAsync(candidates, now, cancellationToken);
        if (due.Count == 0)
        {
            return new(0, 0);
        }

        var (sent, failed) = (0, 0);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(options.Value.Host!, options.Value.Port, Enum.Parse<SecureSocketOptions>(options.Value.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(options.Value.User))
            {
                await client.AuthenticateAsync(options.Value.User, options.Value.Password ?? "", cancellationToken);
            }

            foreach (var message in due)
            {
                try
                {
                    if (ToMime(message) is not { } mime)
                    {
                        GaveUp(message, now);
                        failed++;
                        continue;
                    }

                    await client.SendAsync(mime, cancellationToken);
                    message.SentAt = clock.GetUtcNow().UtcDateTime;
                    message.Attempts++;
                    message.LastError = null;
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException && client.IsConnected)
                {
                    // Whatever went wrong with this message (the relay refused it, or a fault of ours) is its own: it waits
                    // for its next attempt and the rest of the batch still goes, and the batch's outcomes are saved below.
                    Failed(message, e, now);
                    failed++;
                }
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var message in due.Where(m => m.SentAt is null && m.FailedAt is null && m.NextAttemptAt <= now))
            {
                Failed(message, e, now);
                failed++;
            }
        }

        foreach (var message in due)
        {
            message.ClaimedUntil = null; // sent, given up, or waiting for its next attempt: free for whichever instance comes next
        }

        await db.SaveChangesAsync(cancellationToken);
        metrics.MailSent(sent);
        metrics.MailFailed(failed);
        return new(sent, failed);
    }

    private void Failed(OutboxMessage message, Exception e, DateTime now)
    {
        message.Attempts++;
        var wait = TimeSpan.FromMinutes(Math.Pow(2, Math.Min(message.Attempts - 1, 10)));
        message.NextAttemptAt = now + (wait < MaxBackoff ? wait : MaxBackoff);
        var error = $"{e.GetType().Name}: {e.Message}";
        message.LastError = error.Length > 1000 ? error[..1000] : error;
        LogFailed(logger, message.Id, message.Attempts, e.GetType().Name);
    }


    /// <summary>
    /// Several instances share the outbox: each message is claimed by one conditional UPDATE (only if nobody holds it),
    /// so two dispatchers never send the same message. A dispatcher that dies after sending and before marking it sent
    /// lets the claim lapse, and the message goes once more (at least once, never twice at the same time).
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(List<OutboxMessage> candidates, DateTime now, CancellationToken cancellationToken)
    {
        var claimed = new List<OutboxMessage>();
        foreach (var message in candidates)
        {
            var until = now + TimeSpan.FromSeconds(options.Value.ClaimSeconds);
            var won = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.ClaimedBy, ThisInstance.Name), cancellationToken);
            if (won == 1)
            {
                // What the UPDATE wrote, as the tracked copy's stored value: releasing it later is then a change to save.
                var entry = db.Entry(message);
                entry.Property(m => m.ClaimedUntil).OriginalValue = message.ClaimedUntil = until;
                entry.Property(m => m.ClaimedBy).OriginalValue = message.ClaimedBy = ThisInstance.Name;
                claimed.Add(message);
            }
        }

        return claimed;
    }

    private void GaveUp(OutboxMessage message, DateTime now)
    {
        message.Attempts++;
        message.FailedAt = now;
        message.LastError = "The address cannot be parsed; the message will not be sent.";
        LogGaveUp(logger, message.Id);
    }

    /// <summary>The message as MIME; null when its address cannot be parsed (it never will be).</summary>
    private MimeMessage? ToMime(OutboxMessage message)
    {
        if (!MailboxAddress.TryParse(ParserOptions.Default, message.To, out var to))
        {
            return null;
        }

        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Body } };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(to);
        mime.MessageId = $"{message.Id}@cipncare";
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} cannot be sent: its address does not parse; marked failed")]
    private static partial void LogGaveUp(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} not sent (attempt {Attempts}): {Error}; will retry")]
    private static partial void LogFailed(ILogger logger, Guid id, int attempts, string error);
}

/// <summary>Runs the dispatcher at start and every few seconds while the app runs (only when a mail host is configured).</summary>
public sealed partial class MailDispatchService(IServiceScopeFactory scopes, IOptions<MailOptions> options, ILogger<MailDispatchService> logger) : PeriodicRounds(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));

    protected override bool RunAtStart => true;

    protected override string Name => "Mail dispatch round";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Host))
        {
            LogNotConfigured(Logger);
            return Task.CompletedTask;
        }

        return base.ExecuteAsync(stoppingToken);
    }

    protected override Task RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<MailDispatcher>().DispatchDueAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail:Host is not set: emails wait in the outbox until a relay is configured")]
    private static partial void LogNotConfigured(ILogger logger);
}
