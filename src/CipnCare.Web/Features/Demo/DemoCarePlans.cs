using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Data;
using CipnCare.Web.Features.CarePlans;

namespace CipnCare.Web.Features.Demo;

/// <summary>
/// Demo care plans: Maria's goal of buttoning her shirt (slipping as her hands worsen), cold avoidance and duloxetine
/// rated over weeks; Walter's mailbox walk (improving with balance training and a cane) and his referrals; James's
/// first steps after two falls (night lights and grab bars, a physiotherapy referral).
/// </summary>
internal sealed class DemoCarePlans(CipnDbContext db, DateTime now, string clinicianId, string clinicianName)
{
    private DateOnly Day(int daysAgo) => DateOnly.FromDateTime(now.AddDays(-daysAgo));

    public void Seed(Guid maria, string mariaName, Guid walter, Guid james)
    {
        var shirt = Goal(maria, "Button my shirt by myself", "Buttons a work shirt alone in under five minutes", -1, 70, mariaName, 60);
        Review(shirt, maria, 70, 0, "Managing with extra time.");
        Review(shirt, maria, 4, -1, "Top buttons now need help.");
        var walk = Goal(maria, "Walk the dog round the block", "Walks 20 minutes on pavement without stopping", -1, 70, clinicianName, 90);
        Review(walk, maria, 4, 0, null);

        var gloves = Intervention(maria, InterventionType.FootAndSkinCare, "Gloves and warm drinks in cold weather", null, "Oncology nurse", 70, null);
        Rate(gloves, maria, 42, 6, 0, mariaName, "Patient");
        Rate(gloves, maria, 14, 5, 0, mariaName, "Patient");
        var duloxetine = Intervention(maria, InterventionType.Medication, "Duloxetine", "30 mg daily, then 60 mg", "Dr Amara Okafor", 28, null, "treatment-duloxetine");
        Rate(duloxetine, maria, 21, 3, 1, mariaName, "Patient");
        Rate(duloxetine, maria, 7, 5, 1, mariaName, "Patient");
        Referral(maria, ReferralService.OccupationalTherapy, "Fine motor work and button hook for dressing", 4, ReferralStatus.Sent, 3);

        var mailbox = Goal(walter, "Walk to the mailbox without a cane", "Walks to the mailbox and back (80 m) without an aid, steady", -2, 95, clinicianName, 60);
        Review(mailbox, walter, 95, -2, "Needs the cane and a hand on the fence.");
        Review(mailbox, walter, 50, -1, null);
        Review(mailbox, walter, 9, -1, "Cane outdoors only; steadier.");
        var stairs = Goal(walter, "Climb the stairs to bed holding the rail", "Climbs 14 stairs with one rail, no pause", -1, 95, clinicianName, 30);
        Review(stairs, walter, 9, 1, "Does it with one pause less than expected.");
        var balance = Intervention(walter, InterventionType.PhysicalTherapy, "Balance and gait class", "twice a week", "Community physiotherapy", 80, null, "treatment-exercise");
        Rate(balance, walter, 60, 4, 0, "Anna Schmidt", "Caregiver");
        Rate(balance, walter, 30, 6, 0, "Anna Schmidt", "Caregiver");
        Rate(balance, walter, 10, 7, 0, "Anna Schmidt", "Caregiver");
        var cane = Intervention(walter, InterventionType.Device, "Single-point cane", null, "Physiotherapy", 90, null);
        Rate(cane, walter, 30, 8, 0, "Anna Schmidt", "Caregiver");
        var pregabalin = Intervention(walter, InterventionType.Medication, "Pregabalin", "75 mg twice daily", "GP", 120, 70, "treatment-gabapentin-pregabalin");
        Rate(pregabalin, walter, 90, 2, 2, "Anna Schmidt", "Caregiver");
        // B12 for his measured deficiency is not CIPN prevention: no guideline entry, so it shows as not rated (issue #13).
        Intervention(walter, InterventionType.Supplement, "Vitamin B12 injections", "1 mg monthly", "GP", 8, null);
        Referral(walter, ReferralService.PhysicalTherapy, "Balance, gait and fall prevention after a fall with injury", 92, ReferralStatus.Done, 80);
        Referral(walter, ReferralService.Neurology, "Low B12 with raised methylmalonic acid: another cause?", 9, ReferralStatus.Scheduled, -12);
        Referral(walter, ReferralService.Podiatry, "Footwear and nail care with numb feet", 9, ReferralStatus.Proposed, null);

        var night = Goal(james, "Get to the bathroom at night without falling", "No falls at night for a month, using the night lights", -2, 6, clinicianName, 30);
        Review(night, james, 1, -1, "One near-miss this week, no fall.");
        var home = Intervention(james, InterventionType.Other, "Night lights and grab bars at home", null, "Family", 6, null);
        Rate(home, james, 1, 6, 0, "James Miller", "Patient");
        Referral(james, ReferralService.PhysicalTherapy, "Two falls, one with a bruised knee: balance and gait assessment", 6, ReferralStatus.Sent, 5);
    }

    private Guid Goal(Guid patientId, string text, string expected, int baseline, int daysAgo, string setBy, int targetInDays)
    {
        var goal = new Goal
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Text = text,
            ExpectedOutcome = expected,
            BaselineLevel = baseline,
            TargetDate = Day(-targetInDays),
            Status = GoalStatus.Active,
            SetByUserId = clinicianId,
            SetByName = setBy,
            CreatedAt = now.AddDays(-daysAgo),
        };
        db.Goals.Add(goal);
        return goal.Id;
    }

    private void Review(Guid goalId, Guid patientId, int daysAgo, int level, string? note) =>
        db.GoalReviews.Add(new GoalReview { Id = Guid.CreateVersion7(), GoalId = goalId, PatientId = patientId, ReviewedOn = Day(daysAgo), Level = level, Note = note, ReviewedByName = clinicianName, RecordedAt = now.AddDays(-daysAgo) });

    /// <summary>An intervention; <paramref name="evidenceCode"/> is the ASCO 2020 entry the clinician picked (none = not rated).</summary>
    private Guid Intervention(Guid patientId, InterventionType type, string name, string? dose, string? provider, int startedDaysAgo, int? stoppedDaysAgo, string? evidenceCode = null)
    {
        var intervention = new Intervention
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Type = type,
            Name = name,
            Dose = dose,
            Provider = provider,
            StartedOn = Day(startedDaysAgo),
            StoppedOn = stoppedDaysAgo is { } s ? Day(s) : null,
            EvidenceCode = evidenceCode,
            RecordedByUserId = clinicianId,
            RecordedAt = now.AddDays(-startedDaysAgo),
            UpdatedAt = now.AddDays(-(stoppedDaysAgo ?? startedDaysAgo)),
        };
        db.Interventions.Add(intervention);
        return intervention.Id;
    }

    private void Rate(Guid interventionId, Guid patientId, int daysAgo, int relief, int sideEffects, string by, string role) =>
        db.InterventionRatings.Add(new InterventionRatingRecord { Id = Guid.CreateVersion7(), InterventionId = interventionId, PatientId = patientId, RatedAt = now.AddDays(-daysAgo), Relief = relief, SideEffects = sideEffects, RatedByName = by, RatedByRole = role });

    private void Referral(Guid patientId, ReferralService service, string reason, int proposedDaysAgo, ReferralStatus status, int? statusDaysAgo) =>
        db.Referrals.Add(new Referral
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Service = service,
            Reason = reason,
            Status = status,
            ProposedOn = Day(proposedDaysAgo),
            StatusDate = statusDaysAgo is { } d ? Day(d) : null,
            RecordedByUserId = clinicianId,
            UpdatedAt = now,
        });
}
