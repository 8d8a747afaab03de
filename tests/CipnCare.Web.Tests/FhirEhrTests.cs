using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Fhir;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Task = System.Threading.Tasks.Task;

namespace CipnCare.Web.Tests;

/// <summary>
/// What a hospital's EHR sends (issue #18): ordinary Patients with its own identifiers, diagnoses as Conditions,
/// versioned updates and history, paging, <c>_lastUpdated</c> and <c>$everything</c>.
/// </summary>
public abstract class FhirEhrTests(CipnApp app)
{
    private const string HospitalMrn = "urn:oid:2.16.840.1.113883.19.5.99999.1";
    private const string Enterprise = "https://hospital.example.org/fhir/sid/enterprise-id";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource => FhirTesting.ReadAsync<T>(response);

    private static string OrdinaryPatient(string mrn, string family = "Whitaker", string system = HospitalMrn, string more = "") => $$"""
        {"resourceType":"Patient","identifier":[{"system":"{{system}}","value":"{{mrn}}"}{{more}}],
         "name":[{"family":"{{family}}","given":["Ruth"]}],"gender":"female","birthDate":"1958-02-11"}
        """;

    private async Task<(HttpClient Client, Guid Team)> ClinicianAsync()
    {
        var team = await app.CreateTeamAsync();
        return (await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team)), team);
    }

    [Fact]
    public async Task OrdinaryPatient_FromAnEhr_IsAccepted_KeepsItsSystem_AndDefaultsToPlanned()
    {
        var (client, team) = await ClinicianAsync();
        var mrn = CipnApp.Unique("H");

        var response = await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(mrn)), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        var created = await ReadAsync<FhirPatient>(response);
        var mrnIdentifier = Assert.Single(created.Identifier);
        Assert.Equal((HospitalMrn, mrn, "MR"), (mrnIdentifier.System, mrnIdentifier.Value, mrnIdentifier.Type!.Coding[0].Code));
        Assert.Null(created.GetExtension(FhirCodes.DiagnosisExtension)); // none sent, none made up
        Assert.Equal("planned", ((Coding)created.GetExtension(FhirCodes.TreatmentStatusExtension)!.Value!).Code);
        Assert.Equal("1", created.Meta!.VersionId);
        var stored = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Mrn == mrn, Ct));
        Assert.Equal((HospitalMrn, team, "", Features.Patients.TreatmentStatus.Planned), (stored.MrnSystem, stored.CareTeamId, stored.Diagnosis, stored.TreatmentStatus));

        // Found by its own system, not by ours.
        var bySystem = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString($"{HospitalMrn}|{mrn}")}", Ct));
        Assert.Equal(created.Id, Assert.Single(bySystem.Entry).Resource!.Id);
        var byOurs = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString($"{FhirCodes.MrnSystem}|{mrn}")}", Ct));
        Assert.Empty(byOurs.Entry);
    }

    [Fact]
    public async Task OtherIdentifiers_AreKept_Searchable_AndADuplicateIsRefused()
    {
        var (client, _) = await ClinicianAsync();
        var (mrn, enterprise) = (CipnApp.Unique("MRN"), CipnApp.Unique("E"));
        var more = $$""",{"system":"{{Enterprise}}","value":"{{enterprise}}"}""";

        var created = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(mrn, system: FhirCodes.MrnSystem, more: more)), Ct));

        Assert.Equal([(FhirCodes.MrnSystem, mrn), (Enterprise, enterprise)], created.Identifier.Select(i => (i.System, i.Value)));
        var found = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString($"{Enterprise}|{enterprise}")}", Ct));
        Assert.Equal(created.Id, Assert.Single(found.Entry).Resource!.Id);
        Assert.Contains(await app.AuditForPatientAsync(Guid.Parse(created.Id!)), a => a.Action == "search patients (FHIR)" && a.Detail == "found by identifier");
        var byValueAlone = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier={enterprise}", Ct));
        Assert.Equal(created.Id, Assert.Single(byValueAlone.Entry).Resource!.Id);

        var again = await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("MRN"), system: FhirCodes.MrnSystem, more: more)), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var issue = Assert.Single((await ReadAsync<OperationOutcome>(again)).Issue);
        Assert.Equal((OperationOutcome.IssueType.Duplicate, "Patient.identifier"), (issue.Code, issue.Expression.Single()));
        Assert.Contains(enterprise, issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSiteChoosesItsMrnSystem()
    {
        var team = await app.CreateTeamAsync();
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("Fhir:MrnSystem", HospitalMrn));
        var client = await CipnApp.ClientForAsync(site, clinician);
        var mrn = CipnApp.Unique("H");

        var created = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(mrn)), Ct));

        Assert.Equal(HospitalMrn, await app.WithDbAsync(db => db.Patients.Where(p => p.Mrn == mrn).Select(p => p.MrnSystem).SingleAsync(Ct)));
        Assert.Equal(HospitalMrn, Assert.Single(created.Identifier).System);
        var found = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString($"{HospitalMrn}|{mrn}")}", Ct));
        Assert.Single(found.Entry);
    }

    [Fact]
    public async Task Identifiers_WithoutASystem_AndBadValues_Are422()
    {
        var (client, _) = await ClinicianAsync();

        var noSystem = await client.PostAsync("/fhir/Patient", FhirTesting.Content("""
            {"resourceType":"Patient","identifier":[{"value":"12345"}],"name":[{"family":"X","given":["Y"]}],"gender":"male","birthDate":"1950-01-01"}
            """), Ct);
        var notAUri = await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("H"), system: "hospital mrn")), Ct);
        // An absolute URI with a space in it: a uri has none, and a diagnosis's identifiers already refused it (IdentifierSystem).
        var spaced = await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("H"), system: "urn:hospital mrn")), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSystem.StatusCode);
        Assert.Contains("needs a system", Assert.Single((await ReadAsync<OperationOutcome>(noSystem)).Issue).Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAUri.StatusCode);
        Assert.Equal("Patient.identifier", (await ReadAsync<OperationOutcome>(notAUri)).Issue.Single().Expression.Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, spaced.StatusCode);
        Assert.Equal("Patient.identifier", (await ReadAsync<OperationOutcome>(spaced)).Issue.Single().Expression.Single());
    }

    [Fact]
    public async Task Update_WithIfMatch_MakesANewVersion_AStaleOneIs412_AndHistoryKeepsBoth()
    {
        var (client, _) = await ClinicianAsync();
        var mrn = CipnApp.Unique("H");
        var created = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(mrn)), Ct));
        var read = await client.GetAsync($"/fhir/Patient/{created.Id}", Ct);
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
        var patient = await ReadAsync<FhirPatient>(read);
        patient.Name[0].Family = "Whitaker-Jones";
        patient.Extension.Add(new Extension(FhirCodes.DiagnosisExtension, new FhirString("Stage II gastric adenocarcinoma")));

        var updated = await PutAsync(client, patient, "W/\"1\"");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("W/\"2\"", updated.Headers.ETag?.ToString());
        var v2 = await ReadAsync<FhirPatient>(updated);
        Assert.Equal(("2", "Whitaker-Jones"), (v2.Meta!.VersionId, v2.Name[0].Family));
        Assert.Equal("planned", ((Coding)v2.GetExtension(FhirCodes.TreatmentStatusExtension)!.Value!).Code); // unchanged

        // Someone still holding version 1 changes nothing.
        patient.Name[0].Family = "Overwritten";
        var stale = await PutAsync(client, patient, "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("version 2", (await ReadAsync<OperationOutcome>(stale)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(client, patient, "\"latest\"")).StatusCode);
        var stored = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Mrn == mrn, Ct));
        Assert.Equal((2, "Whitaker-Jones", "Stage II gastric adenocarcinoma"), (stored.Version, stored.FamilyName, stored.Diagnosis));

        var history = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{created.Id}/_history", Ct));
        Assert.Equal(Bundle.BundleType.History, history.Type);
        Assert.Equal([("2", "Whitaker-Jones"), ("1", "Whitaker")], history.Entry.Select(e => (e.Resource!.Meta!.VersionId, ((FhirPatient)e.Resource).Name[0].Family)));
        Assert.Equal([Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST], history.Entry.Select(e => e.Request!.Method!.Value));
        var v1 = await client.GetAsync($"/fhir/Patient/{created.Id}/_history/1", Ct);
        Assert.Equal("Whitaker", (await ReadAsync<FhirPatient>(v1)).Name[0].Family);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/Patient/{created.Id}/_history/3", Ct)).StatusCode);
    }

    [Fact]
    public async Task Update_ChecksWhoAndWhat()
    {
        var (client, team) = await ClinicianAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var patient = await ReadAsync<FhirPatient>(await client.GetAsync($"/fhir/Patient/{patientId}", Ct));
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var self = await app.ClientForAsync(login!);

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(self, patient, null)).StatusCode); // patients do not change their registration
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(outsider, patient, null)).StatusCode);
        var otherId = patient.DeepCopy() as FhirPatient;
        otherId!.Id = Guid.NewGuid().ToString();
        var mismatch = await client.PutAsync($"/fhir/Patient/{patientId}", FhirTesting.Content(otherId), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        patient.BirthDate = "2999-01-01";
        var future = await PutAsync(client, patient, null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal("Patient.birthDate", (await ReadAsync<OperationOutcome>(future)).Issue.Single().Expression.Single());
        Assert.Equal(1, await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patientId).Select(p => p.Version).SingleAsync(Ct)));
        Assert.Contains(await app.AuditForPatientAsync(patientId), a => a.Action == "update patient" && a.Outcome == Features.Audit.AuditOutcome.Denied);

        // Without If-Match the change applies to the current version; the body's meta.versionId is ignored, as FHIR says
        // (an EHR may forward its own server's version there). The registration as it was before stays in the history,
        // although this patient was registered before versions were kept.
        var family = patient.Name[0].Family;
        patient.BirthDate = "1960-05-17";
        patient.Name[0].Family = "Changed";
        patient.Meta!.VersionId = "7";
        var blind = await PutAsync(client, patient, null);
        Assert.Equal(HttpStatusCode.OK, blind.StatusCode);
        Assert.Equal("2", (await ReadAsync<FhirPatient>(blind)).Meta!.VersionId);
        var history = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{patientId}/_history", Ct));
        Assert.Equal([("2", "Changed"), ("1", family)], history.Entry.Select(e => (e.Resource!.Meta!.VersionId, ((FhirPatient)e.Resource).Name[0].Family)));
    }

    [Fact]
    public async Task TwoUpdatesAtOnce_OneWins_TheOtherIs412_Never500()
    {
        var (client, team) = await ClinicianAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var patient = await ReadAsync<FhirPatient>(await client.GetAsync($"/fhir/Patient/{patientId}", Ct));
        var first = (FhirPatient)patient.DeepCopy();
        first.Name[0].Family = "First";
        patient.Name[0].Family = "Second";

        var answers = await Task.WhenAll(PutAsync(client, first, "W/\"1\""), PutAsync(client, patient, "W/\"1\""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        var stored = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Id == patientId, Ct));
        var winner = answers[0].StatusCode == HttpStatusCode.OK ? "First" : "Second";
        Assert.Equal((2, winner), (stored.Version, stored.FamilyName));
    }

    [Fact]
    public async Task TheSameIdentifier_AsMrnOrAsAnother_IsOnePerson()
    {
        var (client, _) = await ClinicianAsync();
        var enterprise = CipnApp.Unique("E");

        // Sent first with only the enterprise number (it becomes the MRN), then again with a site MRN and that number.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(enterprise, system: Enterprise)), Ct)).StatusCode);
        var more = $$""",{"system":"{{Enterprise}}","value":"{{enterprise}}"}""";
        var again = await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("MRN"), system: FhirCodes.MrnSystem, more: more)), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains(enterprise, (await ReadAsync<OperationOutcome>(again)).Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MrnChoice_SkipsOldAndPersonalNumbers_AndOtherIdentifiersAreForStaffOnly()
    {
        var (client, _) = await ClinicianAsync();
        var (old, ssn, current) = (CipnApp.Unique("OLD"), CipnApp.Unique("SSN"), CipnApp.Unique("H"));
        var body = $$$"""
            {"resourceType":"Patient","identifier":[
              {"use":"old","system":"{{{HospitalMrn}}}","value":"{{{old}}}"},
              {"system":"http://hl7.org/fhir/sid/us-ssn","value":"{{{ssn}}}","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"SS"}]}},
              {"system":"{{{Enterprise}}}","value":"{{{current}}}"}],
             "name":[{"family":"Choice","given":["Ada"]}],"gender":"female","birthDate":"1950-01-01"}
            """;

        var response = await client.PostAsync("/fhir/Patient", FhirTesting.Content(body), Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var created = await ReadAsync<FhirPatient>(response);
        Assert.Equal((Enterprise, current), (created.Identifier[0].System, created.Identifier[0].Value)); // the MRN
        Assert.Equal(3, created.Identifier.Count);
        var carer = await app.ClientForAsync(await app.CreateCaregiverForAsync(Guid.Parse(created.Id!)));
        var seenByCarer = await ReadAsync<FhirPatient>(await carer.GetAsync($"/fhir/Patient/{created.Id}", Ct));
        Assert.Equal([current], seenByCarer.Identifier.Select(i => i.Value)); // not the social security number
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        Assert.Empty((await ReadAsync<Bundle>(await outsider.GetAsync($"/fhir/Patient?identifier={ssn}", Ct))).Entry);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/fhir/Patient?identifier={ssn}&identifier={current}", Ct)).StatusCode);
    }

    [Fact]
    public async Task TreatmentStatus_OfTheWrongType_Is422_NotPlanned()
    {
        var (client, _) = await ClinicianAsync();
        var body = $$"""
            {"resourceType":"Patient","identifier":[{"system":"{{HospitalMrn}}","value":"{{CipnApp.Unique("H")}}"}],
             "extension":[{"url":"{{FhirCodes.TreatmentStatusExtension}}","valueCode":"on-treatment"}],
             "name":[{"family":"Typed","given":["Bo"]}],"gender":"male","birthDate":"1950-01-01"}
            """;

        var response = await client.PostAsync("/fhir/Patient", FhirTesting.Content(body), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("valueCoding", (await ReadAsync<OperationOutcome>(response)).Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Condition_IsRecorded_GivesAnUndescribedPatientTheirDiagnosis_AndIsReadAndSearched()
    {
        var (client, _) = await ClinicianAsync();
        var mrn = CipnApp.Unique("H");
        var patient = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(mrn)), Ct));
        var body = $$"""
            {"resourceType":"Condition","subject":{"reference":"Patient/{{patient.Id}}"},
             "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"problem-list-item"}]}],
             "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"C16.9","display":"Malignant neoplasm of stomach, unspecified"}],"text":"Gastric adenocarcinoma"},
             "onsetDateTime":"2026-09-01"}
            """;

        var response = await client.PostAsync("/fhir/Condition", FhirTesting.Content(body), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var condition = await ReadAsync<Condition>(response);
        Assert.Equal(("C16.9", "Gastric adenocarcinoma", "confirmed", "2026-09-01"),
            (condition.Code!.Coding[0].Code, condition.Code.Text, condition.VerificationStatus!.Coding[0].Code, ((FhirDateTime)condition.Onset!).Value));
        var stored = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Mrn == mrn, Ct));
        Assert.Equal(("Gastric adenocarcinoma", 2), (stored.Diagnosis, stored.Version)); // a new version of the registration

        var read = await ReadAsync<Condition>(await client.GetAsync($"/fhir/Condition/{condition.Id}", Ct));
        Assert.Equal($"Patient/{patient.Id}", read.Subject.Reference);
        var search = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Condition?patient={patient.Id}", Ct));
        Assert.Equal(condition.Id, Assert.Single(search.Entry).Resource!.Id);
        var page = await client.GetStringAsync($"/patients/{patient.Id}", Ct); // staff see the coded diagnosis on the patient page
        Assert.Contains("Gastric adenocarcinoma — ICD-10-CM C16.9 (active, since 1 Sep 2026)", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/Condition/{condition.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync("/fhir/Condition", FhirTesting.Content(body), Ct)).StatusCode);
    }

    /// <summary>
    /// The EHR's identifier for a diagnosis is kept and sent back; the same Condition sent again (a retry, the problem list
    /// sent once more) answers 200 with the recorded one and stores nothing new; the same identifier saying something else,
    /// or on another patient's diagnosis, is a conflict (422, issue code duplicate); a malformed one is refused.
    /// </summary>
    [Fact]
    public async Task Condition_KeepsItsIdentifier_AndSentAgain_IsNotRecordedTwice()
    {
        var (client, _) = await ClinicianAsync();
        var patient = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("H"))), Ct));
        var other = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("H"))), Ct));
        var entry = CipnApp.Unique("PL");
        string Diagnosis(string patientId, string identifiers) => $$$"""
            {"resourceType":"Condition","identifier":{{{identifiers}}},"subject":{"reference":"Patient/{{{patientId}}}"},
             "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"C18.7"}],"text":"Sigmoid colon cancer"}}
            """;
        var sent = Diagnosis(patient.Id!, $$"""[{"system":"https://ehr.example.org/problem","value":"{{entry}}"},{"system":"urn:oid:2.16.840.1.113883.19.5","value":"77"}]""");

        var created = await client.PostAsync("/fhir/Condition", FhirTesting.Content(sent), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var condition = await ReadAsync<Condition>(created);
        Assert.Equal([("https://ehr.example.org/problem", entry), ("urn:oid:2.16.840.1.113883.19.5", "77")], condition.Identifier.Select(i => (i.System, i.Value)));
        var read = await ReadAsync<Condition>(await client.GetAsync($"/fhir/Condition/{condition.Id}", Ct));
        Assert.Equal(entry, read.Identifier[0].Value);
        var searched = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Condition?patient={patient.Id}", Ct));
        Assert.Equal(entry, ((Condition)Assert.Single(searched.Entry).Resource!).Identifier[0].Value);

        var again = await client.PostAsync("/fhir/Condition", FhirTesting.Content(sent), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(condition.Id, (await ReadAsync<Condition>(again)).Id);
        var byOneOfThem = await client.PostAsync("/fhir/Condition", FhirTesting.Content(Diagnosis(patient.Id!, $$"""[{"system":"https://ehr.example.org/problem","value":"{{entry}}"}]""")), Ct);
        Assert.Equal(HttpStatusCode.OK, byOneOfThem.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CancerConditions.CountAsync(c => c.PatientId == Guid.Parse(patient.Id!), Ct)));
        Assert.Contains(await app.AuditForPatientAsync(Guid.Parse(patient.Id!)), a => a.Detail == $"sent again: already recorded as {condition.Id} (https://ehr.example.org/problem|{entry})");

        var corrected = await client.PostAsync("/fhir/Condition", FhirTesting.Content(sent.Replace("\"code\":\"C18.7\"", "\"code\":\"C18.4\"", StringComparison.Ordinal)), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, corrected.StatusCode); // the same identifier saying something else is not dropped silently
        Assert.Contains("says something else", (await ReadAsync<OperationOutcome>(corrected)).Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Equal("C18.7", (await ReadAsync<Condition>(await client.GetAsync($"/fhir/Condition/{condition.Id}", Ct))).Code!.Coding[0].Code);

        var elsewhere = await client.PostAsync("/fhir/Condition", FhirTesting.Content(Diagnosis(other.Id!, $$"""[{"system":"https://ehr.example.org/problem","value":"{{entry}}"}]""")), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, elsewhere.StatusCode); // a conflict, as every FHIR write answers one (FhirResult)
        var duplicate = (await ReadAsync<OperationOutcome>(elsewhere)).Issue.Single();
        Assert.Equal(OperationOutcome.IssueType.Duplicate, duplicate.Code);
        Assert.Contains("already on another patient's diagnosis", duplicate.Diagnostics, StringComparison.Ordinal);
        var noSystem = await client.PostAsync("/fhir/Condition", FhirTesting.Content(Diagnosis(other.Id!, """[{"value":"12"}]""")), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSystem.StatusCode);
        var problem = (await ReadAsync<OperationOutcome>(noSystem)).Issue.Single();
        Assert.Equal("Condition.identifier", Assert.Single(problem.Expression));
        Assert.Equal(0, await app.WithDbAsync(db => db.CancerConditions.CountAsync(c => c.PatientId == Guid.Parse(other.Id!), Ct)));

        // Sent twice at the same moment (an EHR retrying a request that timed out): one diagnosis, both answered with it.
        var twice = Diagnosis(other.Id!, $$"""[{"system":"https://ehr.example.org/problem","value":"{{CipnApp.Unique("PL")}}"}]""");
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PostAsync("/fhir/Condition", FhirTesting.Content(twice), Ct)));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.StatusCode).Order()); // 200 and 201
        Assert.Equal(1, await app.WithDbAsync(db => db.CancerConditions.CountAsync(c => c.PatientId == Guid.Parse(other.Id!), Ct)));
    }

    [Fact]
    public async Task LastUpdated_FiltersEverySearch_ByWhenEachResourceLastChanged()
    {
        var (client, _) = await ClinicianAsync();
        var patient = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("H"))), Ct));
        string Diagnosis(string code, string text) => $$$"""
            {"resourceType":"Condition","subject":{"reference":"Patient/{{{patient.Id}}}"},
             "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"{{{code}}}"}],"text":"{{{text}}}"}}
            """;
        var first = await ReadAsync<Condition>(await client.PostAsync("/fhir/Condition", FhirTesting.Content(Diagnosis("C18.7", "Sigmoid colon cancer")), Ct));
        app.Clock.Advance(TimeSpan.FromMinutes(10)); // within the sign-in token's lifetime
        var between = app.Clock.GetUtcNow().AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var second = await ReadAsync<Condition>(await client.PostAsync("/fhir/Condition", FhirTesting.Content(Diagnosis("C20", "Rectal cancer")), Ct));

        var changed = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Condition?patient={patient.Id}&_lastUpdated=ge{between}", Ct));
        Assert.Equal(second.Id, Assert.Single(changed.Entry).Resource!.Id);
        var earlier = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Condition?patient={patient.Id}&_lastUpdated=lt{between}", Ct));
        Assert.Equal(first.Id, Assert.Single(earlier.Entry).Resource!.Id);
        Assert.Equal(second.Meta!.LastUpdated, Assert.Single(changed.Entry).Resource!.Meta!.LastUpdated);

        // Every type searched carries meta.lastUpdated: a check-in is found by when it was recorded.
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(client, Guid.Parse(patient.Id!), Questionnaires.Week(1), Ct)).StatusCode);
        var responses = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/QuestionnaireResponse?patient={patient.Id}&_lastUpdated=ge{between}", Ct));
        Assert.Single(responses.Entry);
        Assert.NotEmpty((await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={patient.Id}&category=survey&_lastUpdated=ge{between}", Ct))).Entry);
        Assert.Empty((await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={patient.Id}&category=survey&_lastUpdated=lt{between}", Ct))).Entry);
        foreach (var type in new[] { "MedicationAdministration", "DetectedIssue", "Flag", "Encounter", "Goal", "CarePlan", "ServiceRequest", "MedicationStatement" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/fhir/{type}?patient={patient.Id}&_lastUpdated=ge{between}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/fhir/{type}?patient={patient.Id}&_lastUpdated=soon", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task AProvisionalCondition_IsNotTheDiagnosis()
    {
        var (client, _) = await ClinicianAsync();
        var mrn = CipnApp.Unique("H");
        var patient = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(mrn)), Ct));
        var body = $$$"""
            {"resourceType":"Condition","subject":{"reference":"Patient/{{{patient.Id}}}"},
             "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"provisional"}]},
             "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"C34.90"}],"text":"Suspected lung cancer"}}
            """;

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/fhir/Condition", FhirTesting.Content(body), Ct)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Mrn == mrn, Ct));
        Assert.Equal(("", 1), (stored.Diagnosis, stored.Version));
    }

    [Theory]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", "I10", "Condition.code", "neoplasms chapter")]
    [InlineData("http://snomed.info/sct", "colon", "Condition.code", "concept id")]
    [InlineData("http://loinc.org", "1234-5", "Condition.code", "SNOMED CT")]
    public async Task Condition_WithABadCode_Is422_NothingStored(string system, string code, string element, string says)
    {
        var (client, team) = await ClinicianAsync();
        var (patientId, _) = await app.CreatePatientAsync(team, withLogin: false);
        var body = $$$"""
            {"resourceType":"Condition","subject":{"reference":"Patient/{{{patientId}}}"},"code":{"coding":[{"system":"{{{system}}}","code":"{{{code}}}"}],"text":"Something"}}
            """;

        var response = await client.PostAsync("/fhir/Condition", FhirTesting.Content(body), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issue = Assert.Single((await ReadAsync<OperationOutcome>(response)).Issue);
        Assert.Equal(element, issue.Expression.Single());
        Assert.Contains(says, issue.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CancerConditions.CountAsync(c => c.PatientId == patientId, Ct)));
    }

    [Fact]
    public async Task Search_IsPaged_WithNextLinks_AndLastUpdated()
    {
        var (client, team) = await ClinicianAsync();
        var family = CipnApp.Unique("Page");
        for (var i = 0; i < 3; i++)
        {
            await app.CreatePatientAsync(team, withLogin: false, familyName: family);
        }

        var first = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?name={family}&_count=2", Ct));

        Assert.Equal((3, 2), (first.Total, first.Entry.Count));
        var next = first.Link.Single(l => l.Relation == "next").Url;
        var second = await ReadAsync<Bundle>(await client.GetAsync(next, Ct));
        Assert.Single(second.Entry);
        Assert.DoesNotContain(second.Link, l => l.Relation == "next");
        Assert.Contains(second.Link, l => l.Relation == "previous");
        Assert.Empty(first.Entry.Select(e => e.Resource!.Id).Intersect(second.Entry.Select(e => e.Resource!.Id)));

        var today = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var since = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?name={family}&_lastUpdated=ge{today}", Ct));
        Assert.Equal(3, since.Total);
        var before = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient?name={family}&_lastUpdated=lt{today}", Ct));
        Assert.Equal(0, before.Total);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/fhir/Patient?name={family}&_lastUpdated=yesterday", Ct)).StatusCode);
    }

    [Fact]
    public async Task Everything_HoldsThePatientAndTheirRecord_Paged()
    {
        var (client, _) = await ClinicianAsync();
        var patient = await ReadAsync<FhirPatient>(await client.PostAsync("/fhir/Patient", FhirTesting.Content(OrdinaryPatient(CipnApp.Unique("H"))), Ct));
        await client.PostAsync("/fhir/Condition", FhirTesting.Content($$$"""
            {"resourceType":"Condition","subject":{"reference":"Patient/{{{patient.Id}}}"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"C20"}],"text":"Rectal cancer"}}
            """), Ct);

        var all = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{patient.Id}/$everything", Ct));
        var paged = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{patient.Id}/$everything?_count=1", Ct));

        Assert.Equal(["Patient", "Condition"], all.Entry.Select(e => e.Resource!.TypeName));
        Assert.Equal((2, "Patient"), (paged.Total!.Value, Assert.Single(paged.Entry).Resource!.TypeName));
        Assert.Contains(paged.Link, l => l.Relation == "next");
        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/Patient/{patient.Id}/$everything", Ct)).StatusCode);
    }

    [Fact]
    public async Task EveryTypeSearchedByPatient_IsReadById_AsSearchShowsIt_AndEverySearchPages()
    {
        var (client, team) = await ClinicianAsync();
        var (patientId, login) = await app.CreatePatientAsync(team);
        var self = await app.ClientForAsync(login!);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patientId, Questionnaires.Week(3, everyday: true, selfCare: true, falls: 2), Ct)).StatusCode);
        var everything = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Patient/{patientId}/$everything", Ct));
        var readable = everything.Entry.Select(e => e.Resource!).Where(r => FhirApi.ReadThroughRecord.Contains(r.TypeName)).ToList();
        Assert.Contains(readable, r => r.TypeName == "Observation");
        Assert.Contains(readable, r => r.TypeName == "Flag");

        foreach (var resource in readable)
        {
            var read = await client.GetAsync($"/fhir/{resource.TypeName}/{resource.Id}", Ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var body = JsonSerializer.Deserialize<Resource>(await read.Content.ReadAsStringAsync(Ct), FhirJson.Options)!;
            Assert.Equal(FhirJson.Serialize(resource), FhirJson.Serialize(body));
        }

        var outsider = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/fhir/{readable[0].TypeName}/{readable[0].Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/Flag/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fhir/Observation/not-an-id", Ct)).StatusCode);

        var scores = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Observation?patient={patientId}&category=survey&_count=2", Ct));
        Assert.Equal(2, scores.Entry.Count);
        Assert.True(scores.Total > 2);
        var rest = await ReadAsync<Bundle>(await client.GetAsync(scores.Link.Single(l => l.Relation == "next").Url, Ct));
        Assert.Equal(Math.Min(2, scores.Total!.Value - 2), rest.Entry.Count);
        var flags = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/Flag?patient={patientId}&_count=0", Ct));
        Assert.Empty(flags.Entry);
        Assert.True(flags.Total > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/fhir/Flag?patient={patientId}&_count=many", Ct)).StatusCode);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, FhirPatient patient, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Patient/{patient.Id}") { Content = FhirTesting.Content(patient) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return client.SendAsync(request, Ct);
    }
}

public sealed class FhirEhrOnSqlite(SqliteApp app) : FhirEhrTests(app), IClassFixture<SqliteApp>;

public sealed class FhirEhrOnPostgres(PostgresApp app) : FhirEhrTests(app), IClassFixture<PostgresApp>;
