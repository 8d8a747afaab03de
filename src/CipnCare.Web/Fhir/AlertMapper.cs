using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>An alert as a FHIR Flag (searched at /fhir/Flag and in the record export), with its priority extension.</summary>
public static class AlertMapper
{
    public const string AlertSystem = "https://cipncare.org/fhir/CodeSystem/alert";
    public const string PriorityExtension = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    public const string PrioritySystem = "http://hl7.org/fhir/flag-priority-code";

    public static Flag ToFlag(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var flag = new Flag
        {
            Id = alert.Id.ToString(),
            Meta = FhirCodes.ChangedAt(new[] { alert.RaisedAt, alert.AcknowledgedAt ?? alert.RaisedAt, alert.ResolvedAt ?? alert.RaisedAt }.Max()),
            Status = alert.Status == AlertStatus.Resolved ? Flag.FlagStatus.Inactive : Flag.FlagStatus.Active,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
            Code = new CodeableConcept(AlertSystem, Code(alert.Code), alert.Title) { Text = alert.Evidence.Replace('\n', ';') },
            Subject = new ResourceReference($"Patient/{alert.PatientId}"),
            Period = new Period(new FhirDateTime(new DateTimeOffset(alert.RaisedAt, TimeSpan.Zero)), alert.ResolvedAt is { } end ? new FhirDateTime(new DateTimeOffset(end, TimeSpan.Zero)) : null),
        };
        var (priority, display) = alert.Severity switch
        {
            AlertSeverity.Urgent => ("PH", "High priority"),
            AlertSeverity.High => ("PM", "Medium priority"),
            AlertSeverity.Routine => ("PL", "Low priority"),
        };
        flag.AddExtension(PriorityExtension, new CodeableConcept(PrioritySystem, priority, display));
        return flag;
    }

    /// <summary>The alert CodeSystem's code for a rule: kebab-case of its name ("fall-with-injury").</summary>
    public static string Code(AlertCode code) =>
        string.Concat(code.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
