using System.Text;
using System.Text.Json;
using CipnCare.Web.Fhir;
using Hl7.Fhir.Model;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>FHIR JSON in and out of the test host, through the same Firely options as the app.</summary>
public static class FhirTesting
{
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        return Assert.IsType<T>(JsonSerializer.Deserialize<Resource>(json, FhirJson.Options));
    }

    public static StringContent Content(Resource resource) => new(FhirJson.Serialize(resource), Encoding.UTF8, "application/fhir+json");

    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/fhir+json");
}
