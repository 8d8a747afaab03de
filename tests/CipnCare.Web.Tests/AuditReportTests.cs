using System.Net;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>The audit report: sorted, and exported as CSV with the same filters (ONC 170.315(d)(3), issue #15).</summary>
public sealed class AuditReportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheTrail_ExportsAsCsv_InTheOrderAsked_FormulaSafe_AndTheExportIsAudited()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var clinician = await app.ClientForAsync(await app.CreateUserAsync(Roles.Clinician, team));
        await clinician.GetAsync($"/api/patients/{patient}", Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await clinician.GetAsync($"/api/patients/{patient}/schedule", Ct);
        var adminUser = await app.CreateUserAsync(Roles.Admin);
        var admin = await app.ClientForAsync(adminUser);
        await app.WithDbAsync(async db =>
        {
            db.AuditEvents.Add(new AuditEvent { At = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), Action = "=HYPERLINK(\"http://x\")", Outcome = AuditOutcome.Success, PatientId = patient });
            return await db.SaveChangesAsync();
        });

        var expected = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.PatientId == patient, Ct)); // before the exports audit themselves
        var oldest = await admin.GetAsync($"/api/audit/export.csv?patientId={patient}&sort=Oldest", Ct);
        var newest = await admin.GetStringAsync($"/api/audit/export.csv?patientId={patient}", Ct);
        var page = await (await HtmlForms.SignInAsync(app, adminUser, Ct)).GetAsync($"/admin/audit?patientId={patient}&sort=Sideways", Ct);

        Assert.Equal(HttpStatusCode.OK, oldest.StatusCode);
        Assert.Equal("text/csv", oldest.Content.Headers.ContentType?.MediaType);
        var lines = (await oldest.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at_utc,user,role,patient_id,action,outcome,ip_address,endpoint,detail,seq,hash", lines[0]);
        Assert.Equal(expected, lines.Length - 1);
        Assert.Contains(",read patient,", lines[1], StringComparison.Ordinal); // oldest first
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", lines[^1], StringComparison.Ordinal); // never run as a formula
        Assert.Contains("=HYPERLINK", newest.Split("\r\n")[1], StringComparison.Ordinal); // newest first
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(await app.AuditForUserAsync(adminUser), e => e.Action == "export audit trail" && e.PatientId == patient);
    }

    [Fact]
    public async Task TheTrail_FiltersByActionAndUser_AndSortsByUserOrAction()
    {
        var team = await app.CreateTeamAsync();
        var (patient, _) = await app.CreatePatientAsync(team);
        var first = await app.CreateUserAsync(Roles.Clinician, team);
        var second = await app.CreateUserAsync(Roles.Clinician, team);
        foreach (var user in new[] { first, second })
        {
            var client = await app.ClientForAsync(user);
            await client.GetAsync($"/api/patients/{patient}/schedule", Ct);
            await client.GetAsync($"/api/patients/{patient}", Ct);
        }

        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Admin));
        async Task<List<(string User, string Action)>> RowsAsync(string query) =>
            (await admin.GetStringAsync($"/api/audit/export.csv?patientId={patient}&{query}", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(line => line.Split(',')).Select(cells => (cells[2], cells[5])).ToList();

        var schedules = await RowsAsync("action=schedule");
        var bySecond = await RowsAsync($"who={Uri.EscapeDataString(second.Email)}");
        var byUser = await RowsAsync("sort=User");
        var byAction = await RowsAsync("sort=Action");

        Assert.Equal(2, schedules.Count);
        Assert.All(schedules, r => Assert.Contains("schedule", r.Action, StringComparison.Ordinal));
        Assert.Equal(2, bySecond.Count);
        Assert.All(bySecond, r => Assert.Equal(second.Email, r.User));
        Assert.Equal(byUser.Select(r => r.User).Order(StringComparer.Ordinal), byUser.Select(r => r.User));
        Assert.Equal(byAction.Select(r => r.Action).Order(StringComparer.Ordinal), byAction.Select(r => r.Action));
        Assert.Equal(4, byUser.Count(r => r.User == first.Email || r.User == second.Email));
    }
}
