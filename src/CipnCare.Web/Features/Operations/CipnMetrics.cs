using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using CipnCare.Web.Features.Accounts;

namespace CipnCare.Web.Features.Operations;

/// <summary>
/// The app's own metrics (issue #16), exported with ASP.NET Core's request metrics in Prometheus format at
/// <c>/metrics</c>: questionnaire responses stored, alerts opened by severity, emails sent and failed, and the outbox
/// depth this instance last counted. Tags carry no patient data.
/// </summary>
public sealed class CipnMetrics
{
    public const string MeterName = "CipnCare";

    /// <summary>A secret a Prometheus server sends as its bearer token (<c>Metrics:ScrapeToken</c>); admins may read the metrics too.</summary>
    public const string ScrapeTokenSetting = "Metrics:ScrapeToken";

    private readonly Counter<long> _submissions;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _mailSent;
    private readonly Counter<long> _mailFailures;
    private long _outboxDepth;

    public CipnMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _submissions = meter.CreateCounter<long>("cipncare.submissions", description: "Questionnaire responses stored (check-ins and the others), by questionnaire");
        _alerts = meter.CreateCounter<long>("cipncare.alerts.raised", description: "Alerts opened, by severity");
        _mailSent = meter.CreateCounter<long>("cipncare.mail.sent", description: "Emails handed to the mail relay");
        _mailFailures = meter.CreateCounter<long>("cipncare.mail.failures", description: "Email attempts that failed (retried later, or given up)");
        meter.CreateObservableGauge("cipncare.outbox.depth", () => Interlocked.Read(ref _outboxDepth), description: "Emails waiting to be sent, as this instance last counted");
    }

    public void Submitted(string questionnaire) => _submissions.Add(1, new KeyValuePair<string, object?>("questionnaire", questionnaire));

    public void AlertRaised(string severity) => _alerts.Add(1, new KeyValuePair<string, object?>("severity", severity));

    public void MailSent(int count) => _mailSent.Add(count);

    public void MailFailed(int count) => _mailFailures.Add(count);

    public void OutboxDepth(long waiting) => Interlocked.Exchange(ref _outboxDepth, waiting);

    /// <summary>Admins, or a request bearing the configured scrape token (compared in constant time).</summary>
    public static bool MayRead(HttpContext? http, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (http is null)
        {
            return false;
        }

        if (http.User.IsInRole(Roles.Admin))
        {
            return true;
        }

        var token = configuration[ScrapeTokenSetting];
        var sent = http.Request.Headers.Authorization.ToString();
        return !string.IsNullOrEmpty(token) && sent.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
    }
}
