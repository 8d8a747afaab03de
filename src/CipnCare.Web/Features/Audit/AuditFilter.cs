namespace CipnCare.Web.Features.Audit;

/// <summary>Filters for the audit trail; every field optional. Dates are inclusive UTC days.</summary>
public sealed record AuditFilter(Guid? PatientId, string? User, string? Action, AuditOutcome? Outcome, DateOnly? From, DateOnly? To, int Page = 1)
{
    public const int PageSize = 50;
}
