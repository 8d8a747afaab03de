using System.Net;
using System.Text.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Fhir.Bulk;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// FHIR Bulk Data 2.0 export (issue #18): kick-off, polling, NDJSON files for the requester only, <c>_type</c> and
/// <c>_since</c>, a Group per care team, cancellation, and jobs that several instances share without running one twice.
/// </summary>
public abstract class ExportingInBulkTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SystemExport_GivesTheClinicianTheirTeamsPatientsOnly_AsNdjsonFilesOnlyTheyCanRead()
    {
        var team = await app.CreateTeamAsync();
        var (first, firstLogin) = await app.CreatePatientAsync(team);
        var (second, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (elsewhere, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        using (var self = await app.ClientForAsync(firstLogin!))
        {
            Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, first, Questionnaires.Week(2), Ct)).StatusCode);
        }

        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        await app.WithDbAsync(db => // emergency access opens one record for one person's care: not an export
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.EmergencyAccessGrants.Add(new() { Id = Guid.NewGuid(), PatientId = elsewhere, ClinicianUserId = clinician.UserId, Reason = "Seen in the emergency department tonight", StartedAt = now, ExpiresAt = now.AddHours(4) });
            return db.SaveChangesAsync();
        });
        using var client = await app.ClientForAsync(clinician);
        var status = await BulkExportTesting.StartAsync(client, "/fhir/$export", Ct);
        Assert.StartsWith("http://localhost/fhir/bulk-status/", status, StringComparison.Ordinal);

        var manifest = await BulkExportTesting.ManifestAsync(client, status, Ct);
        Assert.Equal("http://localhost/fhir/$export", manifest.GetProperty("request").GetString());
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.True(DateTimeOffset.TryParse(manifest.GetProperty("transactionTime").GetString(), out _));
        Assert.Empty(manifest.GetProperty("error").EnumerateArray());

        var patients = await BulkExportTesting.LinesAsync(client, manifest, "Patient", Ct);
        Assert.Equal(new[] { first, second }.Order(), patients.Select(p => Guid.Parse(p.GetProperty("id").GetString()!)).Order());
        var responses = await BulkExportTesting.LinesAsync(client, manifest, "QuestionnaireResponse", Ct);
        Assert.Equal($"Patient/{first}", Assert.Single(responses).GetProperty("subject").GetProperty("reference").GetString());
        Assert.NotEmpty(await BulkExportTesting.LinesAsync(client, manifest, "Observation", Ct));
        Assert.NotEmpty(await BulkExportTesting.LinesAsync(client, manifest, "Questionnaire", Ct)); // the system level adds what belongs to no patient

        // Each patient exported was opened as any read is, and audited; the other team's patient was not touched.
        Assert.Single(await app.AuditForPatientAsync(first), a => a.Action == BulkExportRunner.PatientAction && a.UserId == clinician.UserId && a.Outcome == AuditOutcome.Success);
        Assert.Single(await app.AuditForPatientAsync(second), a => a.Action == BulkExportRunner.PatientAction);
        Assert.DoesNotContain(await app.AuditForPatientAsync(elsewhere), a => a.Action == BulkExportRunner.PatientAction);
        var trail = await app.AuditForUserAsync(clinician);
        Assert.Contains(trail, a => a.Action == "start bulk export (FHIR)");
        Assert.Contains(trail, a => a.Action == "download bulk export file (FHIR)" && a.Detail!.Contains("Patient", StringComparison.Ordinal));

        // Another clinician — even an administrator — cannot poll it or read its files: the export is not shown to exist.
        using var other = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(status, Ct)).StatusCode);
        var fileUrl = manifest.GetProperty("output")[0].GetProperty("url").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(fileUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync(status, Ct)).StatusCode);
    }

    [Fact]
    public async Task GroupExport_WithTypeAndSince_GivesOnlyThoseTypesChangedSince()
    {
        var team = await app.CreateTeamAsync();
        var (before, _) = await app.CreatePatientAsync(team, withLogin: false);
        var since = app.Clock.GetUtcNow().AddHours(1);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var (after, _) = await app.CreatePatientAsync(team, withLogin: false);
        using var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        // The Group is the care team, its members the team's patients.
        using var group = JsonDocument.Parse(await client.GetStringAsync($"/fhir/Group/{team}", Ct));
        Assert.Equal(2, group.RootElement.GetProperty("quantity").GetInt32());
        Assert.Equal("person", group.RootElement.GetProperty("type").GetString());

        var sinceText = Uri.EscapeDataString(since.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var status = await BulkExportTesting.StartAsync(client, $"/fhir/Group/{team}/$export?_type=Patient,Flag&_since={sinceText}", Ct);
        var manifest = await BulkExportTesting.ManifestAsync(client, status, Ct);
        var types = manifest.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()).ToList();
        Assert.Equal(["Patient"], types); // no alerts were raised: no Flag file; nothing else was asked for
        var patients = await BulkExportTesting.LinesAsync(client, manifest, "Patient", Ct);
        Assert.Equal(after.ToString(), Assert.Single(patients).GetProperty("id").GetString()); // the earlier patient has not changed since
        Assert.DoesNotContain(await app.AuditForPatientAsync(before), a => a.Action == "start bulk export (FHIR)");
    }

    [Fact]
    public async Task ARecordThatCannotBeRead_IsNamedInTheErrorFile_AndTheRestOfItsBatchIsExported()
    {
        var team = await app.CreateTeamAsync();
        var patients = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (patient, login) = await app.CreatePatientAsync(team);
            patients.Add(patient);
            using var self = await app.ClientForAsync(login!);
            Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(i + 1), Ct)).StatusCode);
        }

        var broken = patients[1]; // its stored answers are no longer JSON: reading the batch fails, then only this record does
        await app.WithDbAsync(db => db.InstrumentResponses.Where(r => r.PatientId == broken).ExecuteUpdateAsync(u => u.SetProperty(r => r.AnswersJson, "{not json")));
        using var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var manifest = await BulkExportTesting.ManifestAsync(client, await BulkExportTesting.StartAsync(client, $"/fhir/Group/{team}/$export", Ct), Ct);

        var error = Assert.Single(manifest.GetProperty("error").EnumerateArray());
        var outcome = await client.GetStringAsync(error.GetProperty("url").GetString(), Ct);
        Assert.Contains($"Patient/{broken}: the record could not be exported (JsonException)", outcome, StringComparison.Ordinal);
        Guid[] readable = [patients[0], patients[2]];
        Assert.Equal(readable.Order(), (await BulkExportTesting.LinesAsync(client, manifest, "Patient", Ct)).Select(p => Guid.Parse(p.GetProperty("id").GetString()!)).Order());
        Assert.Equal(readable.Select(p => $"Patient/{p}").Order(),
            (await BulkExportTesting.LinesAsync(client, manifest, "QuestionnaireResponse", Ct)).Select(r => r.GetProperty("subject").GetProperty("reference").GetString()).Order());
    }

    [Fact]
    public async Task KickOff_RefusesWhatItCannotDo_WithAnOperationOutcome()
    {
        var team = await app.CreateTeamAsync();
        var (_, patientLogin) = await app.CreatePatientAsync(team);
        using var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        async Task<(HttpStatusCode Status, string Body)> KickOffAsync(HttpClient who, string url, string? prefer = "respond-async")
        {
            using var request = BulkExportTesting.KickOff(url);
            request.Headers.Remove("Prefer");
            if (prefer is not null)
            {
                request.Headers.Add("Prefer", prefer);
            }

            var response = await who.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Assert.Equal("OperationOutcome", JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
            }

            return (response.StatusCode, body);
        }

        var noPrefer = await KickOffAsync(client, "/fhir/$export", prefer: null);
        Assert.Equal(HttpStatusCode.BadRequest, noPrefer.Status);
        Assert.Contains("respond-async", noPrefer.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await KickOffAsync(client, "/fhir/$export?_type=Appointment")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await KickOffAsync(client, "/fhir/Patient/$export?_type=Questionnaire")).Status); // not in a patient's compartment
        Assert.Equal(HttpStatusCode.BadRequest, (await KickOffAsync(client, "/fhir/$export?_since=2026-11-01")).Status); // an instant has a time and zone
        Assert.Equal(HttpStatusCode.BadRequest, (await KickOffAsync(client, "/fhir/$export?_outputFormat=text/csv")).Status);
        var unsupported = await KickOffAsync(client, "/fhir/$export?_elements=id");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.Status);
        Assert.Contains("_elements", unsupported.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await KickOffAsync(client, "/fhir/Patient/$export?_elements=id&_type=Patient,Appointment", "respond-async, handling=lenient")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await KickOffAsync(client, $"/fhir/Group/{Guid.NewGuid()}/$export")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await KickOffAsync(client, $"/fhir/Group/{await app.CreateTeamAsync()}/$export")).Status); // not their team
        using var patient = await app.ClientForAsync(patientLogin!);
        Assert.Equal(HttpStatusCode.Forbidden, (await KickOffAsync(patient, "/fhir/$export")).Status); // patients download their own record instead
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync($"/fhir/Group/{team}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Delete_CancelsTheExport_AndItsFilesAreGone()
    {
        var team = await app.CreateTeamAsync();
        await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        using var client = await app.ClientForAsync(clinician);
        var status = await BulkExportTesting.StartAsync(client, "/fhir/Patient/$export?_type=Patient", Ct);
        var manifest = await BulkExportTesting.ManifestAsync(client, status, Ct);
        var file = manifest.GetProperty("output")[0].GetProperty("url").GetString();

        Assert.Equal(HttpStatusCode.Accepted, (await client.DeleteAsync(status, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(status, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(file, Ct)).StatusCode);
        var jobId = Guid.Parse(status[(status.LastIndexOf('/') + 1)..]);
        Assert.Equal(0, await app.WithDbAsync(db => db.BulkExportFiles.CountAsync(f => f.JobId == jobId)));
        Assert.Contains(await app.AuditForUserAsync(clinician), a => a.Action == "cancel bulk export (FHIR)");
    }

    [Fact]
    public async Task FinishedExports_ExpireWithTheirFiles()
    {
        var team = await app.CreateTeamAsync();
        await app.CreatePatientAsync(team, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        string status, file;
        using (var starting = await app.ClientForAsync(clinician))
        {
            status = await BulkExportTesting.StartAsync(starting, "/fhir/Patient/$export?_type=Patient", Ct);
            var manifest = await BulkExportTesting.ManifestAsync(starting, status, Ct);
            file = manifest.GetProperty("output")[0].GetProperty("url").GetString()!;
        }

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1)); // the default keeping time
        using var client = await app.ClientForAsync(clinician); // signed in again: an hour has passed
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(status, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(file, Ct)).StatusCode);
        var jobId = Guid.Parse(status[(status.LastIndexOf('/') + 1)..]);
        // The runner's own sweep may get there first (advancing the clock wakes it too); either way the job and its files go.
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BulkExportRunner>().DeleteExpiredAsync(Ct);
        Assert.False(await app.WithDbAsync(db => db.BulkExportJobs.AnyAsync(j => j.Id == jobId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.BulkExportFiles.CountAsync(f => f.JobId == jobId)));
    }

    [Fact]
    public async Task SeveralInstances_RunEachJobOnce_AndTakeOverOneWhoseInstanceDied()
    {
        var team = await app.CreateTeamAsync();
        var patients = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            patients.Add((await app.CreatePatientAsync(team, withLogin: false)).PatientId);
        }

        var clinician = await app.CreateUserAsync(Roles.Clinician, team);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var claims = JsonSerializer.Serialize(new[] { new[] { System.Security.Claims.ClaimTypes.NameIdentifier, clinician.UserId }, [System.Security.Claims.ClaimTypes.Role, Roles.Clinician] });
        BulkExportJob Job(BulkExportState state, string? leaseOwner, DateTime? leaseUntil) => new()
        {
            Id = Guid.CreateVersion7(),
            Owner = $"user:{clinician.UserId}",
            ClaimsJson = claims,
            Level = BulkExportLevel.Group,
            GroupId = team,
            Types = "Patient",
            RequestUrl = "http://localhost/fhir/Group/x/$export",
            RequestedAt = now,
            State = state,
            LeaseOwner = leaseOwner,
            LeaseUntil = leaseUntil,
        };
        var queued = Job(BulkExportState.Queued, null, null);
        var orphaned = Job(BulkExportState.Running, "instance-that-died", now.AddMinutes(-1)); // its claim ran out
        var alive = Job(BulkExportState.Running, "instance-still-working", now.AddMinutes(1));
        await app.WithDbAsync(db =>
        {
            db.BulkExportJobs.AddRange(queued, orphaned, alive);
            return db.SaveChangesAsync();
        });

        // Three instances at once (two here, and the host's own worker): every takeable job runs, each once.
        async Task<int> InstanceAsync(string name)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<BulkExportRunner>();
            var ran = 0;
            while (await runner.RunNextAsync(name, Ct))
            {
                ran++;
            }

            return ran;
        }

        await Task.WhenAll(InstanceAsync("instance-a"), InstanceAsync("instance-b"));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await app.WithDbAsync(db => db.BulkExportJobs.CountAsync(j => (j.Id == queued.Id || j.Id == orphaned.Id) && j.State != BulkExportState.Completed)) > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The jobs did not complete.");
            await Task.Delay(100, Ct);
        }

        foreach (var job in new[] { queued, orphaned })
        {
            var files = await app.WithDbAsync(db => db.BulkExportFiles.Where(f => f.JobId == job.Id).ToListAsync());
            Assert.Equal(3, Assert.Single(files).Count); // one file of the three patients: written once, not twice
        }

        // Each patient opened exactly twice (once per completed job), never a third time by a duplicate run.
        foreach (var patient in patients)
        {
            Assert.Equal(2, (await app.AuditForPatientAsync(patient)).Count(a => a.Action == BulkExportRunner.PatientAction));
        }

        var stillAlive = await app.WithDbAsync(db => db.BulkExportJobs.SingleAsync(j => j.Id == alive.Id));
        Assert.Equal((BulkExportState.Running, "instance-still-working"), (stillAlive.State, stillAlive.LeaseOwner)); // a live claim is left alone
    }
}

public sealed class ExportingInBulkOnSqlite(SqliteApp app) : ExportingInBulkTests(app), IClassFixture<SqliteApp>;

public sealed class ExportingInBulkOnPostgres(PostgresApp app) : ExportingInBulkTests(app), IClassFixture<PostgresApp>;
