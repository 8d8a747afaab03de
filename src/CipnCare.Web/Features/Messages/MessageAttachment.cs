namespace CipnCare.Web.Features.Messages;

/// <summary>A photo sent with a message: decoded and encoded again (<see cref="Photos"/>), so it keeps no metadata (place, camera, time).</summary>
public sealed class MessageAttachment
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>image/jpeg or image/png.</summary>
    public string ContentType { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public byte[] Content { get; set; } = [];
}
