using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CipnCare.Web.Data;

/// <summary>
/// All times are stored as UTC. SQLite returns DateTime with Kind=Unspecified; this restores Kind=Utc on read
/// and refuses to store a local time by accident.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    /// <summary>
    /// A UTC time cut to whole microseconds, what PostgreSQL keeps: a row built in memory then equals the same row read
    /// back, on either database (a hash over it, a view of it answered without reading it again).
    /// </summary>
    public static DateTime Stored(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
