using System.Net;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.CarePlans;
using CipnCare.Web.Features.CheckIns;
using CipnCare.Web.Features.Demo;
using CipnCare.Web.Features.Patients;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// The patient's own page opens with a home written for them (issue #20): what is due, how they have been in words,
/// next steps, goals and what they are trying, messages — checked against the demo's record — and the clinical detail
/// below says what its numbers mean instead of showing raw clinical scores.
/// </summary>
public sealed class PatientHomeTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePatientsHome_SaysInWordsWhatIsDueHowTheyHaveBeenAndTheirGoals()
    {
        using var client = await app.ClientForAsync(new TestUser("", DemoSeeder.PatientEmail, DemoSeeder.Password, Roles.Patient, ""));
        var maria = await app.WithDbAsync(DemoPeople.MariaAsync);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/patients/{maria}", Ct));

        await using var scope = app.Services.CreateAsyncScope();
        var latest = (await scope.ServiceProvider.GetRequiredService<CheckInQueries>().HistoryAsync(maria, Ct))[0];
        var plan = await scope.ServiceProvider.GetRequiredService<CarePlanQueries>().ForPatientAsync(maria, Ct);

        Assert.True(html.IndexOf("What is due", StringComparison.Ordinal) < html.IndexOf("About you", StringComparison.Ordinal), "the home comes first");
        Assert.Contains("<h1>Your page</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"reported <strong>{PlainWords.Sensory(latest.SensoryGrade)}</strong>, and <strong>{PlainWords.Motor(latest.MotorGrade)}</strong>. {PlainWords.Change(latest.Change.Direction)}", html, StringComparison.Ordinal);
        var active = plan.Goals.Where(g => g.Status == GoalStatus.Active).ToList();
        Assert.NotEmpty(active);
        Assert.All(active, g => Assert.Contains($"<strong>{g.Text}</strong>:", html, StringComparison.Ordinal));
        Assert.Contains("Messages with the care team", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, ">Start a check-in<")); // one way in, at the top

        // The detail below says what its numbers mean: no clinician's scale names without meaning.
        Assert.DoesNotContain("CTCAE v5.0 grades (clinician)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("exam composite", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("injury", "<strong>call 911</strong>")] // a fall with an injury: the emergency number, not only the clinic
    [InlineData("Some days I don't want to live like this.", "<strong>contact 988 (Suicide & Crisis Lifeline, call or text) now</strong>")]
    [InlineData("much worse", "The last check-in asked you to contact the care team.")] // feet much worse than the week before
    public async Task TheNextSteps_RepeatWhatTheLastCheckInSaid(string notes, string expected)
    {
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        using var self = await app.ClientForAsync(login!);
        var week = notes == "injury" ? Questionnaires.Week(2, everyday: true, falls: 1, notes: "fell on the stairs and hit my head") : Questionnaires.Week(1, notes: notes == "much worse" ? null : notes);
        if (notes == "injury")
        {
            week["fall-injury"] = true;
        }
        else if (notes == "much worse")
        {
            Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, Questionnaires.Week(1), Ct)).StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            (week["numbness-feet"], week["tingling-feet"]) = ("4", "4");
        }

        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(self, patient, week, Ct)).StatusCode);
        var html = WebUtility.HtmlDecode(await self.GetStringAsync($"/patients/{patient}", Ct));
        var nextSteps = html[html.IndexOf("id=\"next-heading\"", StringComparison.Ordinal)..html.IndexOf("id=\"trying-heading\"", StringComparison.Ordinal)];

        Assert.Contains(expected, nextSteps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACarer_SeesTheSameHome_AboutThePersonTheyCareFor()
    {
        using var client = await app.ClientForAsync(new TestUser("", DemoSeeder.CaregiverEmail, DemoSeeder.Password, Roles.Caregiver, ""));
        var (walter, name) = await app.WithDbAsync(async db =>
        {
            var link = await DemoPeople.WalterAsync(db);
            return (link, await db.Patients.Where(p => p.Id == link).Select(p => p.GivenName).SingleAsync());
        });
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/patients/{walter}", Ct));

        Assert.Contains($"How {name} has been", html, StringComparison.Ordinal);
        Assert.Contains($"Goals and what {name} is trying", html, StringComparison.Ordinal);
        Assert.DoesNotContain("summary-heading", html, StringComparison.Ordinal); // the clinician's summary is for the care team
    }
}
