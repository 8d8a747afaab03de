using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Caregivers;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Patients;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>
/// The app under test on one database. Exposes HttpClients and intent methods; every test creates its own
/// data (unique names) and asserts only on it. Time is a FakeTimeProvider.
/// </summary>
public abstract class CipnApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-password-1";

    /// <summary>How the API writes JSON: web defaults with enums as strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Where emailed links point (App:PublicBaseUrl), never the request's Host header.</summary>
    public const string PublicBaseUrl = "https://cipn.test.example";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Null when the database is ready; otherwise why not (the test is skipped, or fails under CI=true).</summary>
    protected string? UnavailableReason { get; set; }

    protected string ConnectionString { get; set; } = "";

    /// <summary>Whether and how the host seeds the demo at start-up (Demo:Seed).</summary>
    internal DemoSeeding SeedsDemo { get; init; }

    internal string DatabaseConnectionString => ConnectionString;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets(); // wwwroot as in Development (a published app has it on disk)
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("App:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Security:SignIn:PerAddress", "100000"); // every test signs in from the same address
        builder.UseSetting("Security:SignIn:PerAccount", "100000");
        builder.UseSetting("Security:RequireStaffMfa", "false"); // on outside Development; MultiFactorTests turn it on
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (SeedsDemo != DemoSeeding.No)
        {
            builder.UseSetting("Demo:Seed", "true");
        }

        if (SeedsDemo == DemoSeeding.AsDeployed)
        {
            Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // Tests only: password hashing cost is not what these tests are about.
            if (SeedsDemo != DemoSeeding.AsDeployed)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
            }
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        Requirements.SkipUnlessAvailable(UnavailableReason);
        return base.CreateHost(builder);
    }

    public async Task<T> WithDbAsync<T>(Func<CipnDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CipnDbContext>());
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public Task<Guid> CreateTeamAsync() => WithDbAsync(async db =>
    {
        var team = new CareTeam { Id = Guid.NewGuid(), Name = Unique("Team"), Phone = "+1 555 0100", CreatedAt = Clock.GetUtcNow().UtcDateTime };
        db.CareTeams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    });

    public async Task<TestUser> CreateUserAsync(string role, params Guid[] teams)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{Unique(role.ToLowerInvariant())}@test.cipncare.org";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = Unique(role) };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        var db = scope.ServiceProvider.GetRequiredService<CipnDbContext>();
        db.CareTeamMembers.AddRange(teams.Select(t => new CareTeamMember { CareTeamId = t, UserId = user.Id }));
        await db.SaveChangesAsync();
        return new TestUser(user.Id, email, Password, role, user.DisplayName);
    }

    /// <summary>A patient under <paramref name="teamId"/>, with their own login unless <paramref name="withLogin"/> is false.</summary>
    public async Task<(Guid PatientId, TestUser? Login)> CreatePatientAsync(Guid teamId, bool withLogin = true, string? familyName = null)
    {
        var login = withLogin ? await CreateUserAsync(Roles.Patient) : null;
        var id = await WithDbAsync(async db =>
        {
            var patient = new Patient
            {
                Id = Guid.NewGuid(),
                Mrn = Unique("MRN"),
                GivenName = "Test",
                FamilyName = familyName ?? Unique("Patient"),
                BirthDate = new DateOnly(1960, 5, 17),
                Sex = Sex.Female,
                Diagnosis = "Colon cancer",
                TreatmentStatus = TreatmentStatus.OnTreatment,
                CareTeamId = teamId,
                UserId = login?.UserId,
                CreatedAt = Clock.GetUtcNow().UtcDateTime,
                UpdatedAt = Clock.GetUtcNow().UtcDateTime,
            };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });
        return (id, login);
    }

    public async Task<TestUser> CreateCaregiverForAsync(Guid patientId)
    {
        var caregiver = await CreateUserAsync(Roles.Caregiver);
        await WithDbAsync(async db =>
        {
            db.CaregiverLinks.Add(new CaregiverLink { Id = Guid.NewGuid(), PatientId = patientId, CaregiverUserId = caregiver.UserId, Relationship = "Son", CreatedAt = Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        return caregiver;
    }

    public Task<List<AuditEvent>> AuditForPatientAsync(Guid patientId) =>
        WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.Id).ToListAsync());

    public Task<List<AuditEvent>> AuditForUserAsync(TestUser user) =>
        WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.UserId == user.UserId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>An API client signed in as <paramref name="user"/> with a bearer token from POST /api/auth/login.</summary>
    public Task<HttpClient> ClientForAsync(TestUser user, string? code = null) => ClientForAsync(this, user, code);

    /// <summary>The same, on another host of the app (one made with <c>WithWebHostBuilder</c>).</summary>
    public static async Task<HttpClient> ClientForAsync(WebApplicationFactory<Program> host, TestUser user, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(user);
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password, code });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>Submits a check-in (the current CIPN Care check-in) through the API as the client's user.</summary>
    public static Task<HttpResponseMessage> SubmitCheckInAsync(HttpClient client, Guid patientId, Dictionary<string, object> answers, CancellationToken cancellationToken) =>
        client.PostAsJsonAsync($"/api/patients/{patientId}/responses", Questionnaires.Body(Questionnaires.CheckIn, answers), cancellationToken);

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}

/// <summary>Whether a test host seeds the demo at start-up (Demo:Seed), and how.</summary>
internal enum DemoSeeding
{
    No,

    /// <summary>On the tests' clock, with the tests' cheap password hashing: the demo app's hosts.</summary>
    OnTheTestsClock,

    /// <summary>
    /// As the published app's <c>seed-demo</c> does: on the real clock, with production password hashing, for databases
    /// that published instances then serve (<see cref="PreparedDatabase.PostgresDemoAsync"/>).
    /// </summary>
    AsDeployed,
}

/// <summary>
/// A database as the app prepares it at its first start (migrations, roles, the shipped questionnaires, its keys), made
/// once per test process by starting the app on an empty one; each test host then starts from a copy, and its own
/// start-up finds nothing to do. Migrating a database per test host was a third of each host's start (issue #14: CI time);
/// the start on an empty database is still tested: by the host that makes this one, and by the published-app tests,
/// which migrate and seed empty databases as a site does.
/// </summary>
public static class PreparedDatabase
{
    private static readonly Lazy<Task<string>> SqliteFile = new(async () =>
    {
        await using var maker = new SqliteApp(fromPrepared: false);
        await PrepareAsync(maker);
        return CopyOf(maker);
    });

    /// <summary>The prepared SQLite database with the demo seeded by the first <c>DemoApp</c>'s start-up (on the tests' clock).</summary>
    private static readonly Lazy<Task<string>> SqliteDemoFile = new(async () =>
    {
        await using var maker = new SqliteApp { SeedsDemo = DemoSeeding.OnTheTestsClock };
        await maker.InitializeAsync();
        await SeedAsync(maker);
        return CopyOf(maker);
    });

    private static string CopyOf(SqliteApp maker)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cipn-prepared-{Guid.NewGuid():N}.db");
        using (var source = new SqliteConnection(maker.DatabaseConnectionString))
        using (var copy = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            source.Open();
            copy.Open();
            source.BackupDatabase(copy);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }

    private static readonly Lazy<Task<string>> PostgresTemplate = new(() => TemplateOfAsync(new PostgresApp(fromPrepared: false), PrepareAsync));

    private static readonly Lazy<Task<string>> PostgresDemoTemplate = new(() => TemplateOfAsync(new PostgresApp { SeedsDemo = DemoSeeding.AsDeployed }, SeedAsync));

    /// <summary>Readies <paramref name="maker"/>'s database with <paramref name="ready"/>, stops it and names the database.</summary>
    private static async Task<string> TemplateOfAsync(PostgresApp maker, Func<CipnApp, Task> ready)
    {
        string database;
        await using (maker)
        {
            await maker.InitializeAsync();
            await ready(maker);
            database = new NpgsqlConnectionStringBuilder(maker.DatabaseConnectionString).Database!;
        }

        NpgsqlConnection.ClearAllPools(); // CREATE DATABASE … TEMPLATE needs no one connected to the template
        return database;
    }

    /// <summary>Starts <paramref name="maker"/>'s host, whose start-up seeds the demo (its <see cref="CipnApp.SeedsDemo"/>).</summary>
    private static Task SeedAsync(CipnApp maker)
    {
        _ = maker.Services;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The app's own start-up prepares the database; reading the authorization server's options makes its keys (two
    /// RSA keys, a tenth of a second of CPU each, once instead of in every host: issue #14). Hosts from one database
    /// share its keys; <c>KeysAtRestTests</c>, which needs keys its own certificate encrypted, starts on an empty one.
    /// </summary>
    private static async Task PrepareAsync(CipnApp maker)
    {
        var options = maker.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions>>();
        Assert.NotEmpty(options.CurrentValue.SigningCredentials);
        Assert.True(await maker.WithDbAsync(db => db.ServerKeys.CountAsync()) >= 2, "the authorization server's keys were not stored");
    }

    /// <summary>A SQLite file to copy.</summary>
    public static Task<string> SqliteAsync() => SqliteFile.Value;

    /// <summary>
    /// A SQLite file to copy with the demo already seeded, as the first start of the demo app seeds it (the tests' clock):
    /// the demo app's test classes each start from a copy instead of seeding their own (issue #14: CI time).
    /// </summary>
    public static Task<string> SqliteDemoAsync() => SqliteDemoFile.Value;

    /// <summary>The name of a database in the shared cluster to create databases from.</summary>
    public static Task<string> PostgresAsync() => PostgresTemplate.Value;

    /// <summary>
    /// The name of a database in the shared cluster with the demo seeded, as the published app's <c>seed-demo</c> seeds it
    /// (the real clock, production password hashing), to create databases from for published instances: seeded once per
    /// test process by this build's seeder instead of a <c>seed-demo</c> process per scenario, about 6 core-seconds each
    /// (issue #14: CI time). The command itself is tested by the operations scenarios (<c>PublishedAppOperationsTests</c>).
    /// </summary>
    public static Task<string> PostgresDemoAsync() => PostgresDemoTemplate.Value;
}

/// <summary>The app on a SQLite file of its own (a copy of <see cref="PreparedDatabase"/> when started as a fixture), deleted afterwards.</summary>
public class SqliteApp : CipnApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cipn-test-{Guid.NewGuid():N}.db");
    private readonly bool _fromPrepared;

    public SqliteApp()
        : this(fromPrepared: true)
    {
    }

    internal SqliteApp(bool fromPrepared)
    {
        _fromPrepared = fromPrepared;
        ConnectionString = $"Data Source={_file}";
    }

    /// <summary>The file this host starts from a copy of.</summary>
    protected virtual Task<string> PreparedFileAsync() => PreparedDatabase.SqliteAsync();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (_fromPrepared)
        {
            File.Copy(await PreparedFileAsync(), _file);
        }
    }

    protected override ValueTask CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The app on a database of its own in the shared throwaway PostgreSQL cluster, made from <see cref="PreparedDatabase"/>.</summary>
public sealed class PostgresApp : CipnApp
{
    private readonly bool _fromPrepared;

    public PostgresApp()
        : this(fromPrepared: true)
    {
    }

    internal PostgresApp(bool fromPrepared) => _fromPrepared = fromPrepared;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async ValueTask InitializeAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        UnavailableReason = cluster.UnavailableReason;
        if (UnavailableReason is null)
        {
            ConnectionString = await cluster.CreateDatabaseAsync(_fromPrepared ? await PreparedDatabase.PostgresAsync() : null);
        }
    }
}
