using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CipnCare.Web.Data;

/// <summary>
/// All times are stored as UTC. SQLite returns DateTime with Kind=Unspecified; this restores Kind=Utc on read
/// and refuses to store a local time by accident.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
