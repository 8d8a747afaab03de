using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Exposure;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The one-screen summary at the top of a patient's page for the care team (issue #20), checked for every demo patient
/// against the record itself: each open alert (and no resolved one) links to its form, each agent's cumulative dose is
/// shown against its threshold, and the summary comes before the rest. Patients and carers do not get it.
/// </summary>
public sealed partial class ClinicianSummaryTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachDemoPatientsSummary_ShowsTheirOpenAlertsAndDoseAgainstThreshold_First()
    {
        using var client = await app.ClientForAsync(new TestUser("", DemoSeeder.ClinicianEmail, DemoSeeder.Password, Roles.Clinician, ""));
        var patients = await app.WithDbAsync(db => db.Patients.Where(p => db.CareTeamMembers.Any(m => m.CareTeamId == p.CareTeamId && db.Users.Any(u => u.Id == m.UserId && u.Email == DemoSeeder.ClinicianEmail))).Select(p => p.Id).ToListAsync());
        Assert.True(patients.Count >= 5, "the clinician's demo team has five patients");
        var sawAlert = false;
        var sawDose = false;
        foreach (var patient in patients)
        {
            var response = await client.GetAsync($"/patients/{patient}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            var summary = Section(html);
            Assert.True(html.IndexOf("id=\"summary-heading\"", StringComparison.Ordinal) < html.IndexOf("id=\"about\"", StringComparison.Ordinal), "the summary comes first");

            var open = await app.WithDbAsync(db => db.Alerts.Where(a => a.PatientId == patient && a.Status != AlertStatus.Resolved).Select(a => a.Id).ToListAsync());
            var linked = AlertLinks().Matches(summary).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
            Assert.Equal(Math.Min(open.Count, 3), linked.Count); // at most three, the rest counted
            Assert.All(linked, id => Assert.Contains(id, open));
            Assert.All(linked, id => Assert.Contains($"id=\"alert-{id}\"", html, StringComparison.Ordinal)); // each link's target, with its form, is on the page
            if (open.Count > 3)
            {
                Assert.Contains($"{open.Count - 3} more open", summary, StringComparison.Ordinal);
            }

            sawAlert |= linked.Count > 0;

            await using var scope = app.Services.CreateAsyncScope();
            var exposure = await scope.ServiceProvider.GetRequiredService<ExposureQueries>().SummaryAsync(patient, Ct);
            foreach (var agent in exposure.Agents.Where(a => a.Threshold is not null))
            {
                // Written out here, not with the page's formatter: two decimals at most (2.6 mg/m² must not read 3), whole percents.
                var amount = Math.Round(agent.CumulativeInBasis, 2, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
                var percent = Math.Round(agent.PercentOfThreshold!.Value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
                var threshold = Math.Round(agent.Threshold!.Value, 2, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
                Assert.Contains($"{agent.Name} {amount} {agent.BasisUnit}: {percent} % of the {threshold} {agent.BasisUnit} threshold ({agent.RiskBand})", summary, StringComparison.Ordinal);
                sawDose = true;
            }

            if (exposure.Agents.Count == 0)
            {
                Assert.Contains("No neurotoxic doses recorded.", summary, StringComparison.Ordinal);
            }
        }

        Assert.True(sawAlert && sawDose, "the demo has open alerts and neurotoxic doses to summarise");
    }

    [Fact]
    public async Task ThePatient_DoesNotGetTheCliniciansSummary()
    {
        using var client = await app.ClientForAsync(new TestUser("", DemoSeeder.PatientEmail, DemoSeeder.Password, Roles.Patient, ""));
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var html = await client.GetStringAsync($"/patients/{maria}", Ct);

        Assert.DoesNotContain("summary-heading", html, StringComparison.Ordinal);
    }

    private static string Section(string html)
    {
        var start = html.IndexOf("<section class=\"card summary\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has the summary");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("href=\"#alert-([0-9a-f-]{36})\"")]
    private static partial Regex AlertLinks();
}
