using System.Globalization;
using CipnCare.Clinical.CarePlans;
using CipnCare.Web.Features.CarePlans;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

/// <summary>
/// The care plan as FHIR: goals as <see cref="Goal"/> (GAS level as the achievement), interventions as the activities of
/// one <see cref="CarePlan"/> per patient, referrals as <see cref="ServiceRequest"/>, symptomatic medicines also as
/// <see cref="MedicationStatement"/>. Codes in https://cipncare.org/fhir/CodeSystem/care-plan (docs/fhir.md). Pure.
/// </summary>
public static class CarePlanMapper
{
    public const string CarePlanSystem = "https://cipncare.org/fhir/CodeSystem/care-plan";
    public const string GasExtension = "https://cipncare.org/fhir/StructureDefinition/gas-level";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    public static Hl7.Fhir.Model.Goal ToGoal(Guid patientId, GoalView goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var level = goal.CurrentLevel;
        var fhir = new Hl7.Fhir.Model.Goal
        {
            Id = goal.Id.ToString(),
            Meta = FhirCodes.ChangedAt(goal.UpdatedAt),
            LifecycleStatus = goal.Status switch
            {
                GoalStatus.Active => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Active,
                GoalStatus.Achieved => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Completed,
                GoalStatus.Stopped => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Cancelled,
            },
            AchievementStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement", level >= 0 ? "achieved" : goal.Reviews.Count > 0 ? "in-progress" : "not-attempted"),
            Description = new CodeableConcept { Text = goal.Text },
            Subject = new ResourceReference($"Patient/{patientId}"),
            Start = new Date(DateOnly.FromDateTime(goal.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Target =
            [
                new Hl7.Fhir.Model.Goal.TargetComponent
                {
                    Measure = new CodeableConcept(CarePlanSystem, "gas-level", "Goal Attainment Scaling level (−2…+2)"),
                    Detail = new CodeableConcept(CarePlanSystem, "gas-0", goal.ExpectedOutcome),
                    Due = goal.TargetDate is { } due ? new Date(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
                },
            ],
            Note = goal.Reviews.Select(r => new Annotation
            {
                Time = r.ReviewedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Text = $"GAS {r.Level.ToString("+0;-0;0", CultureInfo.InvariantCulture)} ({GoalAttainment.Describe(r.Level)}){(r.Note is { } n ? $": {n}" : "")}",
            }).ToList(),
        };
        fhir.AddExtension(GasExtension, new Integer(level));
        return fhir;
    }

    public static CarePlan ToCarePlan(Guid patientId, CarePlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new CarePlan
        {
            Id = $"cp-{patientId}",
            Meta = FhirCodes.ChangedAt(plan.Goals.Select(g => g.UpdatedAt).Concat(plan.Interventions.Select(i => i.UpdatedAt)).Concat(plan.Referrals.Select(r => r.UpdatedAt)).DefaultIfEmpty(DateTime.UnixEpoch).Max()),
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = "CIPN care plan",
            Subject = new ResourceReference($"Patient/{patientId}"),
            Goal = plan.Goals.Select(g => new ResourceReference($"Goal/{g.Id}")).ToList(),
            Activity = plan.Interventions.Select(i => new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = i.Type == InterventionType.Medication ? CarePlan.CarePlanActivityKind.MedicationRequest : CarePlan.CarePlanActivityKind.ServiceRequest,
                    Code = new CodeableConcept(CarePlanSystem, Kebab(i.Type.ToString()), CarePlanQueries.TypeText(i.Type)) { Text = i.Name },
                    Status = i.Active ? CarePlan.CarePlanActivityStatus.InProgress : CarePlan.CarePlanActivityStatus.Completed,
                    Scheduled = new Period(Day(i.StartedOn), i.StoppedOn is { } s ? Day(s) : null),
                    Performer = i.Provider is { } p ? [new ResourceReference { Display = p }] : [],
                    Description = $"{i.Name}{(i.Dose is { } d ? $", {d}" : "")}. Patient rating: {i.Effect.Summary}. Evidence: {i.Evidence.Text} ({i.Evidence.Source})",
                },
            }).ToList(),
        };
    }

    public static ServiceRequest ToServiceRequest(Guid patientId, ReferralView referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new ServiceRequest
        {
            Id = referral.Id.ToString(),
            Meta = FhirCodes.ChangedAt(referral.UpdatedAt),
            Status = referral.Status switch
            {
                ReferralStatus.Proposed => RequestStatus.Draft,
                ReferralStatus.Sent or ReferralStatus.Scheduled => RequestStatus.Active,
                ReferralStatus.Done => RequestStatus.Completed,
                ReferralStatus.Declined => RequestStatus.Revoked,
            },
            Intent = referral.Status == ReferralStatus.Proposed ? RequestIntent.Proposal : RequestIntent.Order,
            Category = [new CodeableConcept("http://snomed.info/sct", "3457005", "Patient referral")],
            Code = new CodeableConcept(CarePlanSystem, $"referral-{Kebab(referral.Service.ToString())}", CarePlanQueries.ServiceText(referral.Service)),
            Subject = new ResourceReference($"Patient/{patientId}"),
            AuthoredOn = referral.ProposedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Occurrence = referral.Status == ReferralStatus.Scheduled && referral.StatusDate is { } at ? Day(at) : null,
            ReasonCode = [new CodeableConcept { Text = referral.Reason }],
            Note = [new Annotation { Text = $"Status {referral.Status.ToString().ToLowerInvariant()}{(referral.StatusDate is { } d ? $" on {d:yyyy-MM-dd}" : "")}" }],
        };
    }

    /// <summary>Symptomatic medicines (interventions of type medication) as MedicationStatements.</summary>
    public static MedicationStatement ToMedicationStatement(Guid patientId, InterventionView medicine)
    {
        ArgumentNullException.ThrowIfNull(medicine);
        var code = new CodeableConcept { Text = medicine.Name };
        if (medicine.Name.Contains("duloxetine", StringComparison.OrdinalIgnoreCase))
        {
            code.Coding.Add(new Coding(RxNorm, "72625", "duloxetine")); // RxCUI confirmed in clinical-reference.md verification §9
        }

        return new MedicationStatement
        {
            Id = medicine.Id.ToString(),
            Meta = FhirCodes.ChangedAt(medicine.UpdatedAt),
            Status = medicine.Active ? MedicationStatement.MedicationStatusCodes.Active : MedicationStatement.MedicationStatusCodes.Completed,
            Medication = code,
            Subject = new ResourceReference($"Patient/{patientId}"),
            Effective = new Period(Day(medicine.StartedOn), medicine.StoppedOn is { } s ? Day(s) : null),
            Dosage = medicine.Dose is { } dose ? [new Dosage { Text = dose }] : [],
            ReasonCode = [new CodeableConcept { Text = "Symptoms of chemotherapy-induced peripheral neuropathy" }],
            Note = [new Annotation { Text = $"Patient rating: {medicine.Effect.Summary}" }],
        };
    }

    private static FhirDateTime Day(DateOnly day) => new(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
