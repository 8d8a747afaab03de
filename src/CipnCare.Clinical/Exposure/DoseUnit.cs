namespace CipnCare.Clinical.Exposure;

/// <summary>How a dose is expressed (UCUM: mg, mg/m2, mg/kg).</summary>
public enum DoseUnit
{
    /// <summary>Flat milligrams.</summary>
    Mg,

    /// <summary>Milligrams per square metre of body surface area.</summary>
    MgPerM2,

    /// <summary>Milligrams per kilogram of body weight.</summary>
    MgPerKg,
}
