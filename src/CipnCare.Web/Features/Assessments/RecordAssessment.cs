using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using CipnCare.Clinical.Assessment;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Assessments;

public sealed record NewAssessment(DateOnly? VisitDate, ExamFindings? Findings);

public sealed record AssessmentEdit(ExamFindings? Findings, string? Reason);

public sealed record NewDiagnostic(string? Code, DateOnly? TakenOn, double? Value, string? Unit, double? ReferenceLow, double? ReferenceHigh, bool? ReportedAbnormal, string? Text);

/// <summary>
/// Clinicians of the patient's care team record assessments (one visit = one assessment, edited as new versions with a
/// reason) and diagnostic results. After each write the consider-another-cause check runs over the latest assessment
/// and every result; a new reason set raises a routine alert in the same transaction as the write and its audit entry.
/// </summary>
public sealed class RecordAssessment(CipnDbContext db, PatientAccess access, AuditLog audit, RaiseAlerts alerts, TimeProvider clock, LocalTimes times)
{
    public const int MaxReasonLength = 500;
    public const int MaxTextLength = 4000;

    /// <summary>How findings are stored: enums by name, so the JSON reads like the exam.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<Outcome<Guid>> CreateAsync(ClaimsPrincipal user, Guid patientId, NewAssessment input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await OpenAsync(user, patientId, "record assessment", cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = Check(input.Findings);
        var today = (await times.ForPatientAsync(patientId, cancellationToken)).Today(clock); // the team's date, not UTC's
        if (input.VisitDate is not { } date)
        {
            errors["visitDate"] = "Enter the date of the visit.";
        }
        else if (date > today)
        {
            errors["visitDate"] = "The visit date cannot be in the future.";
        }
        else if (date < today.AddYears(-20))
        {
            errors["visitDate"] = "The visit date is more than 20 years ago; check the year.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, "record assessment", patientId, errors, cancellationToken);
        }

        var row = await VersionAsync(user, patientId, Guid.CreateVersion7(), 1, input.VisitDate!.Value, input.Findings!, null, cancellationToken);
        audit.Add(user, "record assessment", AuditOutcome.Success, patientId, $"visit {row.VisitId}");
        await CheckOtherCausesAsync(patientId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(row.VisitId);
    }

    public async Task<Outcome<Guid>> EditAsync(ClaimsPrincipal user, Guid patientId, Guid visitId, AssessmentEdit input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await OpenAsync(user, patientId, "edit assessment", cancellationToken) is { } refused)
        {
            return refused;
        }

        var current = await db.AssessmentVersions.FirstOrDefaultAsync(a => a.PatientId == patientId && a.VisitId == visitId && a.SupersededAt == null, cancellationToken);
        if (current is null)
        {
            return Outcome.NotFound("There is no such assessment for this patient.");
        }

        var errors = Check(input.Findings);
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            errors["reason"] = "Say why the assessment is being changed (for example “pin-prick level corrected”).";
        }
        else if (input.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = $"The reason is at most {MaxReasonLength} characters.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, "edit assessment", patientId, errors, cancellationToken);
        }

        current.SupersededAt = clock.GetUtcNow().UtcDateTime;
        await VersionAsync(user, patientId, visitId, current.Version + 1, current.VisitDate, input.Findings!, input.Reason!.Trim(), cancellationToken);
        audit.Add(user, "edit assessment", AuditOutcome.Success, patientId, $"visit {visitId} version {current.Version + 1}");
        await CheckOtherCausesAsync(patientId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(visitId);
    }

    public async Task<Outcome<Guid>> DiagnosticAsync(ClaimsPrincipal user, Guid patientId, NewDiagnostic input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await OpenAsync(user, patientId, "record diagnostic result", cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        var test = DiagnosticCatalogue.Find(input.Code);
        if (test is null)
        {
            errors["code"] = "Choose the test.";
        }

        var today = (await times.ForPatientAsync(patientId, cancellationToken)).Today(clock); // the team's date, not UTC's
        if (input.TakenOn is not { } taken)
        {
            errors["takenOn"] = "Enter the date the test was done.";
        }
        else if (taken > today)
        {
            errors["takenOn"] = "The test date cannot be in the future.";
        }

        if (input.Value is { } v && (double.IsNaN(v) || double.IsInfinity(v) || v < 0))
        {
            errors["value"] = "The result must be a number of 0 or more.";
        }

        if (input is { ReferenceLow: { } low, ReferenceHigh: { } high } && low > high)
        {
            errors["referenceHigh"] = "The upper limit of the reference range must not be below the lower limit.";
        }

        if (input.ReferenceLow < 0 || input.ReferenceHigh < 0)
        {
            errors["referenceLow"] = "Reference limits must be 0 or more.";
        }

        if (input.Value is null && string.IsNullOrWhiteSpace(input.Text) && input.ReportedAbnormal is null)
        {
            errors["value"] = "Give the result: a value, a report text, or whether it was abnormal.";
        }

        if (input.Text?.Length > MaxTextLength)
        {
            errors["text"] = $"The report text is at most {MaxTextLength} characters.";
        }

        if (input.Unit?.Length > 20)
        {
            errors["unit"] = "The unit is at most 20 characters.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, "record diagnostic result", patientId, errors, cancellationToken);
        }

        var row = new DiagnosticResult
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Code = test!.Code,
            TakenOn = input.TakenOn!.Value,
            Value = input.Value,
            Unit = string.IsNullOrWhiteSpace(input.Unit) ? test.Unit : input.Unit.Trim(),
            // The laboratory's range when entered; the catalogue default otherwise (the same unit only).
            ReferenceLow = input.ReferenceLow ?? (input.ReferenceHigh is null && SameUnit(input.Unit, test) ? test.Low : null),
            ReferenceHigh = input.ReferenceHigh ?? (input.ReferenceLow is null && SameUnit(input.Unit, test) ? test.High : null),
            ReportedAbnormal = input.ReportedAbnormal,
            Text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim(),
            RecordedByUserId = user.RequiredUserId(),
            RecordedByName = await NameAsync(user, cancellationToken),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DiagnosticResults.Add(row);
        audit.Add(user, "record diagnostic result", AuditOutcome.Success, patientId, test.Code);
        await CheckOtherCausesAsync(patientId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(row.Id);
    }

    public static ExamFindings Findings(AssessmentVersion row) =>
        JsonSerializer.Deserialize<ExamFindings>(row.FindingsJson, Json) ?? new ExamFindings();

    private static bool SameUnit(string? unit, DiagnosticTest test) => string.IsNullOrWhiteSpace(unit) || string.Equals(unit.Trim(), test.Unit, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Check(ExamFindings? findings) => findings is null
        ? new Dictionary<string, string> { ["findings"] = "Record at least one finding." }
        : ExamValidation.Check(findings).ToDictionary(e => e.Key, e => e.Value);

    private async Task<AssessmentVersion> VersionAsync(ClaimsPrincipal user, Guid patientId, Guid visitId, int version, DateOnly visitDate, ExamFindings findings, string? reason, CancellationToken cancellationToken)
    {
        var row = new AssessmentVersion
        {
            Id = Guid.CreateVersion7(),
            VisitId = visitId,
            PatientId = patientId,
            Version = version,
            VisitDate = visitDate,
            ExaminerUserId = user.RequiredUserId(),
            ExaminerName = await NameAsync(user, cancellationToken),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            ChangeReason = reason,
            FindingsJson = JsonSerializer.Serialize(findings, Json),
        };
        db.AssessmentVersions.Add(row);
        return row;
    }

    private async Task<string> NameAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.RequiredUserId();
        return await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    /// <summary>Runs the consider-another-cause check over what will be on record once this unit of work commits.</summary>
    private async Task CheckOtherCausesAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<AssessmentVersion>().Where(e => e.State == EntityState.Added && e.Entity.PatientId == patientId).Select(e => e.Entity).ToList();
        var stored = await db.AssessmentVersions.AsNoTracking().Where(a => a.PatientId == patientId && a.SupersededAt == null).ToListAsync(cancellationToken);
        var latest = pending.Concat(stored.Where(s => pending.All(p => p.VisitId != s.VisitId)))
            .OrderByDescending(a => a.VisitDate).ThenByDescending(a => a.RecordedAt).FirstOrDefault();
        var results = (await db.DiagnosticResults.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(cancellationToken))
            .Concat(db.ChangeTracker.Entries<DiagnosticResult>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            .Select(AssessmentQueries.ToValue).ToList();
        var reasons = OtherCauseCheck.Reasons(latest is null ? null : Findings(latest), results);
        if (OtherCauseCheck.ToAlert(reasons) is { } alert)
        {
            await alerts.RaiseAsync(patientId, alert, cancellationToken);
        }
    }

    private const string OnlyClinicians = "Only the patient's care-team clinicians record assessments and results.";

    private async Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, action, cancellationToken);
        switch (opened.Outcome)
        {
            case AccessOutcome.NotFound or AccessOutcome.Denied:
                return opened.Refusal(OnlyClinicians);
            case AccessOutcome.Allowed when !user.IsInRole(Roles.Clinician):
                await audit.RecordAsync(user, action, AuditOutcome.Denied, patientId, "only clinicians record assessments", cancellationToken: cancellationToken);
                return Outcome.Denied(OnlyClinicians);
            default:
                return null;
        }
    }

}
