using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;

namespace CipnCare.Web.Features.Audit;

/// <summary>
/// Records every access to patient data. <see cref="Add"/> stages an event in the caller's unit of work (so a
/// write and its audit commit together); <see cref="RecordAsync"/> saves it at once (reads, refusals).
/// </summary>
public sealed class AuditLog(CipnDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider clock)
{
    public AuditEvent Add(ClaimsPrincipal? user, string action, AuditOutcome outcome, Guid? patientId = null, string? detail = null, string? userName = null)
    {
        var http = httpContextAccessor.HttpContext;
        var entry = new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user?.UserId(),
            UserName = Truncate(userName ?? user?.Identity?.Name, 256),
            Role = user is null ? null : Truncate(user.RoleList(), 60),
            PatientId = patientId,
            Action = action,
            Outcome = outcome,
            IpAddress = http?.Connection.RemoteIpAddress?.ToString(),
            Endpoint = http is null ? null : Truncate($"{http.Request.Method} {RouteOf(http)}", 300),
            Detail = Truncate(detail, 1000),
        };
        db.AuditEvents.Add(entry);
        return entry;
    }

    public async Task RecordAsync(ClaimsPrincipal? user, string action, AuditOutcome outcome, Guid? patientId = null, string? detail = null, string? userName = null, CancellationToken cancellationToken = default)
    {
        Add(user, action, outcome, patientId, detail, userName);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Audits refused input (the fields named, never their values) and answers the invalid outcome to return.</summary>
    public async Task<Failure> RefuseInvalidAsync(ClaimsPrincipal user, string action, Guid? patientId, IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await RecordAsync(user, action, AuditOutcome.Invalid, patientId, string.Join("; ", errors.Keys), cancellationToken: cancellationToken);
        return Outcome.Invalid(errors);
    }

    /// <summary>
    /// The route template ("/invitations/{Token}"), never the raw path: paths carry live invitation tokens and search
    /// terms (issue #15). The patient is in <see cref="AuditEvent.PatientId"/>.
    /// </summary>
    private static string RouteOf(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { Length: > 0 } template } ? (template.StartsWith('/') ? template : "/" + template) : "(no route)";

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
