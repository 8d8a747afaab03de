using CipnCare.Clinical.Exposure;

namespace CipnCare.Clinical.Tests;

/// <summary>Local time (issue #13): a team in Tokyo and one in Los Angeles, around midnight and the daylight-saving changes.</summary>
public sealed class TeamZoneTests
{
    private static readonly TeamZone Tokyo = TeamZone.Find("Asia/Tokyo")!;
    private static readonly TeamZone LosAngeles = TeamZone.Find("America/Los_Angeles")!;

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void AroundMidnight_TheTeamsDateIsNotUtcs()
    {
        // 23:30 UTC on 3 March is 08:30 on 4 March in Tokyo; 07:30 UTC on 4 March is 23:30 on 3 March in Los Angeles.
        Assert.Equal(new DateOnly(2026, 3, 4), Tokyo.DayOf(Utc(2026, 3, 3, 23, 30)));
        Assert.Equal(new DateOnly(2026, 3, 3), LosAngeles.DayOf(Utc(2026, 3, 4, 7, 30)));
        Assert.Equal(new DateOnly(2026, 3, 4), Tokyo.Today(new FixedClock(Utc(2026, 3, 3, 23, 30))));
    }

    [Fact]
    public void ATimeTyped_IsStoredAsUtc_AndReadBackOnTheTeamsClock()
    {
        var (tokyo, _) = Tokyo.ToUtc(new DateTime(2026, 3, 4, 8, 0, 0));
        var (summer, _) = LosAngeles.ToUtc(new DateTime(2026, 7, 1, 23, 30, 0)); // PDT, UTC−7
        var (winter, _) = LosAngeles.ToUtc(new DateTime(2026, 12, 1, 23, 30, 0)); // PST, UTC−8

        Assert.Equal(Utc(2026, 3, 3, 23), tokyo);
        Assert.Equal(Utc(2026, 7, 2, 6, 30), summer);
        Assert.Equal(Utc(2026, 12, 2, 7, 30), winter);
        Assert.Equal("4 Mar 2026, 08:00 (Asia/Tokyo)", Tokyo.WithTime(tokyo!.Value));
        Assert.Equal("2026-07-01T23:30", LosAngeles.InputValue(summer!.Value));
    }

    [Fact]
    public void ClocksGoingForward_ATimeThatDidNotHappen_IsRefused()
    {
        var (utc, problem) = LosAngeles.ToUtc(new DateTime(2026, 3, 8, 2, 30, 0)); // 02:00 → 03:00 on 8 March 2026

        Assert.Null(utc);
        Assert.Equal("02:30 did not happen on 8 Mar 2026 in America/Los_Angeles: the clocks went forward. Enter the time as the clock showed it.", problem);
        Assert.Equal(Utc(2026, 3, 8, 10), LosAngeles.ToUtc(new DateTime(2026, 3, 8, 3, 0, 0)).Utc); // 03:00 PDT
    }

    [Fact]
    public void ClocksGoingBack_ATimeThatHappenedTwice_IsRefused_NotGuessed()
    {
        var (utc, problem) = LosAngeles.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0)); // 02:00 → 01:00 on 1 November 2026

        Assert.Null(utc);
        Assert.Contains("01:30 happened twice on 1 Nov 2026 in America/Los_Angeles", problem, StringComparison.Ordinal);
        Assert.EndsWith("Say whether it was the first time (before the clocks went back) or the second (after).", problem, StringComparison.Ordinal);
        Assert.Equal(Utc(2026, 11, 1, 10, 30), LosAngeles.ToUtc(new DateTime(2026, 11, 1, 2, 30, 0)).Utc); // 02:30 PST
    }

    [Fact]
    public void ClocksGoingBack_ThePersonSaysWhichTime_AndAStoredTimeKnowsWhichItWas()
    {
        var first = LosAngeles.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0), firstOccurrence: true).Utc!.Value; // 01:30 PDT, UTC−7
        var second = LosAngeles.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0), firstOccurrence: false).Utc!.Value; // 01:30 PST, UTC−8

        Assert.Equal((Utc(2026, 11, 1, 8, 30), Utc(2026, 11, 1, 9, 30)), (first, second));
        Assert.Equal((true, false), (LosAngeles.FirstOccurrence(first), LosAngeles.FirstOccurrence(second)));
        Assert.Null(LosAngeles.FirstOccurrence(Utc(2026, 11, 1, 12, 0)));
    }

    [Theory]
    [InlineData("Asia/Tokyo", true)]
    [InlineData("America/Los_Angeles", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyKnownIanaZones_AreTeamZones(string? id, bool known)
    {
        Assert.Equal(known, TeamZone.Find(id) is not null);
        Assert.Equal(known ? id : "UTC", TeamZone.FindOrUtc(id).Id);
    }

    [Theory]
    // Lenalidomide (once daily) in Tokyo: 07:00 and 20:30 on the same day are two doses that day (13.5 h apart).
    [InlineData(2026, 3, 3, 22, 2026, 3, 4, 11, 30, true)]
    // 20:30 one evening and 09:30 the next morning (13 h): the next daily dose.
    [InlineData(2026, 3, 4, 11, 2026, 3, 5, 0, 30, false)]
    public void OnceDaily_TwoDosesOnTheTeamsSameDay_AreADuplicate(int y1, int m1, int d1, int h1, int y2, int m2, int d2, int h2, int min2, bool duplicate)
    {
        var body = new[] { new BodyMeasurement(Utc(2026, 1, 1, 0), 170, 70) };
        NormalisedDose At(DateTime at) => DoseConversion.Normalise(new Administration("lenalidomide", at, 25, DoseUnit.Mg), body, BsaFormula.Mosteller).Dose!;
        var first = At(Utc(y1, m1, d1, h1));
        var second = At(new DateTime(y2, m2, d2, h2, min2, 0, DateTimeKind.Utc));

        var inTokyo = DoseSafety.Check(second, [first], zone: Tokyo);

        Assert.Equal(duplicate, inTokyo.Any(f => f.Rule == DoseRule.DuplicateWithin24Hours));
        if (duplicate)
        {
            Assert.Equal("Another Lenalidomide dose (25 mg) is recorded on the same day, at 2026-03-04 07:00 Asia/Tokyo.", inTokyo.Single().Message);
            // 14:00 and 03:30 the next day in Los Angeles: not the same day (a short interval, said at a lower severity).
            Assert.DoesNotContain(DoseSafety.Check(second, [first], zone: LosAngeles), f => f.Rule == DoseRule.DuplicateWithin24Hours);
        }
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}
