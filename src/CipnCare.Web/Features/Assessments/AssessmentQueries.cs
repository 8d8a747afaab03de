using CipnCare.Clinical.Assessment;
using CipnCare.Web.Data;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Assessments;

/// <summary>One assessment visit as recorded (its current version), with everything derived from it.</summary>
public sealed record AssessmentView(
    Guid VisitId,
    Guid PatientId,
    int Version,
    DateOnly VisitDate,
    string ExaminerName,
    DateTime RecordedAt,
    ExamFindings Findings,
    ExamCompositeResult Composite,
    OrthostaticResult Orthostatic,
    FallRiskResult FallRisk,
    DateOnly? PreviousVisitDate,
    IReadOnlyList<FindingChange> Changes);

public sealed record AssessmentVersionView(int Version, DateTime RecordedAt, string ExaminerName, string? ChangeReason, bool Current);

public sealed record DiagnosticView(
    Guid Id,
    Guid PatientId,
    string Code,
    string Name,
    DiagnosticKind Kind,
    string? Loinc,
    DateOnly TakenOn,
    double? Value,
    string? Unit,
    double? ReferenceLow,
    double? ReferenceHigh,
    RangeFinding? Flag,
    string? Text,
    string RecordedByName,
    DateTime RecordedAt);

/// <summary>A patient's assessments (newest first), results and the consider-another-cause reasons on record now.</summary>
public sealed record AssessmentOverview(IReadOnlyList<AssessmentView> Visits, IReadOnlyList<DiagnosticView> Diagnostics, IReadOnlyList<string> OtherCauseReasons)
{
    public AssessmentView? Latest => Visits.Count > 0 ? Visits[0] : null;
}

/// <summary>Reads of assessments and results. Callers must have opened the patient through PatientAccess first.</summary>
public sealed class AssessmentQueries(CipnDbContext db, ResponseQueries responses)
{
    public async Task<AssessmentOverview> OverviewAsync(Guid patientId, CancellationToken cancellationToken) =>
        (await OverviewsAsync([patientId], cancellationToken))[patientId];

    /// <summary>Several patients' overviews from one read of each kind (bulk export's batches); every id must be a patient's.</summary>
    public async Task<Dictionary<Guid, AssessmentOverview>> OverviewsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken)
    {
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var versions = (await db.AssessmentVersions.AsNoTracking().Where(a => patientIds.Contains(a.PatientId) && a.SupersededAt == null).ToListAsync(cancellationToken))
            .ToLookup(a => a.PatientId);
        var examined = patientIds.Where(id => versions[id].Any()).ToList();
        var reports = examined.Count == 0 ? Enumerable.Empty<ResponseView>().ToLookup(r => r.PatientId) : await responses.HistoriesAsync(examined, cancellationToken);
        var results = (await db.DiagnosticResults.AsNoTracking().Where(d => patientIds.Contains(d.PatientId)).ToListAsync(cancellationToken)).ToLookup(d => d.PatientId);
        return patientIds.Distinct().ToDictionary(id => id, id => Overview(patients[id], versions[id], reports[id].ToList(), results[id].ToList()));
    }

    private static AssessmentOverview Overview(Patient patient, IEnumerable<AssessmentVersion> current, List<ResponseView> reports, List<DiagnosticResult> results)
    {
        var visits = new List<AssessmentView>();
        AssessmentVersion? previous = null;
        foreach (var row in current.OrderBy(a => a.VisitDate).ThenBy(a => a.RecordedAt))
        {
            visits.Add(View(row, previous, patient, reports));
            previous = row;
        }

        visits.Reverse();
        var reasons = OtherCauseCheck.Reasons(visits.Count > 0 ? visits[0].Findings : null, results.Select(ToValue).ToList());
        return new(visits, Views(results), reasons);
    }

    public async Task<(AssessmentView View, IReadOnlyList<AssessmentVersionView> History)?> VisitAsync(Guid patientId, Guid visitId, CancellationToken cancellationToken)
    {
        var overview = await OverviewAsync(patientId, cancellationToken);
        if (overview.Visits.FirstOrDefault(v => v.VisitId == visitId) is not { } view)
        {
            return null;
        }

        var history = await db.AssessmentVersions.AsNoTracking().Where(a => a.VisitId == visitId && a.PatientId == patientId)
            .OrderBy(a => a.Version)
            .Select(a => new AssessmentVersionView(a.Version, a.RecordedAt, a.ExaminerName, a.ChangeReason, a.SupersededAt == null))
            .ToListAsync(cancellationToken);
        return (view, history);
    }

    public async Task<List<DiagnosticView>> DiagnosticsAsync(Guid patientId, CancellationToken cancellationToken) =>
        Views(await db.DiagnosticResults.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(cancellationToken));

    private static List<DiagnosticView> Views(List<DiagnosticResult> rows) =>
        rows.OrderByDescending(d => d.TakenOn).ThenByDescending(d => d.RecordedAt).Select(d =>
        {
            var test = DiagnosticCatalogue.Find(d.Code);
            return new DiagnosticView(d.Id, d.PatientId, d.Code, test?.Name ?? d.Code, test?.Kind ?? DiagnosticKind.Laboratory, test?.Loinc, d.TakenOn, d.Value, d.Unit,
                d.ReferenceLow, d.ReferenceHigh, ToValue(d).Flag, d.Text, d.RecordedByName, d.RecordedAt);
        }).ToList();

    public static DiagnosticValue ToValue(DiagnosticResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Code, row.TakenOn, row.Value, row.ReferenceLow, row.ReferenceHigh, row.ReportedAbnormal);
    }

    /// <summary>Tandem seconds; a stance failed before tandem means tandem was not reached: 0 s.</summary>
    public static double? TandemSeconds(BalanceStages balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        return balance.Tandem ?? (balance.FeetTogether < BalanceStages.HoldSeconds || balance.SemiTandem < BalanceStages.HoldSeconds ? 0 : null);
    }

    private static AssessmentView View(AssessmentVersion row, AssessmentVersion? previous, Patient patient, IReadOnlyList<ResponseView> reports)
    {
        var findings = RecordAssessment.Findings(row);
        var orthostatic = OrthostaticHypotension.Assess(findings.Supine, findings.StandingOneMinute, findings.StandingThreeMinutes);
        var fallRisk = FallRisk.Assess(FallInput(findings, orthostatic, row.VisitDate, patient, reports));
        var changes = previous is null ? [] : ExamComparison.Compare(RecordAssessment.Findings(previous), findings);
        return new(row.VisitId, row.PatientId, row.Version, row.VisitDate, row.ExaminerName, row.RecordedAt, findings, ExamComposite.Score(findings),
            orthostatic, fallRisk, previous?.VisitDate, changes);
    }

    /// <summary>
    /// The fall-risk input for a visit: falls and injuries from the check-ins in the year before it, unsteadiness from the
    /// falls screen or a check-in balance answer of 2 or more, worry from the falls screen; the function tests from the exam.
    /// </summary>
    public static FallRiskInput FallInput(ExamFindings findings, OrthostaticResult orthostatic, DateOnly visitDate, Patient patient, IReadOnlyList<ResponseView> reports)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(orthostatic);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(reports);
        var end = visitDate.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var inYear = reports.Where(r => r.AuthoredAt <= end && r.AuthoredAt > end.AddYears(-1)).ToList();
        var checkIns = inYear.Where(r => r.Questionnaire == InstrumentLibrary.CheckInUrl).ToList();
        var screen = inYear.FirstOrDefault(r => r.Questionnaire == InstrumentLibrary.FallsScreenUrl);
        bool? Said(string linkId) => screen?.Answers.GetValueOrDefault(linkId) switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };

        var falls = checkIns.Sum(c => (int)(c.Score(CheckInSummary.FallsCode)?.Value ?? 0));
        if (falls == 0 && Said("fallen-past-year") == true)
        {
            falls = 1;
        }

        var injury = checkIns.Any(c => c.Score(CheckInSummary.FallInjuryCode)?.Value > 0);
        var balance = checkIns.Count > 0 && int.TryParse(checkIns[0].Answers.GetValueOrDefault("balance"), out var b) ? b : (int?)null;
        var unsteady = Said("unsteady") == true || balance >= 2 ? true : Said("unsteady") ?? (balance is null ? null : false);
        var age = visitDate.Year - patient.BirthDate.Year - (visitDate < patient.BirthDate.AddYears(visitDate.Year - patient.BirthDate.Year) ? 1 : 0);
        NormSex? sex = patient.Sex switch
        {
            Sex.Female => NormSex.Female,
            Sex.Male => NormSex.Male,
            _ => null,
        };
        var feet = findings.Sensation;
        var feetLoss = new[] { feet.PinFeet, feet.VibrationFeet, feet.LightTouchFeet }.SelectMany(p => p.Both()).Any(l => l > SensoryLevel.Normal)
            || feet.MonofilamentSitesFeltFeet.Both().Any(n => n < Sensation.MonofilamentSites);
        return new FallRiskInput(falls, injury, unsteady, Said("worried"), findings.TugSeconds, findings.ChairStandScore, age, sex,
            TandemSeconds(findings.Balance), orthostatic.Present, feetLoss, findings.Skin.AnyProblem);
    }
}
