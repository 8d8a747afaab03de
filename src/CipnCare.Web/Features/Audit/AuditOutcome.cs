namespace CipnCare.Web.Features.Audit;

public enum AuditOutcome
{
    Success,

    /// <summary>The caller may not see or change this record (403).</summary>
    Denied,

    /// <summary>No such record (404).</summary>
    NotFound,

    /// <summary>The input was refused (400/422); nothing was stored.</summary>
    Invalid,
}
