namespace CipnCare.Web.Features.Messages;

/// <summary>Up to when one person has read one thread: messages sent after it are new to them.</summary>
public sealed class MessageRead
{
    public Guid ThreadId { get; set; }
    public string UserId { get; set; } = "";
    public DateTime ReadUpTo { get; set; }
}
