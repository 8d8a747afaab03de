using System.Text.Json;
using System.Text.Json.Serialization;
using CipnCare.Clinical.Instruments;

namespace CipnCare.Web.Features.Instruments;

/// <summary>
/// Our scoring JSON (docs/instruments.md): subscales, grades, PRO-CTCAE composites, derived values and the items the alert rules watch, read into
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
        List<DerivedValue>? Derived = null,
        List<ItemAlert>? Alerts = null);

    public static (ScoringDefinition? Scoring, string? Problem) Parse(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<File>(json, Options);
            if (file is null)
            {
                return (null, "The scoring definition is empty.");
            }

            return (new ScoringDefinition(file.Subscales ?? [], file.Grades ?? [], file.Composites ?? [], file.Derived ?? [], file.Alerts ?? []), null);
        }
        catch (JsonException e)
        {
            return (null, $"The scoring definition is not valid: {e.Message}");
        }
    }
}
