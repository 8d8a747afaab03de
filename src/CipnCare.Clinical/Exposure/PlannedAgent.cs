namespace CipnCare.Clinical.Exposure;

/// <summary>
/// One agent of a planned regimen: the dose per administration, the interval between administrations (days),
/// the number of cycles and administrations per cycle (bortezomib in VRd: 4 per 21-day cycle).
/// </summary>
public sealed record PlannedAgent(string AgentCode, double Dose, DoseUnit Unit, double IntervalDays, int Cycles, int DosesPerCycle = 1)
{
    public int TotalDoses => Cycles * DosesPerCycle;
}
