using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace CipnCare.Web.Features.Charts;

/// <summary>
/// Charts already drawn, kept by the patient, the chart, the page's culture and a SHA-256 of everything the chart is
/// drawn from. Drawing with ScottPlot was most of the progress view's time and a part of every patient page's (issue #17),
/// while a patient's data changes far less often than it is read.
/// <para>
/// There is nothing to forget: the key is the data itself, so a new check-in, dose, goal review or another day (the
/// window moves) is another key, and a chart is never served for data it was not drawn from. That holds only if
/// <c>draw</c> uses nothing but its input: pass a <c>static</c> lambda (it cannot capture), and put every value the
/// chart shows into the input (a tuple or records; fields and properties are both hashed).
/// </para>
/// Bounded by <see cref="SizeLimitChars"/> (an entry's size is its length), and an entry unread for
/// <see cref="Unread"/> is let go.
/// </summary>
public sealed class ChartCache : IDisposable
{
    /// <summary>About 64 MB of UTF-16: a few thousand patients' five charts.</summary>
    public const long SizeLimitChars = 32 * 1024 * 1024;

    public static readonly TimeSpan Unread = TimeSpan.FromMinutes(30);

    private static readonly JsonSerializerOptions Hashed = new() { IncludeFields = true };

    private readonly MemoryCache _drawn = new(new MemoryCacheOptions { SizeLimit = SizeLimitChars });

    /// <summary>How many times a chart was drawn rather than found (the tests read it).</summary>
    public long Draws => Interlocked.Read(ref _draws);

    private long _draws;

    /// <summary>The chart <paramref name="draw"/> makes from <paramref name="input"/>, drawn once per distinct input and culture.</summary>
    public string Svg<TInput>(Guid patientId, string chart, TInput input, Func<TInput, string> draw)
    {
        ArgumentException.ThrowIfNullOrEmpty(chart);
        ArgumentNullException.ThrowIfNull(draw);
        var key = string.Join('|', patientId.ToString("N"), chart, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name,
            Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, Hashed))));
        if (_drawn.TryGetValue(key, out string? svg) && svg is not null)
        {
            return svg;
        }

        svg = draw(input);
        Interlocked.Increment(ref _draws);
        _drawn.Set(key, svg, new MemoryCacheEntryOptions { Size = Math.Max(1, svg.Length), SlidingExpiration = Unread });
        return svg;
    }

    public void Dispose() => _drawn.Dispose();
}
