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
public sealed partial class MessageTargetService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<MessageTargetService> logger) : PeriodicRounds(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue("Messages:CheckMinutes", 15));

    protected override string Lease => JobLease.MessageTargets;

    protected override string Name => "Message reply-target round";

    protected override async Task RunRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var raised = await services.GetRequiredService<MessageTargets>().RunAsync(cancellationToken);
        LogRound(Logger, raised);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message reply targets: {Alerts} waiting past target")]
    private static partial void LogRound(ILogger logger, int alerts);
}
