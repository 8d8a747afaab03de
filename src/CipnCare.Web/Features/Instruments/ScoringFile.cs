using System.Text.Json;
using System.Text.Json.Serialization;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// Our scoring JSON (docs/instruments.md): subscales, grades, PRO-CTCAE composites and derived values, read into
/// the clinical scoring definition. Absent lists are empty; unknown properties are refused, so a typo is not ignored.
/// </summary>
public static class ScoringFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private sealed record File(
        string? Description = null,
        List<Subscale>? Subscales = null,
        List<GradeRule>? Grades = null,
        List<CompositeRule>? Composites = null,
        List<DerivedValue>? Derived = null);

    public static (ScoringDefinition? Scoring, string? Problem) Parse(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<File>(json, Options);
            if (file is null)
            {
                return (null, "The scoring definition is empty.");
            }

            return (new ScoringDefinition(file.Subscales ?? [], file.Grades ?? [], file.Composites ?? [], file.Derived ?? []), null);
        }
        catch (JsonException e)
        {
            return (null, $"The scoring definition is not valid: {e.Message}");
        }
    }
}
