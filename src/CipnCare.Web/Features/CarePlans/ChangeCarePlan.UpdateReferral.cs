using System.Security.Claims;
using CipnCare.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>A referral moving on: sent, scheduled, done or declined.</summary>
public sealed partial class ChangeCarePlan
{
    public async Task<Outcome<Guid>> UpdateReferralAsync(ClaimsPrincipal user, Guid patientId, Guid referralId, ReferralUpdate input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "update referral";
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var referral = await db.Referrals.FirstOrDefaultAsync(r => r.Id == referralId && r.PatientId == patientId, cancellationToken);
        if (referral is null)
        {
            return Outcome.NotFound("There is no such referral on this care plan.");
        }

        var errors = new Dictionary<string, string>();
        if (input.Status is not { } status || !Enum.IsDefined(status))
        {
            errors["status"] = "Choose the referral's status.";
        }
        else if (status != ReferralStatus.Scheduled && input.StatusDate > Today)
        {
            errors["statusDate"] = "Only an appointment date can be in the future.";
        }

        if (input.StatusDate < referral.ProposedOn)
        {
            errors["statusDate"] = "The date cannot be before the referral was proposed.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        referral.Status = input.Status!.Value;
        referral.StatusDate = input.StatusDate ?? Today;
        referral.UpdatedAt = Now;
        return await SavedAsync(user, patientId, action, referral.Id, cancellationToken);
    }
}
