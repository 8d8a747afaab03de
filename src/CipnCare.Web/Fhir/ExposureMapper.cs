using CipnCare.Clinical.Exposure;
using CipnCare.Web.Features.Exposure;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>Pure mapping of doses, findings and exposure to FHIR R4 (see docs/fhir.md).</summary>
public static class ExposureMapper
{
    public const string RxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string UcumSystem = "http://unitsofmeasure.org";
    public const string AcknowledgementExtension = "https://cipncare.org/fhir/StructureDefinition/dose-safety-acknowledgement";
    public const string DoseRuleSystem = "https://cipncare.org/fhir/CodeSystem/dose-safety-rule";

    public static string Ucum(DoseUnit unit) => unit switch
    {
        DoseUnit.Mg => "mg",
        DoseUnit.MgPerM2 => "mg/m2",
        DoseUnit.MgPerKg => "mg/kg",
    };

    public static DoseUnit? FromUcum(string? code) => code switch
    {
        "mg" => DoseUnit.Mg,
        "mg/m2" => DoseUnit.MgPerM2,
        "mg/kg" => DoseUnit.MgPerKg,
        _ => null,
    };

    public static CodeableConcept AgentConcept(Agent agent)
    {
        var concept = new CodeableConcept { Text = agent.Name };
        if (agent.RxNormCode is { } rxcui)
        {
            concept.Coding.Add(new Coding(RxNormSystem, rxcui, agent.Name));
        }

        concept.Coding.Add(new Coding(AgentCatalogue.AgentSystem, agent.Code, agent.Name));
        return concept;
    }

    public static Quantity Dose(double value, DoseUnit unit) =>
        new() { Value = (decimal)Math.Round(value, 4), Unit = DoseSafety.Unit(unit), System = UcumSystem, Code = Ucum(unit) };

    public static MedicationAdministration ToFhir(DoseAdministration a)
    {
        var agent = AgentCatalogue.Find(a.AgentCode)!;
        return new MedicationAdministration
        {
            Id = a.Id.ToString(),
            Meta = FhirCodes.ChangedAt(a.SupersededAt ?? a.RecordedAt),
            // A dose replaced by a correction was recorded wrongly: entered-in-error, kept for the record.
            Status = a.SupersededAt is null ? MedicationAdministration.MedicationAdministrationStatusCodes.Completed : MedicationAdministration.MedicationAdministrationStatusCodes.EnteredInError,
            Medication = AgentConcept(agent),
            Subject = new ResourceReference($"Patient/{a.PatientId}"),
            Effective = new FhirDateTime(new DateTimeOffset(a.AdministeredAt, TimeSpan.Zero)),
            Dosage = new MedicationAdministration.DosageComponent
            {
                Dose = Dose(a.Amount, a.Unit),
                Route = string.IsNullOrEmpty(a.Route) ? null : new CodeableConcept { Text = a.Route },
            },
        };
    }

    /// <summary>Reads a posted MedicationAdministration into our request; field errors name FHIR elements.</summary>
    public static (Guid? PatientId, NewAdministration Dose, Dictionary<string, string> Errors) FromFhir(MedicationAdministration m)
    {
        var errors = new Dictionary<string, string>();
        var patientId = PatientReference(m.Subject?.Reference);
        if (patientId is null)
        {
            errors["MedicationAdministration.subject"] = "subject must reference Patient/{id}.";
        }

        var codings = (m.Medication as CodeableConcept)?.Coding ?? [];
        var agent = codings.Select(c => c.System == AgentCatalogue.AgentSystem ? AgentCatalogue.Find(c.Code ?? "")
                : c.System == RxNormSystem ? AgentCatalogue.FindByRxNorm(c.Code ?? "") : null)
            .FirstOrDefault(a => a is not null);
        if (agent is null)
        {
            errors["MedicationAdministration.medication"] = $"medicationCodeableConcept must carry a known agent: an RxNorm ingredient code or a code from {AgentCatalogue.AgentSystem}.";
        }

        DateTime? at = m.Effective is FhirDateTime dt && dt.TryToDateTimeOffset(out var when) ? when.UtcDateTime : null;
        if (at is null)
        {
            errors["MedicationAdministration.effective"] = "effectiveDateTime with a time and time zone is required.";
        }

        var dose = m.Dosage?.Dose;
        var unit = FromUcum(dose?.Code);
        if (dose?.Value is null)
        {
            errors["MedicationAdministration.dosage.dose"] = "dosage.dose with a value is required.";
        }
        else if (unit is null || (dose.System is { } system && system != UcumSystem))
        {
            errors["MedicationAdministration.dosage.dose"] = "dosage.dose needs a UCUM unit: mg, mg/m2 or mg/kg.";
        }

        var reason = (m.GetExtension(AcknowledgementExtension)?.Value as FhirString)?.Value;
        var request = new NewAdministration(agent?.Code, at, dose?.Value is { } v ? (double)v : null, unit, m.Dosage?.Route?.Text,
            Acknowledge: reason is not null, AcknowledgementReason: reason);
        return (patientId, request, errors);
    }

    public const string LoincSystem = "http://loinc.org";
    public const string BodyHeightLoinc = "8302-2";
    public const string BodyWeightLoinc = "29463-7";

    /// <summary>Reads a body height (LOINC 8302-2, cm) or weight (29463-7, kg) Observation.</summary>
    public static (Guid? PatientId, NewBodyMeasurement Measurement, Dictionary<string, string> Errors) FromFhir(Observation o)
    {
        var errors = new Dictionary<string, string>();
        Guid? patientId = PatientReference(o.Subject?.Reference);
        if (patientId is null)
        {
            errors["Observation.subject"] = "subject must reference Patient/{id}.";
        }

        var loinc = o.Code?.Coding.FirstOrDefault(c => c.System == LoincSystem)?.Code;
        var quantity = o.Value as Quantity;
        double? height = null, weight = null;
        var (expectedUnit, isHeight) = loinc switch
        {
            BodyHeightLoinc => ("cm", true),
            BodyWeightLoinc => ("kg", false),
            _ => ("", false),
        };
        if (expectedUnit.Length == 0)
        {
            errors["Observation.code"] = $"Only body height (LOINC {BodyHeightLoinc}) and body weight (LOINC {BodyWeightLoinc}) are accepted.";
        }
        else if (quantity?.Value is not { } value || quantity.Code != expectedUnit)
        {
            errors["Observation.value"] = $"valueQuantity in UCUM '{expectedUnit}' is required.";
        }
        else if (isHeight)
        {
            height = (double)value;
        }
        else
        {
            weight = (double)value;
        }

        DateTime? at = o.Effective is FhirDateTime dt && dt.TryToDateTimeOffset(out var when) ? when.UtcDateTime : null;
        if (at is null)
        {
            errors["Observation.effective"] = "effectiveDateTime is required.";
        }

        return (patientId, new NewBodyMeasurement(at, height, weight), errors);
    }

    public static Guid? PatientReference(string? reference) =>
        reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id) ? id : null;

    public static DetectedIssue ToFhir(DoseFindingRecord f) => new()
    {
        Id = f.Id.ToString(),
        Meta = FhirCodes.ChangedAt(f.AcknowledgedAt),
        Status = ObservationStatus.Final,
        Code = new CodeableConcept(DoseRuleSystem, f.Rule.ToString(), f.Rule.ToString()),
        Severity = f.Severity == FindingSeverity.High ? DetectedIssue.DetectedIssueSeverity.High : DetectedIssue.DetectedIssueSeverity.Moderate,
        Patient = new ResourceReference($"Patient/{f.PatientId}"),
        Implicated = [new ResourceReference($"MedicationAdministration/{f.AdministrationId}")],
        Detail = f.Message,
        Reference = f.Source.StartsWith("http", StringComparison.Ordinal) ? f.Source : null,
        Mitigation =
        [
            new DetectedIssue.MitigationComponent
            {
                Action = new CodeableConcept { Text = "Acknowledged by clinician: " + f.AcknowledgementReason },
                DateElement = new FhirDateTime(new DateTimeOffset(f.AcknowledgedAt, TimeSpan.Zero)),
                Author = new ResourceReference { Display = "care-team clinician" },
            },
        ],
    };

    /// <summary>
    /// The <c>$neurotoxic-exposure</c> answer: <c>patient</c> first (so a patient with no doses yet still gets a
    /// Parameters that every client reads: Firely refuses one with no parameter at all), then one <c>agent</c> per agent.
    /// </summary>
    public static Parameters ToParameters(Guid patientId, ExposureSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var parameters = new Parameters();
        parameters.Parameter.Add(new() { Name = "patient", Value = new ResourceReference($"Patient/{patientId}") });
        foreach (var a in summary.Agents)
        {
            var agent = AgentCatalogue.Find(a.Code)!;
            var part = new Parameters.ParameterComponent { Name = "agent" };
            part.Part.Add(new() { Name = "code", Value = agent.RxNormCode is { } rx ? new Coding(RxNormSystem, rx, agent.Name) : new Coding(AgentCatalogue.AgentSystem, agent.Code, agent.Name) });
            part.Part.Add(new() { Name = "cumulativeDose", Value = Dose(a.CumulativeInBasis, agent.Basis) });
            part.Part.Add(new() { Name = "cumulativeDoseMg", Value = Dose(a.CumulativeMg, DoseUnit.Mg) });
            if (a.Threshold is { } threshold)
            {
                part.Part.Add(new() { Name = "threshold", Value = Dose(threshold, agent.Basis) });
                part.Part.Add(new() { Name = "percentOfThreshold", Value = new FhirDecimal((decimal)a.PercentOfThreshold!.Value) });
            }

            part.Part.Add(new() { Name = "riskBand", Value = new FhirString(a.RiskBand) });
            part.Part.Add(new() { Name = "lastDose", Value = new FhirDateTime(new DateTimeOffset(a.LastDose, TimeSpan.Zero)) });
            parameters.Parameter.Add(part);
        }

        return parameters;
    }
}
