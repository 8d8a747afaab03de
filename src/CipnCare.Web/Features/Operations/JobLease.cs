using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Operations;

/// <summary>
/// Who runs a periodic job this time, when several instances share the database: one row per job, taken by a
/// conditional UPDATE (only when the last holder's lease has run out), so each round runs once across the cluster.
/// </summary>
public sealed class JobLease
{
    public const string Reminders = "check-in-reminders";
    public const string MessageTargets = "message-reply-targets";

    public string Name { get; set; } = "";
    public DateTime HeldUntil { get; set; }
    public string? HeldBy { get; set; }

    /// <summary>True when this instance holds <paramref name="name"/> until <paramref name="now"/> + <paramref name="holdFor"/>.</summary>
    public static async Task<bool> TryTakeAsync(CipnDbContext db, string name, DateTime now, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = now + holdFor;
        return await db.JobLeases.Where(l => l.Name == name && l.HeldUntil <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.HeldUntil, until).SetProperty(l => l.HeldBy, ThisInstance.Name), cancellationToken) == 1;
    }
}
