namespace CipnCare.Clinical.Messages;

/// <summary>
/// When a message to the care team should have its reply (issue #19): a number of working days (Monday to Friday in the
/// team's zone) after it was sent. A message sent on a weekend starts counting on Monday morning; the reply is due at
/// the end of the last working day, so "2 working days" from Thursday 10:00 is Monday evening, not Saturday morning.
/// </summary>
public static class ReplyTargets
{
    public const int DefaultWorkingDays = 2;
    public const int MaxWorkingDays = 10;

    /// <summary>The instant (UTC) the reply is due: the end (23:59:59 local) of the <paramref name="workingDays"/>th working day after the day it was sent.</summary>
    public static DateTime DueAt(DateTime sentUtc, int workingDays, TeamZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = zone.DayOf(sentUtc);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        var end = day.ToDateTime(new TimeOnly(23, 59, 59));
        return zone.ToUtc(end, firstOccurrence: false).Utc ?? zone.ToUtc(end.AddHours(-1), firstOccurrence: false).Utc!.Value;
    }

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
