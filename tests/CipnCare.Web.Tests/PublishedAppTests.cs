using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>
/// What runs in production is a publish (issue #16): `dotnet publish src/CipnCare.Web -c Release -o out` once, then the
/// published app started as an operator would. Five classes of tests share it (they run side by side; most of their time
/// is waiting for processes): <see cref="PublishedAppOperationsTests"/>, <see cref="PublishedAppSurvivalTests"/>, their
/// PostgreSQL twins and <see cref="PublishedAppBehindNginxTests"/>.
/// </summary>
public abstract class PublishedAppTests : IDisposable
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected Published Build { get; }

    /// <summary>The app processes a test started and its data folders; each test stops and removes its own.</summary>
    protected PublishedApps Apps { get; }

    protected PublishedAppTests(Published published)
    {
        ArgumentNullException.ThrowIfNull(published);
        Build = published;
        Apps = new PublishedApps(published.Folder);
    }

    public void Dispose()
    {
        Apps.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The Release publish (one per test run, shared with the browser tests: <see cref="PublishedBuild"/>).</summary>
    public sealed class Published : IAsyncLifetime
    {
        public string Folder { get; private set; } = "";

        public string Log { get; private set; } = "";

        public int ExitCode { get; private set; } = -1;

        public async ValueTask InitializeAsync() => (Folder, ExitCode, Log) = await PublishedBuild.GetAsync();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A client signed in as the demo patient (bearer token) on the app at <paramref name="port"/>, and her patient id.</summary>
    protected static async Task<(HttpClient Client, Guid Patient)> PatientClientAsync(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.PatientEmail, password = DemoSeeder.Password }, Ct);
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<CipnApp.TokenResponse>(CipnApp.Json, Ct))!.AccessToken);
        return (http, (await http.GetFromJsonAsync<List<IdOnly>>("/api/patients", CipnApp.Json, Ct))!.Single().Id);
    }

    protected const int BurstSize = 200;

    /// <summary>
    /// Issue #16 (items 4–5, one instance): 200 check-ins from 16 concurrent clients, each with its own Idempotency-Key
    /// and retried until acknowledged (as the check-in page's clients do). A third of the way in the app gets SIGTERM
    /// and must drain and exit by itself; two thirds in it gets SIGKILL. It is started again after each. Every
    /// submission ends acknowledged, and the database holds each exactly once, with the id that was acknowledged.
    /// </summary>
    protected async Task BurstThroughRestartsAsync(Dictionary<string, string> database)
    {
        Assert.True(Build.ExitCode == 0, Build.Log);
        const int total = BurstSize;
        var port = LocalProcesses.FreePort();
        var environment = new Dictionary<string, string>(database) { ["Demo__Seed"] = "true" };
        var app = await Apps.StartAsync(port, environment);
        try
        {
            var (http, patient) = await PatientClientAsync(port);
            using var disposeHttp = http;

            PublishedApps.Running? second = null;
            var (acknowledged, failedAttempts) = await BurstAsync(http, patient, null, (total / 3, async () =>
            {
                using (var term = Process.Start("kill", ["-TERM", app.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync(Ct);
                }

                Assert.True(app.Process.WaitForExit(TimeSpan.FromSeconds(30)), "SIGTERM: the app did not stop within 30 s");
                app.Process.WaitForExit(); // the timed wait does not wait for the last printed lines to be read: this one does
                Assert.Contains("Application is shutting down", app.Printed(), StringComparison.Ordinal);
                environment["Demo__Seed"] = "false";
                second = await Apps.StartAsync(port, environment);
            }
            ), (2 * total / 3, async () =>
        {
            second!.Process.Kill(entireProcessTree: true); // SIGKILL: no goodbye
            await second.Process.WaitForExitAsync(Ct);
            await Apps.StartAsync(port, environment);
        }
            ));
            var stored = await http.GetFromJsonAsync<List<IdOnly>>($"/api/patients/{patient}/responses", CipnApp.Json, Ct);

            Assert.Equal(total, acknowledged.Count);
            Assert.Equal(total, acknowledged.Values.Distinct().Count());
            Assert.Subset(stored!.Select(s => s.Id).ToHashSet(), acknowledged.Values.ToHashSet()); // every acknowledged id is stored…
            Assert.Equal(total, stored!.Count(s => acknowledged.Values.Contains(s.Id))); // …once
            Assert.True(failedAttempts > 0, "no request was interrupted: the restarts happened after the burst");
        }
        finally
        {
            Apps.StopAll();
        }
    }

    /// <summary>
    /// <see cref="BurstSize"/> check-ins from 16 concurrent clients, each with its own Idempotency-Key and retried
    /// (250 ms apart) until acknowledged; the first carries <paramref name="firstNote"/>. Each event runs once when that
    /// many are acknowledged, while the rest keep coming. Answers the acknowledged ids by key and how many attempts failed.
    /// </summary>
    protected static async Task<(System.Collections.Concurrent.ConcurrentDictionary<string, Guid> Acknowledged, int Interrupted)> BurstAsync(
        HttpClient http, Guid patient, string? firstNote, params (int After, Func<Task> Do)[] events)
    {
        const int total = BurstSize;
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, Guid>();
        var interrupted = 0;
        using var gate = new SemaphoreSlim(16);
        var run = Guid.NewGuid().ToString("N")[..8];
        var submissions = Enumerable.Range(0, total).Select(async i =>
        {
            var key = $"burst-{run}-{i:000}";
            await gate.WaitAsync(Ct);
            try
            {
                for (var attempt = 0; attempt < 400; attempt++)
                {
                    try
                    {
                        var week = Questionnaires.Week(1, notes: i == 0 ? firstNote : null);
                        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patient}/responses") { Content = JsonContent.Create(Questionnaires.Body(Questionnaires.CheckIn, week)) };
                        request.Headers.Add("Idempotency-Key", key);
                        using var response = await http.SendAsync(request, Ct);
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged[key] = (await response.Content.ReadFromJsonAsync<IdOnly>(CipnApp.Json, Ct))!.Id;
                            return;
                        }

                        Assert.True((int)response.StatusCode >= 500, $"{key}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !Ct.IsCancellationRequested)
                    {
                        // The instance is going or gone: retry with the same key.
                    }

                    Interlocked.Increment(ref interrupted);
                    await Task.Delay(250, Ct);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        foreach (var (after, action) in events)
        {
            await WaitForAsync(() => acknowledged.Count >= after);
            await action();
        }

        await Task.WhenAll(submissions);
        return (acknowledged, interrupted);
    }

    protected sealed record IdOnly(Guid Id);

    protected static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    protected static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the burst stalled");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>
    /// Starts `dotnet CipnCare.Web.dll` from the publish folder (production environment, demo seeded), waits for ready
    /// (Healthy, not Degraded: the triage model and its example vectors ship in the publish and load), signs in.
    /// </summary>
    protected async Task StartAndSignInAsync(Dictionary<string, string> environment, Func<Task>? whileRunning = null)
    {
        var port = LocalProcesses.FreePort();
        var app = await Apps.StartAsync(port, new Dictionary<string, string>(environment) { ["Demo__Seed"] = environment.GetValueOrDefault("Demo__Seed", "true") });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal("Healthy", await http.GetStringAsync("/health/ready", Ct));

            var login = await http.PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.ClinicianEmail, password = DemoSeeder.Password }, Ct);
            Assert.True(login.StatusCode == HttpStatusCode.OK, $"sign-in: {login.StatusCode}\n{app.Printed()}");
            var token = (await login.Content.ReadFromJsonAsync<CipnApp.TokenResponse>(CipnApp.Json, Ct))!.AccessToken;
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            me.Headers.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(me, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/login", Ct)).StatusCode); // a page renders too
            if (whileRunning is not null)
            {
                await whileRunning();
            }
        }
        finally
        {
            Apps.StopAll();
        }
    }
}

/// <summary>
/// The publish as an operator runs it (issue #16 items 1, 2 and 6): both providers' migrations in the output; on SQLite
/// (PostgreSQL: the next class) the operations commands, a backup while the app serves, a restore the app starts on —
/// ready, and the demo clinician signs in (the start with migrations and demo data at start-up is the SQLite survival
/// test's first start, and on PostgreSQL the browser tests' nginx journey's first instance).
/// </summary>
public sealed class PublishedAppOperationsTests(PublishedAppTests.Published published) : PublishedAppTests(published), IClassFixture<PublishedAppTests.Published>
{
    [Fact]
    public void ThePublishOutput_HoldsBothProvidersMigrations()
    {
        Assert.True(Build.ExitCode == 0, Build.Log);
        Assert.True(File.Exists(Path.Combine(Build.Folder, "CipnCare.Migrations.Sqlite.dll")), "the SQLite migrations are not in the publish output");
        Assert.True(File.Exists(Path.Combine(Build.Folder, "CipnCare.Migrations.Postgres.dll")), "the PostgreSQL migrations are not in the publish output");
    }

    [Fact]
    public async Task OnSqlite_MigrateSeedBackUpWhileRunning_AndRestore_GiveAWorkingDatabase()
    {
        Assert.True(Build.ExitCode == 0, Build.Log);
        var data = Apps.NewFolder("ops");
        var (live, backup, restored) = (Path.Combine(data, "live.db"), Path.Combine(data, "backup.db"), Path.Combine(data, "restored.db"));
        Dictionary<string, string> On(string file) => new() { ["ConnectionStrings__Default"] = $"Data Source={file}" };

        await Apps.OperationsAsync(["migrate"], On(live));
        await Apps.OperationsAsync(["seed-demo"], On(live));
        await StartAndSignInAsync(new(On(live)) { ["Database__MigrateAtStartup"] = "false", ["Demo__Seed"] = "false" },
            whileRunning: () => Apps.OperationsAsync(["backup", "--to", backup], On(live)));
        Assert.Equal("delete", await JournalModeAsync(backup, set: "DELETE")); // as a backup made before write-ahead logging
        await Apps.OperationsAsync(["restore", "--from", backup], On(restored));
        Assert.Equal(("wal", "wal"), (await JournalModeAsync(live), await JournalModeAsync(restored))); // DatabaseSetup.UseWriteAheadLogAsync

        await StartAndSignInAsync(new(On(restored)) { ["Database__MigrateAtStartup"] = "false", ["Demo__Seed"] = "false" }); // the demo came with the backup
        var (refused, output) = await Apps.RunAsync(["backup", "--to", backup], On(live));
        Assert.Equal(1, refused); // never overwrites a backup
        Assert.Contains("already exists", output, StringComparison.Ordinal);

        await Apps.OperationsAsync(["audit", "verify"], On(restored)); // the audit chain came through the backup intact
        await using (var tamper = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={restored};Pooling=False"))
        {
            await tamper.OpenAsync(Ct);
            await using var edit = tamper.CreateCommand();
            edit.CommandText = """UPDATE "AuditEvents" SET "Detail" = 'nothing happened' WHERE "Id" = (SELECT MIN("Id") FROM "AuditEvents")""";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync(Ct));
        }

        var (broken, verdict) = await Apps.RunAsync(["audit", "verify"], On(restored));
        Assert.Equal(1, broken);
        Assert.Contains("Audit trail BROKEN", verdict, StringComparison.Ordinal);
    }

    /// <summary>A SQLite file's journal mode, after setting it to <paramref name="set"/> if given.</summary>
    private static async Task<string?> JournalModeAsync(string file, string? set = null)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = set is null ? "PRAGMA journal_mode" : $"PRAGMA journal_mode = {set}";
        return await command.ExecuteScalarAsync(Ct) as string;
    }
}

/// <summary>
/// <see cref="PublishedAppOperationsTests"/> on PostgreSQL. Each published-app scenario is a class of its own, so that
/// two run side by side wherever they fall in the run: one class of three ran on alone at the end, on one core (issue #14).
/// </summary>
public sealed class PublishedAppPostgresOperationsTests(PublishedAppTests.Published published) : PublishedAppTests(published), IClassFixture<PublishedAppTests.Published>
{
    [Fact]
    public async Task OnPostgres_BackUpWhileRunning_AndRestoreIntoAFreshDatabase()
    {
        Assert.True(Build.ExitCode == 0, Build.Log);
        var cluster = await PostgresCluster.GetAsync();
        Requirements.SkipUnlessAvailable(cluster.UnavailableReason);
        // The live database has the demo as seed-demo makes it (PreparedDatabase.PostgresDemoAsync): the command itself is
        // the SQLite scenario's, and the published app seeding PostgreSQL is the browser tests' nginx journey (issue #14).
        var (live, fresh) = (await cluster.CreateDatabaseAsync(await PreparedDatabase.PostgresDemoAsync()), await cluster.CreateDatabaseAsync());
        var backup = Path.Combine(Apps.NewFolder("pg"), "backup.dump");
        Dictionary<string, string> On(string connection) => new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Default"] = connection };

        var port = LocalProcesses.FreePort();
        await Apps.StartAsync(port, new(On(live)) { ["Database__MigrateAtStartup"] = "false", ["Demo__Seed"] = "false" });
        var backupTook = TimeSpan.Zero;
        var (ackedBefore, ackedInAll) = (0, 0);
        const int afterBackup = 20;
        try
        {
            // The restore drill (issue #16 item 6): check-ins keep arriving from 4 clients before, during and after the
            // backup, so the backup is one consistent moment while writes go on (not a race on how fast the machine is).
            var (http, patient) = await PatientClientAsync(port);
            using (http)
            {
                var acknowledged = 0;
                var finishedAt = long.MaxValue - afterBackup; // how many were acknowledged when the backup ended
                var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
                {
                    for (var n = 0; Volatile.Read(ref acknowledged) < Interlocked.Read(ref finishedAt) + afterBackup; n++)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patient}/responses") { Content = JsonContent.Create(Questionnaires.Body(Questionnaires.CheckIn, Questionnaires.Week(1))) };
                        request.Headers.Add("Idempotency-Key", $"burst-drill-{w}-{n:0000}");
                        using var response = await http.SendAsync(request, Ct);
                        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                        Interlocked.Increment(ref acknowledged);
                    }
                }, Ct)).ToList();
                await WaitForAsync(() => writers.FirstOrDefault(t => t.IsFaulted) is { } failed
                    ? throw failed.Exception!.InnerException!
                    : Volatile.Read(ref acknowledged) >= BurstSize / 4);
                ackedBefore = Volatile.Read(ref acknowledged);
                var clock = Stopwatch.StartNew();
                await Apps.OperationsAsync(["backup", "--to", backup], On(live));
                backupTook = clock.Elapsed;
                Interlocked.Exchange(ref finishedAt, Volatile.Read(ref acknowledged));
                await Task.WhenAll(writers);
                ackedInAll = acknowledged;
            }
        }
        finally
        {
            Apps.StopAll();
        }

        var (notMigrated, why) = await Apps.RunAsync([], new(On(fresh)) { ["Database__MigrateAtStartup"] = "false", ["App__PublicBaseUrl"] = "http://127.0.0.1" });
        var restoring = Stopwatch.StartNew();
        await Apps.OperationsAsync(["restore", "--from", backup], On(fresh));
        var restoreTook = restoring.Elapsed;
        await Apps.OperationsAsync(["audit", "verify"], On(fresh)); // the audit chain came through intact, mid-burst
        await using (var db = new Npgsql.NpgsqlConnection(fresh))
        {
            await db.OpenAsync(Ct);
            await using var count = new Npgsql.NpgsqlCommand("""SELECT COUNT(*) FROM "InstrumentResponses" WHERE "SubmissionKey" LIKE 'burst-%'""", db);
            var restored = (long)(await count.ExecuteScalarAsync(Ct))!;
            Assert.InRange(restored, ackedBefore, ackedInAll - afterBackup); // a consistent moment while the writes went on
            TestContext.Current.TestOutputHelper?.WriteLine($"restore drill: backup {backupTook.TotalSeconds:0.0} s while writing, restore {restoreTook.TotalSeconds:0.0} s, {restored} of {ackedInAll} check-ins in the backup ({ackedBefore} before it began)");
        }

        Assert.NotEqual(0, notMigrated); // an empty database with MigrateAtStartup off: refuses to start, saying what to run
        Assert.Contains("dotnet CipnCare.Web.dll migrate", why, StringComparison.Ordinal);
        await StartAndSignInAsync(new(On(fresh)) { ["Database__MigrateAtStartup"] = "false", ["Demo__Seed"] = "false" });
    }
}

/// <summary>Issue #16 items 4 and 5: the published app loses no acknowledged submission through SIGTERM and SIGKILL (SQLite; PostgreSQL and nginx in the classes after).</summary>
public sealed class PublishedAppSurvivalTests(PublishedAppTests.Published published) : PublishedAppTests(published), IClassFixture<PublishedAppTests.Published>
{
    [Fact]
    public async Task OnSqlite_SigtermDrains_AndSigkillLosesNoAcknowledgedSubmission() =>
        await BurstThroughRestartsAsync(new() { ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(Apps.NewFolder("burst"), "burst.db")}" });
}

/// <summary><see cref="PublishedAppSurvivalTests"/> on PostgreSQL (a class of its own: see <see cref="PublishedAppPostgresOperationsTests"/>).</summary>
public sealed class PublishedAppPostgresSurvivalTests(PublishedAppTests.Published published) : PublishedAppTests(published), IClassFixture<PublishedAppTests.Published>
{
    [Fact]
    public async Task OnPostgres_SigtermDrains_AndSigkillLosesNoAcknowledgedSubmission()
    {
        var cluster = await PostgresCluster.GetAsync();
        Requirements.SkipUnlessAvailable(cluster.UnavailableReason);
        // On a database with the demo already (PreparedDatabase.PostgresDemoAsync): the first start finds it. A start that
        // migrates an empty PostgreSQL database and seeds the demo is the first instance of the browser tests' nginx journey.
        await BurstThroughRestartsAsync(new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Default"] = await cluster.CreateDatabaseAsync(await PreparedDatabase.PostgresDemoAsync()) });
    }
}

/// <summary>The published app behind nginx (a class of its own: see <see cref="PublishedAppPostgresOperationsTests"/>).</summary>
public sealed class PublishedAppBehindNginxTests(PublishedAppTests.Published published) : PublishedAppTests(published), IClassFixture<PublishedAppTests.Published>
{
    /// <summary>
    /// Issue #16 item 4, the real thing: PostgreSQL, two published instances (on a database with the demo, MigrateAtStartup off) and
    /// nginx round-robin in front, mail to a local SMTP server: 200 check-ins from 16 clients, the first carrying words
    /// that raise an urgent alert (an email), and halfway one instance is killed with SIGKILL. Every submission ends
    /// acknowledged and stored once; every queued email is sent once. (Chromium signing in and checking in through the
    /// same layout is the browser tests' <c>ThroughNginxJourneyTests</c>.)
    /// </summary>
    [Fact]
    public async Task TwoInstancesBehindNginx_SurviveSigkill_StoringEachSubmissionAndSendingEachEmailOnce()
    {
        Assert.True(Build.ExitCode == 0, Build.Log);
        Requirements.SkipUnlessAvailable(NginxFront.UnavailableReason);
        var cluster = await PostgresCluster.GetAsync();
        Requirements.SkipUnlessAvailable(cluster.UnavailableReason);
        await using var smtp = await SmtpServer.StartAsync();
        Requirements.SkipUnlessAvailable(smtp.UnavailableReason);
        var connection = await cluster.CreateDatabaseAsync(await PreparedDatabase.PostgresDemoAsync()); // migrated, the demo seeded
        var (portA, portB, front) = (LocalProcesses.FreePort(), LocalProcesses.FreePort(), LocalProcesses.FreePort());
        var database = new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Default"] = connection };
        var instance = new Dictionary<string, string>(database)
        {
            ["Database__MigrateAtStartup"] = "false",
            ["App__PublicBaseUrl"] = $"http://127.0.0.1:{front}",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Mail__PollSeconds"] = "1",
            ["Mail__ClaimSeconds"] = "10",
        };
        var (a, b) = (await Apps.StartAsync(portA, instance), await Apps.StartAsync(portB, instance));
        using var nginx = await NginxFront.StartAsync(Apps.NewFolder("nginx"), front, portA, portB);
        try
        {
            var (http, patient) = await PatientClientAsync(front);
            using var disposeHttp = http;
            var (acknowledged, interrupted) = await BurstAsync(http, patient, "I can't go on, I want to end my life", (BurstSize / 2, async () =>
            {
                a.Process.Kill(entireProcessTree: true); // SIGKILL, halfway
                await a.Process.WaitForExitAsync(Ct);
            }
            ));

            Assert.Equal(BurstSize, acknowledged.Count);
            var stored = (await http.GetFromJsonAsync<List<IdOnly>>($"/api/patients/{patient}/responses", CipnApp.Json, Ct))!.Select(r => r.Id).ToList();
            Assert.Equal(BurstSize, stored.Count(acknowledged.Values.Contains));
            Assert.Equal(BurstSize, acknowledged.Values.Distinct().Count());
            Assert.True(interrupted > 0, "no request was interrupted: the kill happened after the burst");
            Assert.Superset(new HashSet<string> { $"127.0.0.1:{portA}", $"127.0.0.1:{portB}" }, await nginx.UpstreamsServedAsync()); // both served

            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync(Ct);
            async Task<List<string>> QueuedAsync(string where)
            {
                await using var command = new Npgsql.NpgsqlCommand($"""SELECT "Id"::text FROM "OutboxMessages" WHERE {where}""", db);
                await using var reader = await command.ExecuteReaderAsync(Ct);
                var ids = new List<string>();
                while (await reader.ReadAsync(Ct))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            }

            await WaitForAsync(async () => (await QueuedAsync("""("SentAt" IS NULL AND "FailedAt" IS NULL)""")).Count == 0);
            var queued = await QueuedAsync("TRUE");
            var received = (await smtp.MessagesAsync()).Select(m => (m.MessageId ?? "").Replace("@cipncare", "", StringComparison.Ordinal)).ToList();
            Assert.Contains(queued, q => received.Contains(q));
            Assert.Equal(queued.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal)); // each sent, once
            Assert.Contains(await QueuedAsync("""("Kind" = 'urgent-alert')"""), received.Contains); // the alert raised during the burst
        }
        finally
        {
            Apps.StopAll();
        }
    }
}
