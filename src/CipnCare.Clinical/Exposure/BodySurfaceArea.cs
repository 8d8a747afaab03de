namespace CipnCare.Clinical.Exposure;

public enum BsaFormula
{
    /// <summary>Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317:1098: √(height cm × weight kg / 3600).</summary>
    Mosteller,

    /// <summary>Du Bois D, Du Bois EF. Arch Intern Med 1916;17:863: 0.007184 × weight kg^0.425 × height cm^0.725.</summary>
    DuBois,
}

public static class BodySurfaceArea
{
    public const double MinHeightCm = 30;
    public const double MaxHeightCm = 272;
    public const double MinWeightKg = 1;
    public const double MaxWeightKg = 400;

    /// <summary>Body surface area in m² (formulas cited on <see cref="BsaFormula"/>).</summary>
    public static double Calculate(double heightCm, double weightKg, BsaFormula formula)
    {
        if (heightCm is < MinHeightCm or > MaxHeightCm)
        {
            throw new ArgumentOutOfRangeException(nameof(heightCm), heightCm, $"Height must be between {MinHeightCm} and {MaxHeightCm} cm.");
        }

        if (weightKg is < MinWeightKg or > MaxWeightKg)
        {
            throw new ArgumentOutOfRangeException(nameof(weightKg), weightKg, $"Weight must be between {MinWeightKg} and {MaxWeightKg} kg.");
        }

        return formula switch
        {
            BsaFormula.Mosteller => Math.Sqrt(heightCm * weightKg / 3600),
            BsaFormula.DuBois => 0.007184 * Math.Pow(weightKg, 0.425) * Math.Pow(heightCm, 0.725),
        };
    }
}
