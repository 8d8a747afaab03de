namespace CipnCare.Clinical.Exposure;

/// <summary>One dose given (or about to be recorded): agent code from <see cref="AgentCatalogue"/>, time, amount and unit.</summary>
public sealed record Administration(string AgentCode, DateTime At, double Amount, DoseUnit Unit);

/// <summary>A dose expressed both in mg and in the agent's basis unit, with the body size used.</summary>
public sealed record NormalisedDose(Administration Source, Agent Agent, double Mg, double InBasis, BodySize? Body);

public sealed record NormaliseResult(NormalisedDose? Dose, IReadOnlyList<string> Problems);

public static class DoseConversion
{
    /// <summary>
    /// Converts a dose to mg and to the agent's basis unit, using the body size on the dose's date. Returns the
    /// problems instead when the agent is unknown, the amount is not positive, or a needed height/weight is missing.
    /// </summary>
    public static NormaliseResult Normalise(Administration dose, IEnumerable<BodyMeasurement> measurements, BsaFormula formula)
    {
        ArgumentNullException.ThrowIfNull(dose);
        var problems = new List<string>();
        var agent = AgentCatalogue.Find(dose.AgentCode);
        if (agent is null)
        {
            problems.Add($"'{dose.AgentCode}' is not a known neurotoxic agent.");
        }

        if (!(dose.Amount > 0) || double.IsInfinity(dose.Amount))
        {
            problems.Add("The dose must be more than 0.");
        }

        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        var needsBody = dose.Unit != DoseUnit.Mg || agent!.Basis != DoseUnit.Mg;
        var body = needsBody ? BodySize.At(measurements, dose.At, formula) : null;
        if (needsBody && body is null)
        {
            return new(null, [$"A height and a weight recorded on or before {dose.At:yyyy-MM-dd} are needed to convert this {agent!.Name} dose between mg, mg/m² and mg/kg."]);
        }

        // A mg/kg dose is calculated on at most the agent's dosing-weight cap (brentuximab vedotin: 100 kg, ADCETRIS USPI).
        var dosingWeight = body is null ? 0 : agent!.DoseWeightCapKg is { } capKg ? Math.Min(body.WeightKg, capKg) : body.WeightKg;
        var mg = dose.Unit switch
        {
            DoseUnit.Mg => dose.Amount,
            DoseUnit.MgPerM2 => dose.Amount * body!.BsaM2,
            DoseUnit.MgPerKg => dose.Amount * dosingWeight,
        };
        var inBasis = agent!.Basis == dose.Unit
            ? dose.Amount
            : agent.Basis switch
            {
                DoseUnit.Mg => mg,
                DoseUnit.MgPerM2 => mg / body!.BsaM2,
                DoseUnit.MgPerKg => mg / dosingWeight,
            };
        return new(new NormalisedDose(dose, agent, mg, inBasis, body), []);
    }
}
