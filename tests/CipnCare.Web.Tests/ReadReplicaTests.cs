using System.Net;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CipnCare.Web.Tests;

/// <summary>The app on PostgreSQL with a real streaming standby (pg_basebackup -R) as <c>ConnectionStrings:ReadOnly</c>.</summary>
public sealed class ReplicaApp : CipnApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public PostgresCluster.Standby? Standby { get; private set; }

    public string StandbyConnectionString { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        UnavailableReason = cluster.UnavailableReason;
        if (UnavailableReason is null)
        {
            Standby = await cluster.StartStandbyAsync();
            ConnectionString = await cluster.CreateDatabaseAsync(); // created on the primary after the standby: replicated to it
            StandbyConnectionString = Standby.ConnectionString(new NpgsqlConnectionStringBuilder(ConnectionString).Database!);

            // The standby replays the CREATE DATABASE behind the WAL of every other test on the shared cluster (databases
            // copied from templates are seconds of WAL under load): connecting to it before then fails with 3D000.
            await CaughtUpAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:ReadOnly", StandbyConnectionString);
    }

    protected override async ValueTask CleanUpAsync()
    {
        if (Standby is not null)
        {
            await Standby.StopAsync(removeData: true);
        }
    }

    /// <summary>Runs SQL on the standby and returns the first column of the first row.</summary>
    public async Task<object?> OnStandbyAsync(string sql)
    {
        // The standby's own postgres database: it exists before the test's database has been replayed.
        await using var connection = new NpgsqlConnection(Standby!.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    public async System.Threading.Tasks.Task CaughtUpAsync()
    {
        string primaryLsn;
        await using (var connection = new NpgsqlConnection(DatabaseConnectionString))
        {
            await connection.OpenAsync();
            // The insert position, not the write position: the test cluster commits asynchronously (synchronous_commit=off),
            // so a commit can be acknowledged before its WAL is written; the standby gets it within the WAL writer's delay.
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", connection);
            primaryLsn = (string)(await command.ExecuteScalarAsync())!;
        }

        // Up to 60 s: on two cores the other test classes' WAL (whole databases copied from templates) can be seconds ahead.
        for (var i = 0; i < 1200; i++)
        {
            if ((bool)(await OnStandbyAsync($"SELECT pg_last_wal_replay_lsn() >= '{primaryLsn}'::pg_lsn"))!)
            {
                return;
            }

            await System.Threading.Tasks.Task.Delay(50);
        }

        throw new TimeoutException($"The standby did not replay up to {primaryLsn} in 60 s.");
    }
}

/// <summary>
/// Issue #16: FHIR searches and the progress view read from the replica; who may see the patient, the audit and
/// every write stay on the primary. Shown by pausing the standby's replay: what the primary stored since is not in
/// those answers until replay resumes, while a revoked access is refused at once.
/// </summary>
public sealed class ReadReplicaTests(ReplicaApp app) : IClassFixture<ReplicaApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async System.Threading.Tasks.Task SearchesAndProgress_ComeFromTheReplica_WhileAccessAndAuditUseThePrimary()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var clinicianUser = await app.CreateUserAsync(Roles.Clinician, team);
        var self = await app.ClientForAsync(login!);
        var clinician = await app.ClientForAsync(clinicianUser);
        var pages = await HtmlForms.SignInAsync(app, clinicianUser, Ct);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(1, falls: 1), Ct)).StatusCode);
        await app.CaughtUpAsync();
        Assert.Single(await ResponsesAsync(clinician, patient));

        await app.OnStandbyAsync("SELECT pg_wal_replay_pause()");
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(2, falls: 1), Ct)).StatusCode);
            Assert.Equal(2, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient, Ct)));

            // The replica has not seen the second check-in: the searches and the progress view answer from it.
            Assert.Single(await ResponsesAsync(clinician, patient));
            var observations = await FhirTesting.ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Observation?patient=Patient/{patient}&category=survey", Ct));
            Assert.Single(observations.Entry.Select(e => e.Resource).OfType<Observation>().Select(o => o.DerivedFrom.Single().Reference).Distinct());
            var progress = WebUtility.HtmlDecode(await pages.GetStringAsync($"/patients/{patient}/progress", Ct));
            Assert.Contains("over 1 check-in", progress, StringComparison.Ordinal);

            // The patient page reads the primary, and the searches were audited there (a standby refuses writes).
            var patientPage = WebUtility.HtmlDecode(await pages.GetStringAsync($"/patients/{patient}", Ct));
            Assert.Equal(2, patientPage.Split("href=\"/responses/").Length - 1);
            var audit = await app.AuditForPatientAsync(patient);
            Assert.Contains(audit, a => a.Action == "search questionnaire responses (FHIR)" && a.Outcome == AuditOutcome.Success);
            Assert.Contains(audit, a => a.Action == "read progress" && a.Outcome == AuditOutcome.Success);

            // Removed from the team on the primary (the paused replica still lists the membership): refused at once.
            await app.WithDbAsync(db => db.CareTeamMembers.Where(m => m.UserId == clinicianUser.UserId).ExecuteDeleteAsync(Ct));
            Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync($"/fhir/QuestionnaireResponse?patient=Patient/{patient}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync($"/fhir/Observation?patient=Patient/{patient}", Ct)).StatusCode);
        }
        finally
        {
            await app.OnStandbyAsync("SELECT pg_wal_replay_resume()");
        }

        await app.CaughtUpAsync();
        var second = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        Assert.Equal(2, (await ResponsesAsync(second, patient)).Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task AStoppedReplica_MakesTheInstanceDegraded_NotUnready()
    {
        using var http = app.CreateClient();
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready", Ct));
        await app.Standby!.StopAsync();
        try
        {
            NpgsqlConnection.ClearAllPools();
            var ready = await http.GetAsync("/health/ready", Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            await app.Standby.StartAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready", Ct));
    }

    private static async Task<List<QuestionnaireResponse>> ResponsesAsync(HttpClient client, Guid patient)
    {
        var response = await client.GetAsync($"/fhir/QuestionnaireResponse?patient=Patient/{patient}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await FhirTesting.ReadAsync<Bundle>(response)).Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>().ToList();
    }
}

/// <summary>A read replica is a PostgreSQL standby: on SQLite the setting is a mistake, refused at start.</summary>
public sealed class ReadReplicaSettingTests
{
    [Fact]
    public async System.Threading.Tasks.Task AReadReplica_OnSqlite_IsRefusedAtStart()
    {
        await using var app = new SqliteApp();
        await using var withReplica = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:ReadOnly", "Host=127.0.0.1;Database=cipn"));
        var refused = Assert.Throws<InvalidOperationException>(() => withReplica.CreateClient());
        Assert.Contains("needs Database:Provider=Postgres", refused.Message, StringComparison.Ordinal);
    }
}
