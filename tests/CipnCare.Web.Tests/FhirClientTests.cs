using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

/// <summary>
/// A FHIR client nobody here wrote — the Firely SDK's <see cref="FhirClient"/> — creates an ordinary Patient and a
/// Condition, reads, updates (version-aware) and pages through a search, as an EHR integration would (issue #18).
/// </summary>
public sealed class FhirClientTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<FhirClient> ClientAsync(Guid team)
    {
        var http = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        return new FhirClient(new Uri(http.BaseAddress!, "/fhir").ToString(), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = true });
    }

    [Fact]
    public async Task Create_Read_Update_Page_WithTheFirelyClient()
    {
        var team = await app.CreateTeamAsync();
        var client = await ClientAsync(team);
        var family = CipnApp.Unique("Firely");
        var mrn = CipnApp.Unique("H");

        var created = await client.CreateAsync(new FhirPatient
        {
            Identifier = [new Identifier("urn:oid:2.16.840.1.113883.19.5.99999.1", mrn)],
            Name = [new HumanName { Family = family, Given = ["Ines"] }],
            Gender = AdministrativeGender.Female,
            BirthDate = "1962-07-19",
        }, Ct);
        Assert.NotNull(created);
        Assert.Equal("1", created.Meta?.VersionId);

        var condition = await client.CreateAsync(new Condition
        {
            Subject = new ResourceReference($"Patient/{created.Id}"),
            Code = new CodeableConcept("http://hl7.org/fhir/sid/icd-10-cm", "C25.9", "Malignant neoplasm of pancreas, unspecified", "Pancreatic adenocarcinoma"),
        }, Ct);
        Assert.Equal("C25.9", condition!.Code!.Coding[0].Code);

        var read = await client.ReadAsync<FhirPatient>($"Patient/{created.Id}", ct: Ct);
        Assert.Equal(("2", "Pancreatic adenocarcinoma"), (read!.Meta!.VersionId, read.GetStringExtension(Fhir.FhirCodes.DiagnosisExtension)));

        read.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, "+1 555 0199 321"));
        var updated = await client.UpdateAsync(read, versionAware: true, ct: Ct);
        Assert.Equal("3", updated!.Meta!.VersionId);
        Assert.Equal("+1 555 0199 321", updated.Telecom.Single().Value);

        // A second, version-aware update from the copy read before is refused: the client surfaces the 412.
        read.Telecom[0].Value = "+1 555 0100 000";
        var stale = await Assert.ThrowsAsync<FhirOperationException>(() => client.UpdateAsync(read, versionAware: true, ct: Ct));
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, stale.Status);

        for (var i = 0; i < 4; i++)
        {
            await app.CreatePatientAsync(team, withLogin: false, familyName: family);
        }

        var page = await client.SearchAsync<FhirPatient>(["name=" + family], pageSize: 2, ct: Ct);
        var ids = new List<string>();
        var pages = 0;
        while (page is not null)
        {
            pages++;
            ids.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await client.ContinueAsync(page, ct: Ct);
        }

        Assert.Equal((3, 5, 5), (pages, ids.Count, ids.Distinct().Count())); // every patient once
    }
}
