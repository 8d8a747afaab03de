namespace CipnCare.Web.Features.Assessments;

/// <summary>
/// One version of one clinical assessment visit. A visit (<see cref="VisitId"/>) is edited by adding a new version with
/// a reason; the old version stays, superseded, so the history of what was recorded is never lost. The findings are the
/// pure <see cref="CipnCare.Clinical.Assessment.ExamFindings"/> as JSON; the scores are derived from them on read.
/// </summary>
public sealed class AssessmentVersion
{
    public Guid Id { get; set; }
    public Guid VisitId { get; set; }
    public Guid PatientId { get; set; }
    public int Version { get; set; }
    public DateOnly VisitDate { get; set; }
    public string ExaminerUserId { get; set; } = "";
    public string ExaminerName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public DateTime? SupersededAt { get; set; }
    public string? ChangeReason { get; set; }
    public string FindingsJson { get; set; } = "{}";
}

/// <summary>A nerve conduction, QST, laboratory or imaging result, with its reference range as reported.</summary>
public sealed class DiagnosticResult
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string Code { get; set; } = "";
    public DateOnly TakenOn { get; set; }
    public double? Value { get; set; }
    public string? Unit { get; set; }
    public double? ReferenceLow { get; set; }
    public double? ReferenceHigh { get; set; }

    /// <summary>For qualitative results and reports: the clinician marked it abnormal (or atypical for CIPN).</summary>
    public bool? ReportedAbnormal { get; set; }
    public string? Text { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}
