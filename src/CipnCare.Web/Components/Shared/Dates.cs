using System.Globalization;

namespace CipnCare.Web.Components.Shared;

/// <summary>How dates read on screen. Stored times are UTC and shown as UTC, labelled so.</summary>
public static class Dates
{
    public static string Day(DateTime utc) => utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string WithTime(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Birth(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
