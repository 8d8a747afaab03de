using CipnCare.Clinical.Alerts;
using CipnCare.Clinical.Messages;

namespace CipnCare.Clinical.Tests;

/// <summary>A message to the care team goes through the same safety net as a check-in's words (issue #19), and has a reply target in working days.</summary>
public sealed class MessageSafetyNetTests
{
    private static readonly DateTime Sent = new(2026, 12, 3, 15, 0, 0, DateTimeKind.Utc); // a Thursday

    private static IReadOnlyList<Alert> Triage(string text) => AlertRules.ForMessage(FreeTextTriage.Assess(text), Sent);

    [Fact]
    public void WordsAboutSelfHarm_AreUrgent_WithTheCrisisLine()
    {
        var alert = Assert.Single(Triage("Honestly I don't want to live like this any more."));
        Assert.Equal((AlertCode.SelfHarmInWords, AlertSeverity.Urgent, PatientNextStep.CrisisLine), (alert.Code, alert.Severity, alert.PatientStep));
        Assert.StartsWith("in a message:", alert.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmergency_IsUrgent_CallEmergencyServices()
    {
        var alerts = Triage("He fell in the bathroom and hit his head, he is confused.");
        Assert.Equal(AlertSeverity.Urgent, alerts[0].Severity);
        Assert.Equal(PatientNextStep.CallEmergency, AlertRules.NextStep(alerts));
    }

    [Fact]
    public void AFallInWords_IsHigh_ContactTheTeamToday()
    {
        var alert = Assert.Single(Triage("I tripped on the stairs yesterday because I could not feel my feet."));
        Assert.Equal((AlertCode.FallInWords, AlertSeverity.High, PatientNextStep.ContactTeamToday), (alert.Code, alert.Severity, alert.PatientStep));
    }

    [Fact]
    public void AnOrdinaryQuestion_RaisesNothing()
    {
        Assert.Empty(Triage("Can I still use the heated pad on my feet at night? The numbness is about the same."));
        Assert.Equal(PatientNextStep.Routine, AlertRules.NextStep(Triage("When is my next appointment?")));
    }

    [Theory]
    [InlineData("2026-12-03T15:00:00Z", 2, "2026-12-07")] // Thursday + 2 working days = Monday (the weekend does not count)
    [InlineData("2026-12-05T09:00:00Z", 2, "2026-12-08")] // sent on Saturday: Monday and Tuesday
    [InlineData("2026-12-01T08:00:00Z", 1, "2026-12-02")] // Tuesday + 1 = Wednesday
    [InlineData("2026-12-04T22:00:00Z", 3, "2026-12-09")] // Friday + 3 = Wednesday
    public void ReplyIsDue_AtTheEndOfTheLastWorkingDay(string sent, int days, string dueDay)
    {
        var due = ReplyTargets.DueAt(DateTime.Parse(sent, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), days, TeamZone.Utc);
        Assert.Equal(DateTime.Parse($"{dueDay}T23:59:59Z", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), due);
    }

    [Fact]
    public void ReplyTarget_CountsTheTeamsOwnDays()
    {
        // Friday 23:30 in New York is already Saturday in UTC: the team's Friday counts, so two working days end Tuesday evening there.
        var newYork = TeamZone.Find("America/New_York")!;
        var due = ReplyTargets.DueAt(new DateTime(2026, 12, 5, 4, 30, 0, DateTimeKind.Utc), 2, newYork);
        Assert.Equal(new DateOnly(2026, 12, 8), newYork.DayOf(due));
        Assert.Equal(23, newYork.ToLocal(due).Hour);
    }
}
