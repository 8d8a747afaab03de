using System.Security.Claims;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Assessments;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Diagnoses;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Features.Guidance;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Features.Messages;
using CipnCare.Web.Features.Schedules;

namespace CipnCare.Web.Features.Patients;

/// <summary>
/// Everything the patient page shows, read once through the access gate (audited as "read patient page").
/// <see cref="Alerts"/>, <see cref="Colleagues"/> (the clinicians an alert can be reassigned to) and
/// <see cref="Exposure"/> and <see cref="Conditions"/> (the coded diagnoses an EHR sent) are for staff: empty or null for
/// patients and carers; <see cref="Threads"/> (the patient's home: anything new from the team) is for patients and carers
/// who may read the messages (<see cref="MayReadMessages"/>: not a view-only carer the patient has not shared them with),
/// empty for staff (their worklist shows what waits).
/// </summary>
public sealed record PatientOverview(
    PatientView Patient,
    IReadOnlyList<CheckInSummary> CheckIns,
    IReadOnlyList<ResponseView> OtherResponses,
    IReadOnlyList<InstrumentSummary> OtherInstruments,
    bool CanReport,
    ScheduleView Schedule,
    CaregiversView Carers,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<(string Id, string Name)> Colleagues,
    ExposureSummary? Exposure,
    AssessmentOverview Assessments,
    IReadOnlyList<GuidanceSuggestion> Guidance,
    IReadOnlyList<CancerCondition> Conditions,
    CarePlanView CarePlan,
    IReadOnlyList<ThreadSummary> Threads,
    bool MayReadMessages);

public sealed class PatientOverviewQuery(
    PatientQueries patients,
    ResponseQueries responses,
    InstrumentLibrary instruments,
    ScheduleQueries schedules,
    CaregiverQueries carers,
    AlertQueries alerts,
    ExposureQueries exposure,
    AssessmentQueries assessments,
    PatientGuidance guidance,
    CancerConditions conditions,
    CarePlanQueries plans,
    MessageQueries messages,
    CipnDbContext db,
    PatientAccess access)
{
    public async Task<(AccessOutcome Outcome, PatientOverview? Overview)> LoadAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken)
    {
        var (outcome, patient) = await patients.GetAsync(user, patientId, "read patient page", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return (outcome, null);
        }

        var staff = user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Admin);
        var allResponses = await responses.HistoryAsync(patientId, null, cancellationToken); // newest first; check-ins and the rest from one read
        var checkIns = CheckInSummary.History(allResponses.Where(r => r.Questionnaire == InstrumentLibrary.CheckInUrl).ToList());
        var exposureSummary = staff ? await exposure.SummaryAsync(patientId, cancellationToken) : null;
        var assessmentOverview = await assessments.OverviewAsync(patientId, cancellationToken);
        var mayReadMessages = await MessageQueries.MayReadAsync(db, access, user, patientId, cancellationToken);
        return (outcome, new PatientOverview(
            patient!,
            checkIns,
            allResponses.Where(r => r.Questionnaire != InstrumentLibrary.CheckInUrl).ToList(),
            (await instruments.ListAsync(cancellationToken)).Where(i => i.Status == "active" && i.Url != InstrumentLibrary.CheckInUrl).ToList(),
            await patients.CanReportAsync(user, patientId, cancellationToken),
            await schedules.ForPatientAsync(patientId, cancellationToken),
            await carers.ForPatientAsync(user, patientId, cancellationToken),
            staff ? await alerts.ForPatientAsync(patientId, cancellationToken) : [],
            staff ? await patients.TeamCliniciansAsync(patient!.CareTeamId, cancellationToken) : [],
            exposureSummary,
            assessmentOverview,
            await guidance.SuggestAsync(patient!, checkIns, assessmentOverview, exposureSummary, cancellationToken),
            staff ? await conditions.ForPatientAsync(patientId, cancellationToken) : [],
            await plans.ForPatientAsync(patientId, cancellationToken),
            !staff && mayReadMessages ? await messages.ThreadsAsync(user, patientId, cancellationToken) : [],
            mayReadMessages));
    }
}
