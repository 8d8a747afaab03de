using CipnCare.Clinical.Alerts;
using CipnCare.Web.Features.Alerts;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>The app with the demo seeded, as a newcomer runs it.</summary>
public sealed class DemoApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "true");
    }
}

/// <summary>What a newcomer sees on the demo worklist: the safety net at work (issue #12).</summary>
public sealed class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<List<AlertRecord>> AlertsForAsync(string mrn)
    {
        _ = app.Server; // start the host: it seeds the demo
        return await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => db.Patients.Any(p => p.Id == a.PatientId && p.Mrn == mrn)).ToListAsync());
    }

    [Fact]
    public async Task ACarersWordsAboutHerFather_AreAnUrgentSelfHarmAlert()
    {
        var alert = Assert.Single(await AlertsForAsync("MRN-100512"), a => a.Code == AlertCode.SelfHarmInWords);

        Assert.Equal((AlertSeverity.Urgent, PatientNextStep.CrisisLine), (alert.Severity, alert.PatientStep));
        Assert.Contains("better off without", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorstPainOfEight_IsASevereSymptomAlert()
    {
        var alert = Assert.Single(await AlertsForAsync("MRN-200104"), a => a.Code == AlertCode.SevereSymptom);

        Assert.Equal(("Severe: worst nerve pain", AlertSeverity.High), (alert.Title, alert.Severity));
    }

    [Fact]
    public async Task APatientWhoNeverCheckedIn_HasTheReachOutAlert()
    {
        var alert = Assert.Single(await AlertsForAsync("MRN-100731"));

        Assert.Equal((AlertCode.MissedCheckIns, "missed:first"), (alert.Code, alert.ConditionKey));
    }

    [Fact]
    public async Task JamessBruisedKnee_IsContactTheTeamToday_NotAnEmergency()
    {
        var alerts = await AlertsForAsync("MRN-100688");

        Assert.Contains(alerts, a => a.Code == AlertCode.FallWithInjury && a.Severity == AlertSeverity.High && a.PatientStep == PatientNextStep.ContactTeamToday);
        Assert.DoesNotContain(alerts, a => a.PatientStep == PatientNextStep.CallEmergency);
    }
}
