namespace CipnCare.Web.Features.Audit;

/// <summary>Filters for the audit trail; every field optional. Dates are inclusive UTC days.</summary>
/// <remarks>From and To are whole days on <paramref name="Zone"/>'s calendar (UTC when not given, as the API takes them).</remarks>
public sealed record AuditFilter(Guid? PatientId, string? User, string? Action, AuditOutcome? Outcome, DateOnly? From, DateOnly? To, int Page = 1, CipnCare.Clinical.TeamZone? Zone = null, AuditSort Sort = AuditSort.Newest)
{
    public const int PageSize = 50;

    /// <summary>The most rows one CSV export carries; narrow the filters for more.</summary>
    public const int MaxExport = 50_000;
}

/// <summary>The order of the audit report.</summary>
public enum AuditSort
{
    Newest,
    Oldest,
    User,
    Action,
}
