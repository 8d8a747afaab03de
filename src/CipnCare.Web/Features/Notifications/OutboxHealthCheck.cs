using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CipnCare.Web.Features.Notifications;

/// <summary>
/// Readiness includes the outbox backlog (issue #16): Degraded (still 200: the app works, emails wait) when a mail relay
/// is configured and messages have been due for more than <see cref="Overdue"/> — the relay is down or refusing.
/// </summary>
public sealed class OutboxHealthCheck(CipnDbContext db, IOptions<MailOptions> options, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Overdue = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - Overdue;
        var pending = await db.OutboxMessages.Where(m => m.SentAt == null && m.FailedAt == null)
            .GroupBy(_ => 1).Select(g => new { Waiting = g.Count(), Overdue = g.Count(m => m.NextAttemptAt < before) })
            .FirstOrDefaultAsync(cancellationToken);
        var (waiting, overdue) = (pending?.Waiting ?? 0, pending?.Overdue ?? 0);
        var data = new Dictionary<string, object> { ["waiting"] = waiting, ["overdue"] = overdue };
        if (string.IsNullOrWhiteSpace(options.Value.Host))
        {
            return HealthCheckResult.Healthy($"mail not configured: {waiting} emails wait in the outbox", data);
        }

        return overdue == 0
            ? HealthCheckResult.Healthy($"{waiting} emails waiting, none overdue", data)
            : HealthCheckResult.Degraded($"{overdue} emails due for more than {Overdue.TotalMinutes:0} minutes: is the mail relay reachable?", data: data);
    }
}
