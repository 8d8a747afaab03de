using CipnCare.Clinical.Assessment;
using CipnCare.Clinical.CheckIns;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Patients;

namespace CipnCare.Web.Features.Guidance;

/// <summary>Which guidance pages a patient's record calls for (the library says what each page is for).</summary>
public sealed class PatientGuidance(GuidanceLibrary library, ExposureQueries exposure)
{
    /// <summary>
    /// The agent whose acute neurotoxicity is brought on by cold (cold-induced dysaesthesia of the hands and throat;
    /// ASCO 2020 CIPN guideline, Loprinzi et al., J Clin Oncol 2020;38:3325) — the cold-sensitivity page is for it.
    /// </summary>
    public const string ColdSensitiveAgent = "oxaliplatin";

    /// <summary>The pages for this patient; pass the exposure summary when the caller already has it (staff), otherwise one cheap query asks.</summary>
    public async Task<IReadOnlyList<GuidanceSuggestion>> SuggestAsync(
        PatientView patient, IReadOnlyList<CheckInSummary> history, AssessmentOverview assessments, ExposureSummary? exposureSummary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(assessments);
        var coldSensitive = exposureSummary?.Agents.Any(a => a.Code == ColdSensitiveAgent)
            ?? await exposure.HasDoseOfAsync(patient.Id, ColdSensitiveAgent, cancellationToken);
        return library.Suggest(new GuidanceContext(
            FallReported: history.Take(4).Any(c => c.Falls > 0),
            FallRiskRaised: assessments.Latest?.FallRisk.Level is FallRiskLevel.Moderate or FallRiskLevel.High,
            Oxaliplatin: coldSensitive,
            SensorySymptoms: history.Count > 0 && history[0].SensoryGrade > 0,
            OnTreatment: patient.TreatmentStatus == TreatmentStatus.OnTreatment,
            Worse: history.Count > 0 && history[0].Change.Direction == ChangeDirection.Worse));
    }
}
