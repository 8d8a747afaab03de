using System.Security.Claims;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Audit;

public sealed record AuditResults(IReadOnlyList<AuditEvent> Events, int Total, int Page, int PageSize);

public sealed class AuditQueries(CipnDbContext db, AuditLog audit)
{
    /// <summary>Reads the trail, newest first. Reading the audit trail is itself audited.</summary>
    public async Task<AuditResults> SearchAsync(ClaimsPrincipal user, AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (filter.PatientId is { } patientId)
        {
            query = query.Where(a => a.PatientId == patientId);
        }

#pragma warning disable CA1304, CA1311, CA1862 // An expression tree EF translates to SQL lower(); culture does not apply.
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var who = filter.User.Trim().ToLowerInvariant();
            query = query.Where(a => (a.UserName != null && a.UserName.ToLower().Contains(who)) || a.UserId == filter.User.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim().ToLowerInvariant();
            query = query.Where(a => a.Action.ToLower().Contains(action));
        }

#pragma warning restore CA1304, CA1311, CA1862
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(a => a.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            var start = (filter.Zone ?? CipnCare.Clinical.TeamZone.Utc).StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = (filter.Zone ?? CipnCare.Clinical.TeamZone.Utc).StartOfDay(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        var page = Math.Max(1, filter.Page);
        var total = await query.CountAsync(cancellationToken);
        var events = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * AuditFilter.PageSize).Take(AuditFilter.PageSize)
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(user, "read audit trail", AuditOutcome.Success, filter.PatientId, $"{events.Count} of {total} events", cancellationToken: cancellationToken);
        return new(events, total, page, AuditFilter.PageSize);
    }
}
