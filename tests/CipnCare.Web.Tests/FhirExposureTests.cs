using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Exposure;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

public abstract class FhirExposureTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource => FhirTesting.ReadAsync<T>(response);

    private static T Part<T>(Parameters.ParameterComponent parameter, string name)
        where T : DataType => Assert.IsType<T>(parameter.Part.Single(p => p.Name == name).Value);

    private string At(double daysAgo) => app.Clock.GetUtcNow().AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Dose(Guid patient, string system, string code, string at, double value, string? ucum, string? acknowledgement = null)
    {
        var dose = new Dictionary<string, object> { ["value"] = value };
        if (ucum is not null)
        {
            dose["system"] = "http://unitsofmeasure.org";
            dose["code"] = ucum;
        }

        var resource = new Dictionary<string, object>
        {
            ["resourceType"] = "MedicationAdministration",
            ["status"] = "completed",
            ["medicationCodeableConcept"] = new { coding = new[] { new { system, code } } },
            ["subject"] = new { reference = $"Patient/{patient}" },
            ["effectiveDateTime"] = at,
            ["dosage"] = new Dictionary<string, object> { ["route"] = new { text = "IV" }, ["dose"] = dose },
        };
        if (acknowledgement is not null)
        {
            resource["extension"] = new[] { new { url = ExposureMapper.AcknowledgementExtension, valueString = acknowledgement } };
        }

        return new StringContent(JsonSerializer.Serialize(resource), Encoding.UTF8, "application/fhir+json");
    }

    private async Task<(HttpClient Client, Guid Patient)> PatientAsync()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        await client.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = app.Clock.GetUtcNow().AddDays(-60), heightCm = 180, weightKg = 80 }, Ct);
        return (client, patient);
    }

    [Fact]
    public async Task PostedDoses_ByRxNormOrOurCode_AddUpInNeurotoxicExposure()
    {
        var (client, patient) = await PatientAsync();

        var first = await client.PostAsync("/fhir/MedicationAdministration", Dose(patient, ExposureMapper.RxNormSystem, "32592", At(28), 85, "mg/m2"), Ct);
        var second = await client.PostAsync("/fhir/MedicationAdministration", Dose(patient, "https://cipncare.org/fhir/CodeSystem/agent", "oxaliplatin", At(14), 170, "mg"), Ct);
        var parameters = await ReadAsync<Parameters>(await client.GetAsync($"/fhir/Patient/{patient}/$neurotoxic-exposure", Ct));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var created = await ReadAsync<MedicationAdministration>(first);
        Assert.Equal("mg/m2", created.Dosage!.Dose!.Code);
        Assert.Equal($"Patient/{patient}", ((ResourceReference)parameters.Parameter[0].Value!).Reference);
        var agent = Assert.Single(parameters.Parameter, p => p.Name == "agent");
        Assert.Equal("agent", agent.Name);
        Assert.Equal("32592", Part<Coding>(agent, "code").Code);
        Assert.Equal((170m, "mg/m2"), (Part<Quantity>(agent, "cumulativeDose").Value, Part<Quantity>(agent, "cumulativeDose").Code));
        Assert.Equal(340m, Part<Quantity>(agent, "cumulativeDoseMg").Value);
        Assert.Equal(850m, Part<Quantity>(agent, "threshold").Value);
        Assert.Equal(20m, Part<FhirDecimal>(agent, "percentOfThreshold").Value);
        Assert.Equal("below threshold", Part<FhirString>(agent, "riskBand").Value);

        var bundle = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/MedicationAdministration?patient=Patient/{patient}", Ct));
        Assert.Equal(2, bundle.Total);
    }

    [Theory]
    [InlineData("https://cipncare.org/fhir/CodeSystem/agent", "aspirin", 85.0, "mg/m2", "MedicationAdministration.medication")]
    [InlineData("https://cipncare.org/fhir/CodeSystem/agent", "oxaliplatin", 85.0, null, "MedicationAdministration.dosage.dose")]
    [InlineData("https://cipncare.org/fhir/CodeSystem/agent", "oxaliplatin", 0.0, "mg/m2", "MedicationAdministration.dosage.dose")]
    public async Task BadDose_Is422NamingTheElement_NothingStored(string system, string code, double value, string? ucum, string element)
    {
        var (client, patient) = await PatientAsync();

        var response = await client.PostAsync("/fhir/MedicationAdministration", Dose(patient, system, code, At(1), value, ucum), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(element, (await ReadAsync<OperationOutcome>(response)).Issue.SelectMany(i => i.Expression));
        Assert.Equal(0, await app.WithDbAsync(db => db.DoseAdministrations.CountAsync(a => a.PatientId == patient)));
    }

    [Fact]
    public async Task FutureDose_Is422()
    {
        var (client, patient) = await PatientAsync();

        var response = await client.PostAsync("/fhir/MedicationAdministration", Dose(patient, ExposureMapper.RxNormSystem, "32592", At(-2), 85, "mg/m2"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("cannot be in the future", (await ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UncappedVincristine_Is409_ThenWithAcknowledgement_IsAHighDetectedIssue()
    {
        var (client, patient) = await PatientAsync();

        var refused = await client.PostAsync("/fhir/MedicationAdministration", Dose(patient, ExposureMapper.RxNormSystem, "11202", At(1), 1.4, "mg/m2"), Ct);
        var accepted = await client.PostAsync("/fhir/MedicationAdministration", Dose(patient, ExposureMapper.RxNormSystem, "11202", At(1), 1.4, "mg/m2", "Bag capped at 2 mg by pharmacy"), Ct);
        var issues = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/DetectedIssue?patient={patient}", Ct));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains((await ReadAsync<OperationOutcome>(refused)).Issue, i => i.Diagnostics!.StartsWith("AbovePerDoseCap: Vincristine 2.8 mg", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var issue = Assert.IsType<DetectedIssue>(Assert.Single(issues.Entry).Resource);
        Assert.Equal(DetectedIssue.DetectedIssueSeverity.High, issue.Severity);
        Assert.Equal($"Patient/{patient}", issue.Patient!.Reference);
        Assert.Equal($"MedicationAdministration/{(await ReadAsync<MedicationAdministration>(accepted)).Id}", issue.Implicated[0].Reference);
        Assert.Contains("Bag capped at 2 mg by pharmacy", issue.Mitigation[0].Action!.Text, StringComparison.Ordinal);

        // No one here saw that finding: the team's worklist gets a high alert naming it (issue #12).
        var alert = Assert.Single(await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.PatientId == patient).ToListAsync()));
        Assert.Equal((AlertCode.DoseSafetyFinding, AlertSeverity.High, AlertStatus.Open), (alert.Code, alert.Severity, alert.Status));
        Assert.Equal("Dose-safety finding on an imported vincristine dose", alert.Title);
        Assert.Contains("Vincristine 2.8 mg", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADoseWithFindings_EnteredHere_IsAcknowledgedByItsClinician_AndOpensNoAlert()
    {
        var (client, patient) = await PatientAsync();

        var entered = await client.PostAsJsonAsync($"/api/patients/{patient}/administrations",
            new { agentCode = "vincristine", administeredAt = app.Clock.GetUtcNow().AddDays(-1), amount = 1.4, unit = "MgPerM2", route = "IV", acknowledge = true, acknowledgementReason = "Bag capped at 2 mg by pharmacy" }, CipnApp.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.PatientId == patient)));
    }

    private Observation Body(Guid patient, string loinc, decimal value, string unit) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept(ExposureMapper.LoincSystem, loinc),
        Subject = new ResourceReference($"Patient/{patient}"),
        Effective = new FhirDateTime(app.Clock.GetUtcNow().AddDays(-200)),
        Value = new Quantity { Value = value, System = ExposureMapper.UcumSystem, Code = unit, Unit = unit },
    };

    private MedicationAdministration Oxaliplatin(Guid patient, double daysAgo, string? acknowledgement = null, decimal amount = 85)
    {
        var dose = new MedicationAdministration
        {
            Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Medication = new CodeableConcept(ExposureMapper.RxNormSystem, "32592"),
            Subject = new ResourceReference($"Patient/{patient}"),
            Effective = new FhirDateTime(app.Clock.GetUtcNow().AddDays(-daysAgo)),
            Dosage = new MedicationAdministration.DosageComponent { Dose = new Quantity { Value = amount, System = ExposureMapper.UcumSystem, Code = "mg/m2" } },
        };
        if (acknowledgement is not null)
        {
            dose.SetStringExtension(ExposureMapper.AcknowledgementExtension, acknowledgement);
        }

        return dose;
    }

    private static StringContent Transaction(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = resource, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName } });
        }

        return new StringContent(FhirJson.Serialize(bundle), Encoding.UTF8, "application/fhir+json");
    }

    [Fact]
    public async Task TransactionBundle_ImportsAWholeFolfoxHistory()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        // Doses listed newest first on purpose: the import sorts them. The 7th in time crosses 550 mg/m² and the
        // 10th reaches 850 mg/m²; both carry an acknowledgement.
        var doses = Enumerable.Range(0, 12).Reverse().Select(i => (Resource)Oxaliplatin(patient, 170 - (i * 14), i is 6 or 9 ? "Reviewed in clinic; continue." : null));
        Resource[] body = [Body(patient, ExposureMapper.BodyHeightLoinc, 180, "cm"), Body(patient, ExposureMapper.BodyWeightLoinc, 80, "kg")];

        var response = await client.PostAsync("/fhir", Transaction(doses.Concat(body)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.Equal(14, result.Entry.Count);
        Assert.All(result.Entry, e => Assert.Equal("201 Created", e.Response!.Status));
        var parameters = await ReadAsync<Parameters>(await client.GetAsync($"/fhir/Patient/{patient}/$neurotoxic-exposure", Ct));
        Assert.Equal(1020m, Part<Quantity>(parameters.Parameter[1], "cumulativeDose").Value);
        Assert.Equal("high", Part<FhirString>(parameters.Parameter[1], "riskBand").Value);
        Assert.Equal(2, (await ReadAsync<Bundle>(await client.GetAsync($"/fhir/DetectedIssue?patient={patient}", Ct))).Total);
        // Every entry's audit event, written by the import's last save, in the chain.
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Equal(12, audit.Count(e => e.Action == "record dose" && e.Outcome == Features.Audit.AuditOutcome.Success && e.Seq is not null));
        Assert.Equal(2, audit.Count(e => e.Action == "record height/weight" && e.Outcome == Features.Audit.AuditOutcome.Success && e.Seq is not null));
        var verification = await app.WithDbAsync(db => Features.Audit.AuditChain.VerifyAsync(db, Ct));
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task TransactionBundle_WithAnotherTeamsPatientAfterAnAllowedOne_ImportsNothing()
    {
        var team = await app.CreateTeamAsync();
        var (own, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (outside, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        Resource[] entries = [Body(own, ExposureMapper.BodyHeightLoinc, 180, "cm"), Body(own, ExposureMapper.BodyWeightLoinc, 80, "kg"), Oxaliplatin(own, 30), Oxaliplatin(outside, 20)];

        var response = await client.PostAsync("/fhir", Transaction(entries), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Bundle.entry[3]", (await ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.DoseAdministrations.CountAsync(a => a.PatientId == own || a.PatientId == outside)));
        Assert.Equal(0, await app.WithDbAsync(db => db.BodyMeasurements.CountAsync(m => m.PatientId == own)));
        Assert.DoesNotContain(await app.AuditForPatientAsync(own), e => e.Action == "record dose"); // rolled back with the rows
    }

    [Fact]
    public async Task TransactionBundle_ChecksEachDose_AsSinglePostsWould_AgainstTheRecordAndTheBundlesEarlierDoses()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        async Task<Guid> PatientWithAPlanAndOneDoseAsync()
        {
            var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
            await client.PostAsJsonAsync($"/api/patients/{patient}/body-measurements", new { measuredAt = app.Clock.GetUtcNow().AddDays(-200), heightCm = 180, weightKg = 80 }, Ct);
            await client.PostAsJsonAsync($"/api/patients/{patient}/regimen", new { agentCode = "oxaliplatin", dose = 85, unit = "MgPerM2", route = "IV", intervalDays = 14, cycles = 12 }, Ct);
            var stored = await client.PostAsync("/fhir/MedicationAdministration", new StringContent(FhirJson.Serialize(Oxaliplatin(patient, 100)), Encoding.UTF8, "application/fhir+json"), Ct);
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
            return patient;
        }

        var (single, bundled) = (await PatientWithAPlanAndOneDoseAsync(), await PatientWithAPlanAndOneDoseAsync());
        var (other, _) = await app.CreatePatientAsync(team, withLogin: false);
        // Oldest first, as the import orders them: a dose a day from the one on record, one three times the plan, one
        // three days after the one before it, and enough in all to cross both cumulative bands.
        (double DaysAgo, decimal Amount)[] history = [(150, 85), (136, 85), (122, 85), (108, 85), (99.5, 85), (86, 255), (83, 85), (66, 85), (52, 85), (38, 85), (24, 85)];
        foreach (var (daysAgo, amount) in history)
        {
            var posted = await client.PostAsync("/fhir/MedicationAdministration", new StringContent(FhirJson.Serialize(Oxaliplatin(single, daysAgo, "Reviewed.", amount)), Encoding.UTF8, "application/fhir+json"), Ct);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        // The same doses for a second patient in one Bundle, newest first, each beside a dose of a third patient.
        var entries = history.Reverse().SelectMany(d => new Resource[] { Oxaliplatin(bundled, d.DaysAgo, "Reviewed.", d.Amount), Oxaliplatin(other, d.DaysAgo, "Reviewed.", d.Amount) });
        var response = await client.PostAsync("/fhir", Transaction([Body(other, ExposureMapper.BodyHeightLoinc, 170, "cm"), Body(other, ExposureMapper.BodyWeightLoinc, 70, "kg"), .. entries]), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Task<List<string>> FindingsAsync(Guid patient) => app.WithDbAsync(async db => (await db.DoseFindings.Where(f => f.PatientId == patient)
                .Join(db.DoseAdministrations, f => f.AdministrationId, a => a.Id, (f, a) => new { a.AdministeredAt, a.Mg, a.InBasis, f.Rule, f.Severity, f.Message })
                .ToListAsync(Ct))
            .Select(f => $"{f.AdministeredAt:O} {f.Mg} {f.InBasis} {f.Rule} {f.Severity} {f.Message}").Order(StringComparer.Ordinal).ToList());
        var expected = await FindingsAsync(single);
        Assert.Equal(expected, await FindingsAsync(bundled));
        string[] rules = [nameof(DoseRule.DuplicateWithin24Hours), nameof(DoseRule.AbovePlannedDose), nameof(DoseRule.ShortInterval), nameof(DoseRule.CrossesRiskBand)];
        Assert.All(rules, rule => Assert.Contains(expected, f => f.Contains($" {rule} ", StringComparison.Ordinal)));
        Assert.Equal(2, expected.Count(f => f.Contains($" {nameof(DoseRule.CrossesRiskBand)} ", StringComparison.Ordinal)));
        Assert.Equal(
            await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == single).Select(a => a.Title).OrderBy(t => t).ToListAsync(Ct)),
            await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == bundled).Select(a => a.Title).OrderBy(t => t).ToListAsync(Ct)));
        Assert.NotEqual(expected, await FindingsAsync(other)); // its own record: no plan, no dose before the Bundle, another body size
    }

    [Fact]
    public async Task TransactionBundle_WithOneUnacknowledgedFinding_ImportsNothing()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var doses = Enumerable.Range(0, 8).Select(i => (Resource)Oxaliplatin(patient, 120 - (i * 14)));
        Resource[] body = [Body(patient, ExposureMapper.BodyHeightLoinc, 180, "cm"), Body(patient, ExposureMapper.BodyWeightLoinc, 80, "kg")];

        var response = await client.PostAsync("/fhir", Transaction(body.Concat(doses)), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Diagnostics!.StartsWith("Bundle.entry[8]: CrossesRiskBand", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.DoseAdministrations.CountAsync(a => a.PatientId == patient)));
        Assert.Equal(0, await app.WithDbAsync(db => db.BodyMeasurements.CountAsync(m => m.PatientId == patient)));
    }

    [Fact]
    public async Task TransactionBundle_ForAnotherTeamsPatient_IsRefused_AndTheRefusalStaysOnTheirAuditTrail()
    {
        var (patient, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        Resource[] body = [Body(patient, ExposureMapper.BodyHeightLoinc, 180, "cm")];

        var response = await outsider.PostAsync("/fhir", Transaction(body), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var audit = await app.AuditForPatientAsync(patient);
        Assert.Contains(audit, e => e.Action == "import FHIR transaction" && e.Outcome == Features.Audit.AuditOutcome.Denied); // not rolled back with the import
        Assert.Equal(0, await app.WithDbAsync(db => db.BodyMeasurements.CountAsync(m => m.PatientId == patient)));
    }

    [Fact]
    public async Task Observation_OtherThanHeightOrWeight_Is422()
    {
        var (client, patient) = await PatientAsync();
        var glucose = Body(patient, "2345-7", 5, "mmol/L");

        var response = await client.PostAsync("/fhir/Observation", new StringContent(FhirJson.Serialize(glucose), Encoding.UTF8, "application/fhir+json"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Only body height (LOINC 8302-2) and body weight (LOINC 29463-7)", (await ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherTeamsPatient_Is403_AndSearchNeedsAPatient()
    {
        var (_, patient) = await PatientAsync();
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/Patient/{patient}/$neurotoxic-exposure", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/DetectedIssue?patient={patient}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync("/fhir/MedicationAdministration", Dose(patient, ExposureMapper.RxNormSystem, "32592", At(1), 85, "mg/m2"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await outsider.GetAsync("/fhir/MedicationAdministration", Ct)).StatusCode);
    }
}

public sealed class FhirExposureOnSqlite(SqliteApp app) : FhirExposureTests(app), IClassFixture<SqliteApp>;

public sealed class FhirExposureOnPostgres(PostgresApp app) : FhirExposureTests(app), IClassFixture<PostgresApp>;
