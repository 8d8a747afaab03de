using System.Globalization;

namespace CipnCare.Clinical;

/// <summary>
/// A care team's time zone (an IANA id such as Asia/Tokyo). Instants are stored in UTC; every time a person types or
/// reads is in the team's zone, shown with it, and every date-only check ("not in the future", "the same day") uses the
/// team's local date. A nurse in Tokyo at 08:00 on 4 March is still on 3 March in UTC: "today" must be 4 March.
/// </summary>
public sealed class TeamZone
{
    private TeamZone(TimeZoneInfo zone) => Zone = zone;

    public static TeamZone Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id ("Asia/Tokyo"; "UTC").</summary>
    public string Id => Zone.Id;

    /// <summary>The zone with this IANA id, or null when the id is not an IANA zone this machine knows.</summary>
    public static TeamZone? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone))
        {
            return null;
        }

        // Windows names ("Tokyo Standard Time") resolve too; a team's setting must be the IANA id other systems read.
        return zone.HasIanaId ? (zone.Id == TimeZoneInfo.Utc.Id ? Utc : new TeamZone(zone)) : null;
    }

    /// <summary>The zone with this id, or UTC when it is unset or unknown (a team created before zones existed).</summary>
    public static TeamZone FindOrUtc(string? id) => Find(id) ?? Utc;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The team's calendar date at this instant.</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>The team's date now.</summary>
    public DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DayOf(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// A wall-clock time typed in the team's zone, as UTC. A time the clocks skipped (02:30 when they go forward) does
    /// not exist and is refused with the reason; one they passed twice (01:30 when they go back) is taken only when the
    /// person says which of the two it was — never guessed, so a dose is not stored an hour away from when it was given.
    /// </summary>
    /// <param name="local">The wall-clock time typed.</param>
    /// <param name="firstOccurrence">For a time the clocks passed twice: true = the first (before they went back), false = the second; null = not said.</param>
    public (DateTime? Utc, string? Problem) ToUtc(DateTime local, bool? firstOccurrence = null)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsAmbiguousTime(unspecified) && firstOccurrence is { } first)
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(unspecified);
            var offset = first ? offsets.Max() : offsets.Min(); // before the change the clock was further ahead
            return (DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc), null);
        }

        if (Zone.IsInvalidTime(unspecified))
        {
            return (null, $"{unspecified.ToString("HH:mm", CultureInfo.InvariantCulture)} did not happen on {unspecified.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} in {Id}: the clocks went forward. Enter the time as the clock showed it.");
        }

        if (Zone.IsAmbiguousTime(unspecified))
        {
            return (null, $"{unspecified.ToString("HH:mm", CultureInfo.InvariantCulture)} happened twice on {unspecified.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} in {Id}: the clocks went back. {AmbiguousQuestion}");
        }

        return (TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone), null);
    }

    /// <summary>What the person is asked when a time happened twice.</summary>
    public const string AmbiguousQuestion = "Say whether it was the first time (before the clocks went back) or the second (after).";

    /// <summary>Whether an instant's wall-clock time happened twice here, and if so whether it was the first of the two.</summary>
    public bool? FirstOccurrence(DateTime utc)
    {
        var local = ToLocal(utc);
        return Zone.IsAmbiguousTime(local) ? Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) == Zone.GetAmbiguousTimeOffsets(local).Max() : null;
    }

    /// <summary>
    /// The first instant of the team's day, in UTC: when a date is all a person types (a weight "measured on 4 March"), it
    /// counts from the team's midnight, not UTC's. Where the clocks skip midnight (America/Santiago in September) the
    /// day starts at the first minute that exists.
    /// </summary>
    public DateTime StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>"4 Mar 2026, 08:00 (Asia/Tokyo)".</summary>
    public string WithTime(DateTime utc) => $"{ToLocal(utc).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} ({Id})";

    /// <summary>"2026-03-04 08:00 Asia/Tokyo", for messages that name a recorded time.</summary>
    public string Stamp(DateTime utc) => $"{ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {Id}";

    /// <summary>The value of an &lt;input type="datetime-local"&gt; showing this instant in the team's zone.</summary>
    public string InputValue(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
