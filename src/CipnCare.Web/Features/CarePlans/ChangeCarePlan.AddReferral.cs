using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Outcomes;

namespace CipnCare.Web.Features.CarePlans;

/// <summary>A referral proposed by the care team.</summary>
public sealed partial class ChangeCarePlan
{
    public async Task<Outcome<Guid>> AddReferralAsync(ClaimsPrincipal user, Guid patientId, NewReferral input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string action = "propose referral";
        if (await OpenAsync(user, patientId, action, clinicianOnly: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>();
        if (input.Service is not { } service || !Enum.IsDefined(service))
        {
            errors["service"] = "Choose the service to refer to.";
        }

        Required(errors, "reason", input.Reason, 500, "Give the reason for the referral.");
        var proposed = input.ProposedOn ?? Today;
        if (proposed > Today)
        {
            errors["proposedOn"] = "The referral date cannot be in the future.";
        }

        if (errors.Count > 0)
        {
            return await audit.RefuseInvalidAsync(user, action, patientId, errors, cancellationToken);
        }

        var referral = new Referral
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Service = input.Service!.Value,
            Reason = input.Reason!.Trim(),
            Status = ReferralStatus.Proposed,
            ProposedOn = proposed,
            RecordedByUserId = user.RequiredUserId(),
            UpdatedAt = Now,
        };
        db.Referrals.Add(referral);
        return await SavedAsync(user, patientId, action, referral.Id, cancellationToken);
    }
}
