using SkiaSharp;

namespace CipnCare.Web.Features.Messages;

/// <summary>A photo as stored: re-encoded pixels only, and what kind.</summary>
public sealed record CleanPhoto(string ContentType, int Width, int Height, byte[] Content);

/// <summary>Why a photo was refused; <see cref="SendMessage"/> says it in the sender's language.</summary>
public enum PhotoProblem
{
    Empty,
    TooManyBytes,
    NotJpegOrPng,
    TooManyPixels,
    Unreadable,
}

/// <summary>
/// Photos sent with messages (a sore on a numb foot): a JPEG or PNG of at most <see cref="MaxBytes"/>, decoded by
/// SkiaSharp — what the bytes are, never what the file name or browser says — and encoded again, so nothing but the
/// pixels survives: no place (GPS), camera, time or hidden payload. The photo is turned upright first (the orientation
/// tag goes with the rest) and made at most <see cref="MaxSide"/> pixels on its long side. Anything else is refused
/// with a reason the sender is told in words they can act on.
/// </summary>
public static class Photos
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxSide = 2048;

    /// <summary>Larger images are refused before decoding: a small file can claim enormous dimensions (24 MP is a large phone photo, ~96 MB decoded).</summary>
    private const long MaxPixels = 24_000_000;

    /// <summary>At most two photos are decoded at once, so a burst of uploads cannot take the server's memory.</summary>
    private static readonly SemaphoreSlim Decoding = new(2);

    public static (CleanPhoto? Photo, PhotoProblem? Problem) Clean(ReadOnlySpan<byte> bytes)
    {
        Decoding.Wait();
        try
        {
            return CleanOne(bytes);
        }
        finally
        {
            Decoding.Release();
        }
    }

    private static (CleanPhoto? Photo, PhotoProblem? Problem) CleanOne(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return (null, PhotoProblem.Empty);
        }

        if (bytes.Length > MaxBytes)
        {
            return (null, PhotoProblem.TooManyBytes);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png))
        {
            return (null, PhotoProblem.NotJpegOrPng);
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return (null, PhotoProblem.TooManyPixels);
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return (null, PhotoProblem.Unreadable);
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var sized = Smaller(upright);
        using var image = SKImage.FromBitmap(sized);
        var jpeg = codec.EncodedFormat == SKEncodedImageFormat.Jpeg;
        using var encoded = image.Encode(jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 85);
        return (new CleanPhoto(jpeg ? "image/jpeg" : "image/png", sized.Width, sized.Height, encoded.ToArray()), null);
    }

    /// <summary>The pixels as the camera meant them to be seen (EXIF orientation applied).</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false), // TopLeft, and the rare mirrored origins, as they are
        };
        if (degrees == 0)
        {
            return source.Copy();
        }

        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    private static SKBitmap Smaller(SKBitmap source)
    {
        var side = Math.Max(source.Width, source.Height);
        if (side <= MaxSide)
        {
            return source.Copy();
        }

        var scale = (double)MaxSide / side;
        return source.Resize(new SKImageInfo((int)Math.Round(source.Width * scale), (int)Math.Round(source.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
    }
}
