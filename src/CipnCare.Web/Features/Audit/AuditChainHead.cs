namespace CipnCare.Web.Features.Audit;

/// <summary>The end of the audit chain, one row: appending locks it, so concurrent writers (and instances) chain in turn.</summary>
public sealed class AuditChainHead
{
    public const int TheOne = 1;

    public int Id { get; set; }
    public long LastSeq { get; set; }
    public string? LastHash { get; set; }
}
