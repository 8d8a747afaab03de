using System.Globalization;
using CipnCare.Clinical;
using CipnCare.Web.Features.Localization;

namespace CipnCare.Web.Components.Shared;

/// <summary>
/// How dates read on screen. Stored times are UTC; a page shows them on the clock of the care team it is about (set for
/// the request by <c>UseTeamTime</c>), and a time of day always names its zone.
/// </summary>
public static class Dates
{
    private static readonly AsyncLocal<TeamZone?> Current = new();

    /// <summary>The zone of the request being rendered (UTC outside a request, or before it is resolved).</summary>
    public static TeamZone Zone
    {
        get => Current.Value ?? TeamZone.Utc;
        set => Current.Value = value;
    }

    /// <summary>The team's calendar day of an instant: "4 Mar 2026" ("4 mar 2026" on a Spanish page).</summary>
    public static string Day(DateTime utc) => Zone.DayOf(utc).ToString("d MMM yyyy", Months);

    /// <summary>"4 Mar 2026, 08:00 (Asia/Tokyo)" ("4 mar 2026, 08:00 (Asia/Tokyo)" on a Spanish page).</summary>
    public static string WithTime(DateTime utc) => $"{Zone.ToLocal(utc).ToString("d MMM yyyy, HH:mm", Months)} ({Zone.Id})";

    public static string Birth(DateOnly date) => date.ToString("d MMM yyyy", Months);

    /// <summary>A day written out for an email: "4 March 2027"; "4 de marzo de 2027" in Spanish.</summary>
    public static string Written(DateOnly day) => Languages.Current == Languages.Spanish
        ? day.ToString("d 'de' MMMM 'de' yyyy", Spanish)
        : day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Month names in the page's language (issue #20); digits are the same in both.</summary>
    private static CultureInfo Months => Languages.Current == Languages.Spanish ? Spanish : CultureInfo.InvariantCulture;

    private static readonly CultureInfo Spanish = SpanishMonths();

    /// <summary>Spanish abbreviations without ICU's trailing dot ("sept." → "sep"), as clinic letters write them.</summary>
    private static CultureInfo SpanishMonths()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("es").Clone();
        culture.DateTimeFormat.AbbreviatedMonthGenitiveNames = culture.DateTimeFormat.AbbreviatedMonthNames =
            ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic", ""];
        return CultureInfo.ReadOnly(culture);
    }
}
