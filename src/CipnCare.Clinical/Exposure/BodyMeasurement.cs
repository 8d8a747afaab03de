namespace CipnCare.Clinical.Exposure;

/// <summary>A dated height and/or weight (either may be missing on a given day).</summary>
public sealed record BodyMeasurement(DateTime At, double? HeightCm, double? WeightKg);

/// <summary>The body size that applies on a date: the latest height and latest weight recorded on or before it.</summary>
public sealed record BodySize(double HeightCm, double WeightKg, double BsaM2)
{
    public static BodySize? At(IEnumerable<BodyMeasurement> measurements, DateTime at, BsaFormula formula)
    {
        var before = measurements.Where(m => m.At <= at).OrderByDescending(m => m.At).ToList();
        var height = before.FirstOrDefault(m => m.HeightCm is not null)?.HeightCm;
        var weight = before.FirstOrDefault(m => m.WeightKg is not null)?.WeightKg;
        return height is { } h && weight is { } w ? new BodySize(h, w, BodySurfaceArea.Calculate(h, w, formula)) : null;
    }
}
