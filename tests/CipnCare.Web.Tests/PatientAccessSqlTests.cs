using System.Security.Claims;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Features.Smart;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The access rule is written once and spliced into the lists' queries with the asker's facts as captured values (issue #17):
/// EF then keeps only the parts of the rule that apply to the asker, so a list's SQL carries no condition for the roles
/// the asker does not hold. (The compiled query that opens one patient carries them all as parameters; its outcomes are
/// the access tests'.)
/// </summary>
public abstract class PatientAccessSqlTests(CipnApp app)
{
    private static ClaimsPrincipal Asker(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-1"), .. claims.Select(c => new Claim(c.Type, c.Value))], "test"));

    private string Sql(ClaimsPrincipal user, bool reporting)
    {
        using var scope = app.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<PatientAccess>();
        return (reporting ? access.Reportable(user) : access.Visible(user)).ToQueryString();
    }

    [Fact]
    public void AnAdminsView_HasNoCondition_ButAnAdminReportsForNoOneAsAdmin()
    {
        Assert.DoesNotContain("WHERE", Sql(Asker((ClaimTypes.Role, Roles.Admin)), reporting: false), StringComparison.Ordinal);
        var reporting = Sql(Asker((ClaimTypes.Role, Roles.Admin)), reporting: true);
        Assert.Contains("WHERE", reporting, StringComparison.Ordinal);
        Assert.DoesNotContain("CareTeamMembers", reporting, StringComparison.Ordinal);
    }

    [Fact]
    public void AClinicianViews_ByTeamAndEmergencyAccess_AndReports_ByTeamOnly()
    {
        var clinician = Asker((ClaimTypes.Role, Roles.Clinician));
        var view = Sql(clinician, reporting: false);
        Assert.Contains("CareTeamMembers", view, StringComparison.Ordinal);
        Assert.Contains("EmergencyAccessGrants", view, StringComparison.Ordinal);
        Assert.DoesNotContain("CaregiverLinks", view, StringComparison.Ordinal);
        var report = Sql(clinician, reporting: true);
        Assert.Contains("CareTeamMembers", report, StringComparison.Ordinal);
        Assert.DoesNotContain("EmergencyAccessGrants", report, StringComparison.Ordinal);
    }

    [Fact]
    public void APatientsAndACaregiversLists_CarryOnlyTheirOwnCondition()
    {
        var patient = Sql(Asker((ClaimTypes.Role, Roles.Patient)), reporting: false);
        Assert.DoesNotContain("EXISTS", patient, StringComparison.Ordinal);
        Assert.Contains("UserId", patient, StringComparison.Ordinal);
        var caregiver = Sql(Asker((ClaimTypes.Role, Roles.Caregiver)), reporting: true);
        Assert.Contains("CaregiverLinks", caregiver, StringComparison.Ordinal);
        Assert.DoesNotContain("CareTeamMembers", caregiver, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmartBackendServicesList_IsItsTeam_AndALaunchPatientNarrowsAnyList()
    {
        var team = Guid.NewGuid();
        var service = Sql(Asker((SmartClaims.ClientTeam, team.ToString())), reporting: false);
        Assert.Contains("CareTeamId", service, StringComparison.Ordinal);
        Assert.DoesNotContain("EXISTS", service, StringComparison.Ordinal);
        var launched = Sql(Asker((ClaimTypes.Role, Roles.Admin), (SmartClaims.OnlyPatient, Guid.NewGuid().ToString())), reporting: false);
        Assert.Contains("WHERE", launched, StringComparison.Ordinal);
        Assert.DoesNotContain("EXISTS", launched, StringComparison.Ordinal);
    }
}

public sealed class PatientAccessSqlOnSqlite(SqliteApp app) : PatientAccessSqlTests(app), IClassFixture<SqliteApp>;

public sealed class PatientAccessSqlOnPostgres(PostgresApp app) : PatientAccessSqlTests(app), IClassFixture<PostgresApp>;
