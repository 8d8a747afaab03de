using System.Security.Claims;
using CipnCare.Clinical;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Outcomes;
using CipnCare.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CipnCare.Web.Features.CarePlans;


/// <summary>
/// Changes to a patient's care plan. Goals are set by the patient (or a carer who reports for them) or the care team;
/// reviews, interventions and referrals are the care team's; ratings of an intervention come from whoever may report for
/// the patient. Each write and its audit entry commit together; refusals and invalid input are audited too. One file
/// per command (<c>ChangeCarePlan.AddGoal.cs</c> …); this one holds what they share: opening the patient, the checks, saving.
/// What a patient or carer can get wrong (a goal, a rating) is told in the page's language (<c>L</c>, Spanish in
/// ChangeCarePlan.es.resx); what only clinicians enter stays in English.
/// </summary>
public sealed partial class ChangeCarePlan(CipnDbContext db, PatientAccess access, AuditLog audit, TimeProvider clock, LocalTimes times, IStringLocalizer<ChangeCarePlan> L)
{
    /// <summary>The patient's team clock, read when the patient is opened: "today" is the team's date.</summary>
    private TeamZone _zone = TeamZone.Utc;

    public const int MaxText = 300;
    public const int MaxLong = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => _zone.Today(clock);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void Required(Dictionary<string, string> errors, string field, string? value, int max, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = message;
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = L["At most {0} characters.", max];
        }
    }

    private void Optional(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (value?.Trim().Length > max)
        {
            errors[field] = L["At most {0} characters.", max];
        }
    }

    private void Date(Dictionary<string, string> errors, string field, DateOnly? value, string what)
    {
        if (value is not { } date)
        {
            errors[field] = $"Enter the {what} date.";
        }
        else if (date > Today)
        {
            errors[field] = $"The {what} date cannot be in the future.";
        }
    }

    private async Task<string> NameAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.RequiredUserId();
        return await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    private async Task<Outcome<Guid>> SavedAsync(ClaimsPrincipal user, Guid patientId, string action, Guid id, CancellationToken cancellationToken)
    {
        audit.Add(user, action, AuditOutcome.Success, patientId, id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(id);
    }

    private const string NotYours = "You may not change this part of the patient's care plan.";

    private async Task<Failure?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, bool clinicianOnly, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(user, patientId, PatientAccessKind.Report, action, cancellationToken);
        _zone = await times.ForPatientAsync(patientId, cancellationToken);
        switch (opened.Outcome)
        {
            case AccessOutcome.NotFound or AccessOutcome.Denied:
                return opened.Refusal(NotYours);
            case AccessOutcome.Allowed when clinicianOnly && !user.IsInRole(Roles.Clinician):
                await audit.RecordAsync(user, action, AuditOutcome.Denied, patientId, "only the care team's clinicians", cancellationToken: cancellationToken);
                return Outcome.Denied("Only the patient's care-team clinicians make this change.");
            default:
                return null;
        }
    }

}

public sealed record NewGoal(string? Text, string? ExpectedOutcome, int? BaselineLevel, DateOnly? TargetDate);

public sealed record NewGoalReview(DateOnly? ReviewedOn, int? Level, string? Note, GoalStatus? Status);

/// <summary>An intervention to record; <paramref name="EvidenceCode"/> is an ASCO 2020 entry's code from the coded list, or none (not rated).</summary>
public sealed record NewIntervention(InterventionType? Type, string? Name, string? Dose, string? Provider, DateOnly? StartedOn, DateOnly? StoppedOn, string? Note, string? EvidenceCode = null);

public sealed record NewRating(int? Relief, int? SideEffects, string? Note);

public sealed record NewReferral(ReferralService? Service, string? Reason, DateOnly? ProposedOn);

public sealed record ReferralUpdate(ReferralStatus? Status, DateOnly? StatusDate);
