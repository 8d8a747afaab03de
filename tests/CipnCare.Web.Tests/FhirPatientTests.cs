using System.Net;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

public abstract class FhirPatientTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource => FhirTesting.ReadAsync<T>(response);

    private static StringContent Fhir(string json) => FhirTesting.Content(json);

    [Fact]
    public async Task Metadata_IsOpen_R4_AndListsPatient()
    {
        var response = await app.CreateClient().GetAsync("/fhir/metadata", Ct);

        var statement = await ReadAsync<CapabilityStatement>(response);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(["Patient", "Condition", "MedicationAdministration", "DetectedIssue", "Flag", "Encounter", "Goal", "CarePlan", "ServiceRequest", "MedicationStatement", "Communication", "Observation", "Group", "Questionnaire", "QuestionnaireResponse"], statement.Rest[0].Resource.Select(r => r.Type));
        Assert.Equal(CapabilityStatement.SystemRestfulInteraction.Transaction, Assert.Single(statement.Rest[0].Interaction).Code);
        var patient = statement.Rest[0].Resource[0];
        Assert.Equal(["neurotoxic-exposure", "everything", "export"], patient.Operation.Select(o => o.Name));
        Assert.Equal("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export", Assert.Single(statement.Rest[0].Operation).Definition); // Bulk Data at the system level
        Assert.Equal("export", Assert.Single(statement.Rest[0].Resource.Single(r => r.Type == "Group").Operation).Name);
        Assert.All(statement.Rest[0].Resource.Where(r => r.SearchParam.Count > 0), r => Assert.Contains(r.SearchParam, p => p.Name == "_lastUpdated"));
        Assert.Equal(["identifier", "name", "_lastUpdated"], patient.SearchParam.Select(s => s.Name));
        Assert.Contains(patient.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
    }

    [Fact]
    public async Task Read_WithoutToken_Is401OperationOutcome()
    {
        var response = await app.CreateClient().GetAsync($"/fhir/Patient/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Login, outcome.Issue[0].Code);
    }

    [Fact]
    public async Task Read_OwnTeamPatient_MapsEveryField()
    {
        var team = await app.CreateTeamAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var mrn = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patientId).Select(p => p.Mrn).SingleAsync());

        var patient = await ReadAsync<FhirPatient>(await client.GetAsync($"/fhir/Patient/{patientId}", Ct));

        Assert.Equal(patientId.ToString(), patient.Id);
        Assert.Equal(mrn, patient.Identifier.Single(i => i.System == FhirCodes.MrnSystem).Value);
        Assert.Equal("Test", patient.Name[0].Given.Single());
        Assert.Equal("1960-05-17", patient.BirthDate);
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal($"CareTeam/{team}", Assert.IsType<ResourceReference>(patient.GetExtension(FhirCodes.CareTeamExtension)?.Value).Reference);
        Assert.Equal("on-treatment", Assert.IsType<Coding>(patient.GetExtension(FhirCodes.TreatmentStatusExtension)?.Value).Code);
    }

    [Fact]
    public async Task Read_OtherTeamPatient_Is403_UnknownIs404()
    {
        var (patientId, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));

        var forbidden = await client.GetAsync($"/fhir/Patient/{patientId}", Ct);
        var missing = await client.GetAsync($"/fhir/Patient/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await ReadAsync<OperationOutcome>(forbidden)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotFound, (await ReadAsync<OperationOutcome>(missing)).Issue[0].Code);
    }

    [Fact]
    public async Task Search_ByIdentifierAndName_ReturnsOnlyVisiblePatients()
    {
        var team = await app.CreateTeamAsync();
        var family = CipnApp.Unique("Zed");
        var (mine, _) = await app.CreatePatientAsync(team, withLogin: false, familyName: family);
        var (theirs, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false, familyName: family + "x");
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var mrn = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == mine).Select(p => p.Mrn).SingleAsync());

        var byName = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?name={family[..8]}", Ct));
        var byIdentifier = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString(FhirCodes.MrnSystem + "|" + mrn)}", Ct));
        var otherSystem = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier=urn:other|{mrn}", Ct));

        Assert.Equal(Bundle.BundleType.Searchset, byName.Type);
        Assert.Equal([mine.ToString()], byName.Entry.Select(e => e.Resource!.Id));
        Assert.Equal(1, byName.Total);
        Assert.DoesNotContain(byName.Entry, e => e.Resource!.Id == theirs.ToString());
        Assert.Equal([mine.ToString()], byIdentifier.Entry.Select(e => e.Resource!.Id));
        Assert.Empty(otherSystem.Entry);
    }

    [Fact]
    public async Task Search_UnknownParameter_Is400()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var response = await client.GetAsync("/fhir/Patient?birthdate=1960", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("birthdate", (await ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_JoinsCallersTeam_Returns201WithLocation()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var mrn = CipnApp.Unique("MRN");
        var body = $$$"""
            {"resourceType":"Patient","identifier":[{"system":"{{{FhirCodes.MrnSystem}}}","value":"{{{mrn}}}"}],
             "name":[{"use":"official","family":"Nakamura","given":["Ken"]}],"gender":"male","birthDate":"1955-03-04",
             "extension":[{"url":"{{{FhirCodes.DiagnosisExtension}}}","valueString":"Multiple myeloma"},
                          {"url":"{{{FhirCodes.TreatmentStatusExtension}}}","valueCoding":{"system":"{{{FhirCodes.TreatmentStatusSystem}}}","code":"planned"}}]}
            """;

        var response = await client.PostAsync("/fhir/Patient", Fhir(body), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ReadAsync<FhirPatient>(response);
        Assert.EndsWith($"/fhir/Patient/{created.Id}/_history/1", response.Headers.Location!.ToString(), StringComparison.Ordinal); // FHIR: the id and version created
        var stored = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Mrn == mrn));
        Assert.Equal((team, "Nakamura", Features.Patients.Sex.Male, Features.Patients.TreatmentStatus.Planned), (stored.CareTeamId, stored.FamilyName, stored.Sex, stored.TreatmentStatus));
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"}}""", "Expected a Patient resource")]
    [InlineData("""{"resourceType":"Patient","birthDate":"last tuesday"}""", "birthDate")]
    [InlineData("""{"resourceType":"Patient","colour":"blue"}""", "colour")]
    public async Task Create_BadJsonOrResource_Is400OperationOutcome(string body, string expected)
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var response = await client.PostAsync("/fhir/Patient", Fhir(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Diagnostics!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_MissingRequiredData_Is422NamingEachElement_NothingStored()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var before = await app.WithDbAsync(db => db.Patients.CountAsync(p => p.CareTeamId == team));

        var response = await client.PostAsync("/fhir/Patient", Fhir("""{"resourceType":"Patient","name":[{"family":"Only"}]}"""), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        var elements = outcome.Issue.SelectMany(i => i.Expression).ToList();
        Assert.Contains("Patient.identifier", elements);
        Assert.Contains("Patient.name.given", elements);
        Assert.Contains("Patient.birthDate", elements);
        Assert.Contains("Patient.gender", elements);
        Assert.Equal(before, await app.WithDbAsync(db => db.Patients.CountAsync(p => p.CareTeamId == team)));
    }

    [Fact]
    public async Task Create_AsPatient_Is403()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Patient));

        var response = await client.PostAsync("/fhir/Patient", Fhir("""{"resourceType":"Patient"}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await ReadAsync<OperationOutcome>(response)).Issue[0].Code);
    }

    [Fact]
    public async Task UnsupportedResource_Is404OperationOutcome()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var response = await client.GetAsync("/fhir/Appointment", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not supported", (await ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }
}

public sealed class FhirPatientOnSqlite(SqliteApp app) : FhirPatientTests(app), IClassFixture<SqliteApp>;

public sealed class FhirPatientOnPostgres(PostgresApp app) : FhirPatientTests(app), IClassFixture<PostgresApp>;
