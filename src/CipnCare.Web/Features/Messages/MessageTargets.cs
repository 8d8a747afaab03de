using CipnCare.Clinical.Alerts;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Operations;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Messages;

/// <summary>
/// The reply-target round (issue #19): a conversation whose patient-side message has waited past the team's target
/// raises one routine alert on the worklist (once per wait); the team's reply ends the wait.
/// </summary>
public sealed class MessageTargets(CipnDbContext db, RaiseAlerts alerts, TimeProvider clock)
{
    /// <summary>The number of alerts raised.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.MessageThreads.Where(t => t.WaitingSince != null && t.ReplyDueAt <= now && t.OverdueAlertedAt == null).ToListAsync(cancellationToken);
        foreach (var thread in overdue)
        {
            var days = await db.Patients.Where(p => p.Id == thread.PatientId).Join(db.CareTeams, p => p.CareTeamId, t => t.Id, (_, t) => t.ReplyWorkingDays).FirstAsync(cancellationToken);
            await alerts.RaiseAsync(thread.PatientId, AlertRules.MessageWaiting(thread.Id, thread.WaitingSince!.Value, thread.ReplyDueAt!.Value, days), cancellationToken);
            thread.OverdueAlertedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return overdue.Count;
    }
}

/// <summary>Runs the reply-target round every <c>Messages:CheckMinutes</c> (15 by default; 0 turns it off), once across all instances.</summary>
public sealed partial class MessageTargetService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<MessageTargetService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Messages:CheckMinutes", 15);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                if (await JobLease.TryTakeAsync(scope.ServiceProvider.GetRequiredService<CipnDbContext>(), JobLease.MessageTargets, now, TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(30), stoppingToken))
                {
                    var raised = await scope.ServiceProvider.GetRequiredService<MessageTargets>().RunAsync(stoppingToken);
                    LogRound(logger, raised);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message reply targets: {Alerts} waiting past target")]
    private static partial void LogRound(ILogger logger, int alerts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message reply-target round failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
