using CipnCare.Clinical.Alerts;

namespace CipnCare.Web.Features.Alerts;

public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>What was done about an alert when it was resolved.</summary>
public enum AlertResolution
{
    CalledPatient,
    DoseModified,
    Referral,
    Education,
    NoActionNeeded,

    /// <summary>The team replied to the message that waited (issue #19): resolved by the reply itself.</summary>
    AnsweredByMessage,
}

/// <summary>
/// An alert raised by the rules for one patient, worked from open to acknowledged to resolved, each step with who and
/// when (and audited). The evidence and suggestions are kept as the rules gave them.
/// </summary>
public sealed class AlertRecord
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid CareTeamId { get; set; }
    public Guid? SourceResponseId { get; set; }
    public AlertCode Code { get; set; }
    public AlertSeverity Severity { get; set; }
    public string Title { get; set; } = "";

    /// <summary>One line of evidence per line.</summary>
    public string Evidence { get; set; } = "";

    /// <summary>Clinician suggestions, one per line, each "text — source".</summary>
    public string Suggestions { get; set; } = "";
    public PatientNextStep PatientStep { get; set; }
    public string ConditionKey { get; set; } = "";
    public string RulesVersion { get; set; } = "";
    public DateTime RaisedAt { get; set; }
    public AlertStatus Status { get; set; }
    public string? AssignedToUserId { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedByUserId { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedByUserId { get; set; }
    public AlertResolution? Resolution { get; set; }
    public string? ResolutionNote { get; set; }

    /// <summary>A new open alert for what the rules found.</summary>
    public static AlertRecord Open(Alert alert, Guid patientId, Guid careTeamId, DateTime raisedAt, Guid? sourceResponseId = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertRecord
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            CareTeamId = careTeamId,
            SourceResponseId = sourceResponseId,
            Code = alert.Code,
            Severity = alert.Severity,
            Title = alert.Title,
            Evidence = string.Join('\n', alert.Evidence),
            Suggestions = string.Join('\n', alert.Suggestions.Select(s => $"{s.Text} — {s.Source}")),
            PatientStep = alert.PatientStep,
            ConditionKey = alert.ConditionKey,
            RulesVersion = alert.RulesVersion,
            RaisedAt = raisedAt,
            Status = AlertStatus.Open,
        };
    }
}
