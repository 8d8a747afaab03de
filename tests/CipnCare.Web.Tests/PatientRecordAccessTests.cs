using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Tests.Infrastructure;

namespace CipnCare.Web.Tests;

/// <summary>A patient sees only their own record, a caregiver only linked patients, a clinician only their teams'.</summary>
public abstract class PatientRecordAccessTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePatientList_IsPagedOnTheServer_WithTotalAndLinks()
    {
        var team = await app.CreateTeamAsync();
        var prefix = CipnApp.Unique("Paged");
        var ids = new List<Guid>();
        foreach (var family in new[] { $"{prefix}-C", $"{prefix}-A", $"{prefix}-B" })
        {
            ids.Add((await app.CreatePatientAsync(team, withLogin: false, familyName: family)).PatientId);
        }

        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var first = await client.GetAsync("/api/patients?pageSize=2", Ct);
        var second = await client.GetAsync("/api/patients?pageSize=2&page=2", Ct);
        var firstRows = (await first.Content.ReadFromJsonAsync<List<PatientRow>>(CipnApp.Json, Ct))!;
        var secondRows = (await second.Content.ReadFromJsonAsync<List<PatientRow>>(CipnApp.Json, Ct))!;
        var pages = await HtmlForms.SignInAsync(app, await app.CreateUserAsync(Roles.Clinician, team), Ct);
        var page = await pages.GetStringAsync("/patients", Ct);

        Assert.Equal([$"Test {prefix}-A", $"Test {prefix}-B"], firstRows.Select(r => r.Name));
        Assert.Equal([$"Test {prefix}-C"], secondRows.Select(r => r.Name));
        Assert.Equal("3", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("page=2&pageSize=2>; rel=\"next\"", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Contains("page=1&pageSize=2>; rel=\"prev\"", second.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.False(second.Headers.GetValues("Link").Single().Contains("next", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/patients?page=0", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/patients?pageSize=501", Ct)).StatusCode);
        Assert.Contains("3 patients.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patient_SeesOwnRecord_NotAnothers()
    {
        var team = await app.CreateTeamAsync();
        var (mine, me) = await app.CreatePatientAsync(team);
        var (other, _) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(me!);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{mine}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{other}/check-ins", Ct)).StatusCode);
        var list = await client.GetFromJsonAsync<List<PatientRow>>("/api/patients", CipnApp.Json, Ct);
        Assert.Equal([mine], list!.Select(p => p.Id));
    }

    [Fact]
    public async Task Clinician_SeesOnlyTheirTeamsPatients()
    {
        var teamA = await app.CreateTeamAsync();
        var teamB = await app.CreateTeamAsync();
        var (a1, _) = await app.CreatePatientAsync(teamA, withLogin: false);
        var (a2, _) = await app.CreatePatientAsync(teamA, withLogin: false);
        var (b1, _) = await app.CreatePatientAsync(teamB, withLogin: false);
        var clinician = await app.CreateUserAsync(Roles.Clinician, teamA);
        var client = await app.ClientForAsync(clinician);

        var list = await client.GetFromJsonAsync<List<PatientRow>>("/api/patients", CipnApp.Json, Ct);

        Assert.Equal(new[] { a1, a2 }.Order(), list!.Select(p => p.Id).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{a1}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{b1}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Clinician_SearchesByNameOrMrn_WithinTheirPatientsOnly()
    {
        var team = await app.CreateTeamAsync();
        var family = CipnApp.Unique("Okonkwo");
        var (match, _) = await app.CreatePatientAsync(team, withLogin: false, familyName: family);
        await app.CreatePatientAsync(team, withLogin: false);
        await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false, familyName: family + "b");
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        var mrn = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Patients.Where(p => p.Id == match).Select(p => p.Mrn)));

        var byName = await client.GetFromJsonAsync<List<PatientRow>>($"/api/patients?search={family.ToUpperInvariant()}", CipnApp.Json, Ct);
        var byMrn = await client.GetFromJsonAsync<List<PatientRow>>($"/api/patients?search={mrn[4..]}", CipnApp.Json, Ct);

        Assert.Equal([match], byName!.Select(p => p.Id));
        Assert.Equal([match], byMrn!.Select(p => p.Id));
    }

    [Fact]
    public async Task Caregiver_SeesOnlyLinkedPatients()
    {
        var team = await app.CreateTeamAsync();
        var (linked, _) = await app.CreatePatientAsync(team, withLogin: false);
        var (other, _) = await app.CreatePatientAsync(team, withLogin: false);
        var caregiver = await app.CreateCaregiverForAsync(linked);
        var client = await app.ClientForAsync(caregiver);

        var list = await client.GetFromJsonAsync<List<PatientRow>>("/api/patients", CipnApp.Json, Ct);

        Assert.Equal([linked], list!.Select(p => p.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{other}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_SeesAnyPatient()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var view = await client.GetFromJsonAsync<PatientView>($"/api/patients/{patient}", CipnApp.Json, Ct);

        Assert.Equal(patient, view!.Id);
        Assert.Equal("Colon cancer", view.Diagnosis);
    }

    [Fact]
    public async Task UnknownPatient_Is404()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));

        var response = await client.GetAsync($"/api/patients/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no patient", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryReadAndRefusal_IsAudited_WithWhoWhatWhenWhere()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team, withLogin: false);
        var member = await app.CreateUserAsync(Roles.Clinician, team);
        var outsider = await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync());

        await (await app.ClientForAsync(member)).GetAsync($"/api/patients/{patient}", Ct);
        await (await app.ClientForAsync(outsider)).GetAsync($"/api/patients/{patient}", Ct);

        var audit = await app.AuditForPatientAsync(patient);
        var read = Assert.Single(audit, a => a.UserId == member.UserId);
        Assert.Equal(("read patient", AuditOutcome.Success, "Clinician"), (read.Action, read.Outcome, read.Role));
        Assert.Equal("GET /api/patients/{patientId:guid}", read.Endpoint); // the route, never a path that could carry a token
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, read.At);
        var refused = Assert.Single(audit, a => a.UserId == outsider.UserId);
        Assert.Equal(AuditOutcome.Denied, refused.Outcome);
        Assert.Equal(outsider.Email, refused.UserName);
    }
}

public sealed class PatientRecordAccessOnSqlite(SqliteApp app) : PatientRecordAccessTests(app), IClassFixture<SqliteApp>;

public sealed class PatientRecordAccessOnPostgres(PostgresApp app) : PatientRecordAccessTests(app), IClassFixture<PostgresApp>;
