using System.Security.Claims;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Exposure;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Exposure;

public sealed record NewBodyMeasurement(DateTime? MeasuredAt, double? HeightCm, double? WeightKg);

public sealed record NewRegimenAgent(string? AgentCode, double? Dose, DoseUnit? Unit, string? Route, double? IntervalDays, int? Cycles, int? DosesPerCycle);

public sealed record NewAdministration(string? AgentCode, DateTime? AdministeredAt, double? Amount, DoseUnit? Unit, string? Route, bool Acknowledge = false, string? AcknowledgementReason = null);

/// <summary>What was stored, and the dose-safety findings acknowledged with it (none for anything but a dose).</summary>
public sealed record Recorded(Guid Id, IReadOnlyList<DoseFinding> AcknowledgedFindings);

/// <summary>
/// What one all-or-nothing import (a transaction Bundle) knows so far, by patient: the patients the clinician was let
/// record for, and each one's exposure data with the entries the import already stored. An entry is checked exactly as
/// a single POST would check it, against the same data, without reading the access and the data again for every entry
/// (issue #17). One import's only: it holds what the import's own transaction wrote.
/// </summary>
public sealed class ImportBatch
{
    internal HashSet<Guid> Opened { get; } = [];

    internal Dictionary<Guid, ExposureData> Exposure { get; } = [];
}

/// <summary>
/// Clinicians record heights and weights, the planned regimen and each dose given. Every dose is checked by
/// the dose-safety rules; a dose with findings is stored only with an explicit acknowledgement and a reason,
/// and the findings are kept on the record with it. Each write and its audit entry commit together.
/// </summary>
public sealed class RecordExposure(CipnDbContext db, PatientAccess access, AuditLog audit, ExposureQueries queries, RaiseAlerts alerts, TimeProvider clock)
{
    public const int MaxRouteLength = 20;
    private const string OnlyClinicians = "Only the patient's care-team clinicians record treatment.";
    private const string FindingsKey = "findings";
    private static readonly IReadOnlyList<DoseFinding> NoFindings = [];

    /// <summary>The findings a dose was refused for until acknowledged (a conflict's "findings" in the API's problem).</summary>
    public static IReadOnlyList<DoseFinding> UnacknowledgedFindings(Failure? failure) =>
        failure?.Extensions.GetValueOrDefault(FindingsKey) as IReadOnlyList<DoseFinding> ?? NoFindings;

    public async Task<Outcome<Recorded>> MeasurementAsync(ClaimsPrincipal user, Guid patientId, NewBodyMeasurement input, CancellationToken cancellationToken, ImportBatch? batch = null)
    {
        if (await OpenAsync(user, patientId, "record height/weight", batch, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        var now = clock.GetUtcNow().UtcDateTime;
        CheckTime(errors, "measuredAt", "measurement", input.MeasuredAt, now);
        if (input.HeightCm is null && input.WeightKg is null)
        {
            errors["heightCm"] = "Give a height, a weight or both.";
        }

        if (input.HeightCm is { } h && h is < BodySurfaceArea.MinHeightCm or > BodySurfaceArea.MaxHeightCm)
        {
            errors["heightCm"] = $"Height must be between {BodySurfaceArea.MinHeightCm} and {BodySurfaceArea.MaxHeightCm} cm.";
        }

        if (input.WeightKg is { } w && w is < BodySurfaceArea.MinWeightKg or > BodySurfaceArea.MaxWeightKg)
        {
            errors["weightKg"] = $"Weight must be between {BodySurfaceArea.MinWeightKg} and {BodySurfaceArea.MaxWeightKg} kg.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, "record height/weight", patientId, errors, cancellationToken);
        }

        var record = new BodyMeasurementRecord
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            MeasuredAt = input.MeasuredAt!.Value.ToUniversalTime(),
            HeightCm = input.HeightCm,
            WeightKg = input.WeightKg,
            RecordedByUserId = user.RequiredUserId(),
            RecordedAt = now,
        };
        db.BodyMeasurements.Add(record);
        audit.Add(user, "record height/weight", AuditOutcome.Success, patientId);
        await db.SaveChangesAsync(cancellationToken);
        batch?.Exposure.Remove(patientId); // the next dose converts at the body sizes read again, this one with them
        return Outcome.Ok(new Recorded(record.Id, NoFindings));
    }

    public async Task<Outcome<Recorded>> PlanAsync(ClaimsPrincipal user, Guid patientId, NewRegimenAgent input, CancellationToken cancellationToken)
    {
        if (await OpenAsync(user, patientId, "plan regimen", cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        CheckAgent(errors, input.AgentCode);
        CheckDose(errors, "dose", input.Dose, input.Unit);
        CheckRoute(errors, input.Route);
        if (input.IntervalDays is not (>= 1 and <= 365))
        {
            errors["intervalDays"] = "The interval between doses must be 1 to 365 days.";
        }

        if (input.Cycles is not (>= 1 and <= 100))
        {
            errors["cycles"] = "The number of cycles must be 1 to 100.";
        }

        if (input.DosesPerCycle is { } perCycle && perCycle is < 1 or > 31)
        {
            errors["dosesPerCycle"] = "Doses per cycle must be 1 to 31.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, "plan regimen", patientId, errors, cancellationToken);
        }

        var plan = new RegimenAgent
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            AgentCode = input.AgentCode!,
            Dose = input.Dose!.Value,
            Unit = input.Unit!.Value,
            Route = input.Route?.Trim() ?? "",
            IntervalDays = input.IntervalDays!.Value,
            Cycles = input.Cycles!.Value,
            DosesPerCycle = input.DosesPerCycle ?? 1,
            RecordedByUserId = user.RequiredUserId(),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.RegimenAgents.Add(plan);
        audit.Add(user, "plan regimen", AuditOutcome.Success, patientId, $"{plan.AgentCode} plan {plan.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(new Recorded(plan.Id, NoFindings));
    }

    public Task<Outcome<Recorded>> AdministrationAsync(ClaimsPrincipal user, Guid patientId, NewAdministration input, CancellationToken cancellationToken) =>
        StoreDoseAsync(user, patientId, input, null, null, "record dose", imported: false, cancellationToken);

    /// <summary>
    /// Records a dose sent by another system (FHIR, alone or in a transaction Bundle): checked like any dose, and its
    /// acknowledged findings — which no one here saw — open a worklist alert for the team (issue #12).
    /// </summary>
    public Task<Outcome<Recorded>> ImportAdministrationAsync(ClaimsPrincipal user, Guid patientId, NewAdministration input, CancellationToken cancellationToken, ImportBatch? batch = null) =>
        StoreDoseAsync(user, patientId, input, null, null, "record dose", imported: true, cancellationToken, batch);

    /// <summary>
    /// Replaces a recorded dose with a corrected one. The original stays on the record, marked superseded, and
    /// no longer counts; the correction is checked like any dose, against the other doses.
    /// </summary>
    public Task<Outcome<Recorded>> CorrectAdministrationAsync(ClaimsPrincipal user, Guid patientId, Guid administrationId, NewAdministration input, string? reason, CancellationToken cancellationToken) =>
        StoreDoseAsync(user, patientId, input, administrationId, reason, "correct dose", imported: false, cancellationToken);

    private async Task<Outcome<Recorded>> StoreDoseAsync(ClaimsPrincipal user, Guid patientId, NewAdministration input, Guid? corrects, string? correctionReason, string action, bool imported, CancellationToken cancellationToken, ImportBatch? batch = null)
    {
        if (await OpenAsync(user, patientId, action, batch, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        var now = clock.GetUtcNow().UtcDateTime;
        CheckAgent(errors, input.AgentCode);
        CheckDose(errors, "amount", input.Amount, input.Unit);
        CheckRoute(errors, input.Route);
        CheckTime(errors, "administeredAt", "dose", input.AdministeredAt, now);
        DoseAdministration? original = null;
        if (corrects is { } originalId)
        {
            original = await db.DoseAdministrations.FirstOrDefaultAsync(a => a.Id == originalId && a.PatientId == patientId, cancellationToken);
            if (original is null)
            {
                errors["administrationId"] = "There is no such dose for this patient.";
            }
            else if (original.SupersededAt is not null)
            {
                errors["administrationId"] = "This dose was already corrected; correct the latest version.";
            }

            if (string.IsNullOrWhiteSpace(correctionReason) || correctionReason.Length > 500)
            {
                errors["correctionReason"] = "Say why the dose is being corrected (500 characters at most).";
            }
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var data = batch?.Exposure.GetValueOrDefault(patientId) ?? await queries.LoadAsync(patientId, cancellationToken);
        var given = new Administration(input.AgentCode!, input.AdministeredAt!.Value.ToUniversalTime(), input.Amount!.Value, input.Unit!.Value);
        var (converted, findings) = DoseEntry.Evaluate(given, data, data.Doses.Where(d => d.Id != corrects).Select(d => d.Dose));
        if (converted.Dose is not { } dose)
        {
            errors["administeredAt"] = string.Join(" ", converted.Problems);
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        if (findings.Count > 0 && (!input.Acknowledge || string.IsNullOrWhiteSpace(input.AcknowledgementReason)))
        {
            await audit.RecordAsync(user, action, AuditOutcome.Invalid, patientId, "dose-safety findings not acknowledged: " + string.Join(", ", findings.Select(f => f.Rule)), cancellationToken: cancellationToken);
            return Outcome.Conflict("acknowledgementReason", "This dose has safety findings. Nothing was stored. Check the dose; to record it anyway, acknowledge them and give a reason.",
                new Dictionary<string, object?> { [FindingsKey] = findings });
        }

        var reason = input.AcknowledgementReason?.Trim() ?? "";
        if (reason.Length > 500)
        {
            errors["acknowledgementReason"] = "Keep the reason to 500 characters or fewer.";
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var (record, findingRows) = DoseEntry.ToRecords(patientId, dose, input.Route ?? "", findings, user.RequiredUserId(), now, reason, corrects, correctionReason);
        db.DoseAdministrations.Add(record);
        db.DoseFindings.AddRange(findingRows);
        if (original is not null)
        {
            original.SupersededAt = now;
        }

        if (imported && AlertRules.ImportedDoseFindings(findings, record.AgentCode, given.At, record.Id) is { } alert)
        {
            // An imported dose's findings were acknowledged by the sending system, not by anyone here: the team is told (issue #12).
            await alerts.RaiseAsync(patientId, alert, cancellationToken);
        }

        audit.Add(user, action, AuditOutcome.Success, patientId, $"{record.AgentCode} dose {record.Id}"
            + (corrects is null ? "" : $" replaces {corrects}")
            + (findings.Count > 0 ? $", {findings.Count} finding(s) acknowledged" : ""));
        await db.SaveChangesAsync(cancellationToken);
        if (batch is not null)
        {
            batch.Exposure[patientId] = data.With(record, findingRows);
        }

        return Outcome.Ok(new Recorded(record.Id, findings));
    }

    /// <summary>Chooses the BSA formula for the patient's future conversions; doses already recorded keep theirs.</summary>
    public async Task<Outcome<Recorded>> FormulaAsync(ClaimsPrincipal user, Guid patientId, BsaFormula? formula, CancellationToken cancellationToken)
    {
        const string action = "choose BSA formula";
        if (await OpenAsync(user, patientId, action, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (formula is not { } chosen || !Enum.IsDefined(chosen))
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, new Dictionary<string, string> { ["bsaFormula"] = "Choose Mosteller or DuBois." }, cancellationToken);
        }

        var patient = await db.Patients.FirstAsync(p => p.Id == patientId, cancellationToken);
        patient.BsaFormula = chosen;
        audit.Add(user, action, AuditOutcome.Success, patientId, chosen.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(new Recorded(patientId, NoFindings));
    }

    private Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken cancellationToken) =>
        OpenAsync(user, patientId, action, null, cancellationToken);

    /// <summary>Null when the user may record for the patient; an import asks once per patient (an allowed Report access is not audited).</summary>
    private async Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, ImportBatch? batch, CancellationToken cancellationToken)
    {
        if (batch?.Opened.Contains(patientId) == true)
        {
            return null;
        }

        // Only clinicians record treatment; Report access limits them to their teams' patients.
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, action, cancellationToken);
        var refused = opened.Outcome switch
        {
            AccessOutcome.NotFound or AccessOutcome.Denied => opened.Refusal(OnlyClinicians),
            AccessOutcome.Allowed when !user.IsInRole(Roles.Clinician) => await DeniedAsync(),
            _ => null,
        };
        if (refused is null)
        {
            batch?.Opened.Add(patientId);
        }

        return refused;

        async Task<Failure> DeniedAsync()
        {
            await audit.RecordAsync(user, action, AuditOutcome.Denied, patientId, "only clinicians record treatment", cancellationToken: cancellationToken);
            return Outcome.Denied(OnlyClinicians);
        }
    }


    private static void CheckAgent(Dictionary<string, string> errors, string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || AgentCatalogue.Find(code) is null)
        {
            errors["agentCode"] = $"Unknown agent '{code}'. Use one of: {string.Join(", ", AgentCatalogue.All.Select(a => a.Code))}.";
        }
    }

    private static void CheckDose(Dictionary<string, string> errors, string field, double? amount, DoseUnit? unit)
    {
        if (amount is not > 0 || double.IsInfinity(amount.Value))
        {
            errors[field] = "The dose must be more than 0.";
        }

        if (unit is not { } u || !Enum.IsDefined(u))
        {
            errors["unit"] = "The unit is missing: give Mg, MgPerM2 or MgPerKg.";
        }
    }

    private static void CheckRoute(Dictionary<string, string> errors, string? route)
    {
        if (route is { Length: > MaxRouteLength })
        {
            errors["route"] = $"The route must be {MaxRouteLength} characters or fewer (IV, SC, PO…).";
        }
    }

    private static void CheckTime(Dictionary<string, string> errors, string field, string what, DateTime? at, DateTime now)
    {
        if (at is null)
        {
            errors[field] = $"The date and time of the {what} is required.";
        }
        else if (at.Value.ToUniversalTime() > now.AddMinutes(5))
        {
            errors[field] = $"The {what} date cannot be in the future.";
        }
    }
}
