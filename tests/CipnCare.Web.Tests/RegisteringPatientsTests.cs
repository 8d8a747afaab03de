using System.Net;
using System.Net.Http.Json;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CareTeams;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

public abstract class RegisteringPatientsTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object NewPatient(string mrn, Guid? team = null, string? email = null, string? loginPassword = null) => new
    {
        mrn,
        givenName = "Ada",
        familyName = "Lovelace",
        birthDate = "1958-12-10",
        sex = "Female",
        phone = "+44 20 7946 0000",
        email,
        diagnosis = "Ovarian cancer (carboplatin/paclitaxel)",
        treatmentStatus = "OnTreatment",
        careTeamId = team,
        loginPassword,
    };

    [Fact]
    public async Task Admin_RegistersPatient_WithLogin_WhoCanThenSignIn()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var mrn = CipnApp.Unique("MRN");
        var email = CipnApp.Unique("ada") + "@test.org";

        var response = await client.PostAsJsonAsync("/api/patients", NewPatient(mrn, team, email, "Patient-pass-12"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<PatientView>(CipnApp.Json, Ct);
        Assert.Equal((mrn, "Ada", "Lovelace", new DateOnly(1958, 12, 10), Sex.Female, team, true), (view!.Mrn, view.GivenName, view.FamilyName, view.BirthDate, view.Sex, view.CareTeamId, view.HasLogin));
        var patientClient = await app.ClientForAsync(new TestUser("", email, "Patient-pass-12", Roles.Patient, ""));
        var own = await patientClient.GetFromJsonAsync<PatientView>($"/api/patients/{view.Id}", CipnApp.Json, Ct);
        Assert.Equal(mrn, own!.Mrn);
    }

    [Fact]
    public async Task Clinician_WithoutTeamGiven_AddsToTheirOwnTeam()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));

        var response = await client.PostAsJsonAsync("/api/patients", NewPatient(CipnApp.Unique("MRN")), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(team, (await response.Content.ReadFromJsonAsync<PatientView>(CipnApp.Json, Ct))!.CareTeamId);
    }

    [Fact]
    public async Task Clinician_CannotAddToAnotherTeam()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));
        var mrn = CipnApp.Unique("MRN");

        var response = await client.PostAsJsonAsync("/api/patients", NewPatient(mrn, await app.CreateTeamAsync()), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Patients.AnyAsync(p => p.Mrn == mrn)));
    }

    [Fact]
    public async Task PatientsAndCaregivers_CannotRegisterPatients()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Caregiver));

        var response = await client.PostAsJsonAsync("/api/patients", NewPatient(CipnApp.Unique("MRN"), await app.CreateTeamAsync()), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DuplicateMrn_Is409()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var mrn = CipnApp.Unique("MRN");
        await client.PostAsJsonAsync("/api/patients", NewPatient(mrn, team), Ct);

        var response = await client.PostAsJsonAsync("/api/patients", NewPatient(mrn, team), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"A patient with MRN {mrn} is already registered.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Patients.CountAsync(p => p.Mrn == mrn)));
    }

    [Fact]
    public async Task InvalidFields_Are400_EachNamed_NothingStored()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var body = new { mrn = "bad mrn!", givenName = "", familyName = "X", birthDate = "2099-01-01", sex = "Female", diagnosis = "", treatmentStatus = "OnTreatment", careTeamId = team, email = "nope", phone = "call me" };

        var response = await client.PostAsJsonAsync("/api/patients", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(CipnApp.Json, Ct);
        Assert.Equal(["mrn", "givenName", "diagnosis", "birthDate", "email", "phone"], problem!.Errors.Keys);
        Assert.Equal("The birth date cannot be in the future.", problem.Errors["birthDate"][0]);
        Assert.False(await app.WithDbAsync(db => db.Patients.AnyAsync(p => p.CareTeamId == team)));
    }

    [Fact]
    public async Task WeakLoginPassword_StoresNeitherPatientNorLogin()
    {
        var team = await app.CreateTeamAsync();
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var email = CipnApp.Unique("weak") + "@test.org";

        var response = await client.PostAsJsonAsync("/api/patients", NewPatient(CipnApp.Unique("MRN"), team, email, "weak"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await app.WithDbAsync(db => db.Patients.AnyAsync(p => p.CareTeamId == team)));
    }

    [Fact]
    public async Task Admin_CreatesTeamAndClinician_WhoSeesThatTeam()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        var teamResponse = await admin.PostAsJsonAsync("/api/admin/care-teams", new { name = CipnCare.Web.Tests.Infrastructure.CipnApp.Unique("Neuro"), phone = "+1 555 0199" }, Ct);
        var team = (await teamResponse.Content.ReadFromJsonAsync<CareTeamView>(CipnApp.Json, Ct))!;
        var email = CipnApp.Unique("dr") + "@test.org";
        var clinicianResponse = await admin.PostAsJsonAsync("/api/admin/clinicians", new { email, displayName = "Dr New", password = "Clinician-pass-1", careTeamIds = new[] { team.Id } }, Ct);
        var (patient, _) = await app.CreatePatientAsync(team.Id, withLogin: false);

        var clinician = await app.ClientForAsync(new TestUser("", email, "Clinician-pass-1", Roles.Clinician, ""));
        var rows = await clinician.GetFromJsonAsync<List<PatientRow>>("/api/patients", CipnApp.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, teamResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, clinicianResponse.StatusCode);
        Assert.Equal([patient], rows!.Select(r => r.Id));
        var teams = await admin.GetFromJsonAsync<List<CareTeamView>>("/api/admin/care-teams", CipnApp.Json, Ct);
        Assert.Equal(["Dr New"], teams!.Single(t => t.Id == team.Id).Clinicians.Select(c => c.DisplayName));
    }

    [Fact]
    public async Task NonAdmin_CannotManageTeams()
    {
        var client = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, await app.CreateTeamAsync()));

        var response = await client.PostAsJsonAsync("/api/admin/care-teams", new { name = "Mine", phone = "123" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class RegisteringPatientsOnSqlite(SqliteApp app) : RegisteringPatientsTests(app), IClassFixture<SqliteApp>;

public sealed class RegisteringPatientsOnPostgres(PostgresApp app) : RegisteringPatientsTests(app), IClassFixture<PostgresApp>;
