namespace CipnCare.Web.Features.Notifications;

/// <summary>
/// The site's mail relay (configuration section "Mail"). Without a Host, messages wait in the outbox and nothing is
/// sent; see docs/notifications.md for pointing it at a relay.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>None, StartTls (587) or SslOnConnect (465).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "CIPN Care <no-reply@cipncare.invalid>";

    /// <summary>How often the dispatcher looks for due messages.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>
    /// How long one instance's claim on a message holds (several instances): longer than a round takes, short enough
    /// that a crashed instance's messages go out soon after.
    /// </summary>
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>Messages sent per round, at most.</summary>
    public int BatchSize { get; set; } = 50;
}
