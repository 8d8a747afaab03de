using System.Security.Claims;
using CipnCare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Audit;

public sealed record AuditResults(IReadOnlyList<AuditEvent> Events, int Total, int Page, int PageSize);

public sealed class AuditQueries(CipnDbContext db, AuditLog audit)
{
    /// <summary>Reads a page of the trail in the filter's order. Reading the audit trail is itself audited.</summary>
    public async Task<AuditResults> SearchAsync(ClaimsPrincipal user, AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filtered(filter);
        var page = Math.Max(1, filter.Page);
        var total = await query.CountAsync(cancellationToken);
        var events = await Sorted(query, filter.Sort).Skip((page - 1) * AuditFilter.PageSize).Take(AuditFilter.PageSize).ToListAsync(cancellationToken);
        await audit.RecordAsync(user, "read audit trail", AuditOutcome.Success, filter.PatientId, $"{events.Count} of {total} events", cancellationToken: cancellationToken);
        return new(events, total, page, AuditFilter.PageSize);
    }

    /// <summary>Every matching event (at most <see cref="AuditFilter.MaxExport"/>) as CSV, formula-safe; the export is audited.</summary>
    public async Task<string> ExportCsvAsync(ClaimsPrincipal user, AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var events = await Sorted(Filtered(filter), filter.Sort).Take(AuditFilter.MaxExport).ToListAsync(cancellationToken);
        var csv = new System.Text.StringBuilder("id,at_utc,user,role,patient_id,action,outcome,ip_address,endpoint,detail,seq,hash\r\n");
        foreach (var e in events)
        {
            csv.AppendJoin(',', new[]
            {
                e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                e.UserName ?? e.UserId ?? "", e.Role ?? "", e.PatientId?.ToString() ?? "", e.Action, e.Outcome.ToString(), e.IpAddress ?? "", e.Endpoint ?? "", e.Detail ?? "",
                e.Seq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", e.Hash ?? "",
            }.Select(CheckIns.CheckInCsv.Cell)).Append("\r\n");
        }

        await audit.RecordAsync(user, "export audit trail", AuditOutcome.Success, filter.PatientId, $"{events.Count} events as CSV", cancellationToken: cancellationToken);
        return csv.ToString();
    }

    private static IQueryable<AuditEvent> Sorted(IQueryable<AuditEvent> query, AuditSort sort) => sort switch
    {
        AuditSort.Newest => query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id),
        AuditSort.Oldest => query.OrderBy(a => a.At).ThenBy(a => a.Id),
        AuditSort.User => query.OrderBy(a => a.UserName).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
        AuditSort.Action => query.OrderBy(a => a.Action).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
    };

    private IQueryable<AuditEvent> Filtered(AuditFilter filter)
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

        return query;
    }
}
