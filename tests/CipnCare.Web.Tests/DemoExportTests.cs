using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Operations;
using CipnCare.Web.Fhir;
using CipnCare.Web.Fhir.Bulk;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

/// <summary>
/// Bulk export reads a batch of patients together (one read of each kind for fifty at once); a patient's lines must be
/// exactly what their own <c>$everything</c> gives, resource for resource — nothing of another patient's, nothing lost.
/// The demo fills every type.
/// </summary>
public sealed class DemoExportTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASystemExport_GivesEachPatientExactlyTheirOwnEverything()
    {
        var client = await app.ClientForAsync(new TestUser("", DemoSeeder.AdminEmail, DemoSeeder.Password, Roles.Admin, ""));
        var manifest = await BulkExportTesting.ManifestAsync(client, await BulkExportTesting.StartAsync(client, "/fhir/$export", Ct), Ct);
        Assert.Empty(manifest.GetProperty("error").EnumerateArray());
        var exported = new Dictionary<string, string>();
        foreach (var type in BulkExportApi.SystemTypes.Where(t => t != "Questionnaire"))
        {
            foreach (var line in await BulkExportTesting.LinesAsync(client, manifest, type, Ct))
            {
                exported.Add($"{type}/{line.GetProperty("id").GetString()}", JsonSerializer.Serialize(line)); // one way of writing both sides
            }
        }

        var patientIds = exported.Keys.Where(k => k.StartsWith("Patient/", StringComparison.Ordinal)).Select(k => k["Patient/".Length..]).ToList();
        Assert.True(patientIds.Count >= 6, "the demo has six patients");
        var everything = new Dictionary<string, string>();
        foreach (var id in patientIds)
        {
            for (var url = $"/fhir/Patient/{id}/$everything"; url is not null;)
            {
                var page = await FhirTesting.ReadAsync<Bundle>(await client.GetAsync(url, Ct));
                foreach (var resource in page.Entry.Select(e => e.Resource!))
                {
                    everything.Add($"{resource.TypeName}/{resource.Id}", JsonSerializer.Serialize(JsonDocument.Parse(FhirJson.Serialize(resource)).RootElement));
                }

                url = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
            }
        }

        Assert.Equal(everything.Keys.Order(), exported.Keys.Order());
        // The same content, built from the same mappers; only a photo's address differs: a request's own host for
        // $everything, the site's public address for background work.
        var site = app.Services.GetRequiredService<IConfiguration>()[PublicAddress.Setting]!.TrimEnd('/');
        Assert.Contains(exported.Values, line => line.Contains($"\"{site}/messages/photos/", StringComparison.Ordinal));
        Assert.All(everything, e => Assert.Equal(e.Value, exported[e.Key].Replace($"\"{site}/", "\"http://localhost/", StringComparison.Ordinal)));
    }
}
