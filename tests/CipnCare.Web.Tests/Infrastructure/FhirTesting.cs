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

/// <summary>A Bulk Data client as the spec describes one: kick off with Prefer: respond-async, poll the status URL, read the files.</summary>
public static class BulkExportTesting
{
    public static HttpRequestMessage KickOff(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept", "application/fhir+json");
        request.Headers.Add("Prefer", "respond-async");
        return request;
    }

    /// <summary>Kicks off an export and answers its status URL (Content-Location), failing on anything but 202.</summary>
    public static async Task<string> StartAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = KickOff(url);
        var response = await client.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return response.Content.Headers.ContentLocation?.ToString() ?? response.Headers.GetValues("Content-Location").Single();
    }

    /// <summary>Polls the status URL until the manifest comes (at most a minute), checking each 202 says how far it has got.</summary>
    public static async Task<JsonElement> ManifestAsync(HttpClient client, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(status, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Content.Headers.Expires);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            }

            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{status}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            Assert.NotEmpty(response.Headers.GetValues("X-Progress").Single());
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "The export did not finish within a minute.");
            await System.Threading.Tasks.Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Every line of every output file of <paramref name="type"/>, each parsed; files must be application/fhir+ndjson.</summary>
    public static async Task<List<JsonElement>> LinesAsync(HttpClient client, JsonElement manifest, string type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var lines = new List<JsonElement>();
        foreach (var output in manifest.GetProperty("output").EnumerateArray().Where(o => o.GetProperty("type").GetString() == type))
        {
            var response = await client.GetAsync(output.GetProperty("url").GetString(), cancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var fileLines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(output.GetProperty("count").GetInt32(), fileLines.Length);
            lines.AddRange(fileLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()));
        }

        Assert.All(lines, l => Assert.Equal(type, l.GetProperty("resourceType").GetString()));
        return lines;
    }
}
