namespace CipnCare.Web.Features.Patients;

/// <summary>Where the patient is in their cancer treatment; it drives how often check-ins are due.</summary>
public enum TreatmentStatus
{
    /// <summary>Neurotoxic treatment planned, not yet started (baseline).</summary>
    Planned,

    /// <summary>Receiving neurotoxic chemotherapy now.</summary>
    OnTreatment,

    /// <summary>Neurotoxic treatment finished; follow-up.</summary>
    CompletedTreatment,

    /// <summary>Treatment stopped early (toxicity, progression or choice).</summary>
    Discontinued,
}
