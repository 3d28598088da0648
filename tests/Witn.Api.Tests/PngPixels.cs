using System.Buffers.Binary;
using System.IO.Compression;

namespace Witn.Api.Tests;

/// <summary>
/// Just enough of a PNG decoder to look at a browser screenshot: 8-bit RGB or RGBA (colour types 2 and 6), not
/// interlaced. The file is a signature and chunks (length, type, data, CRC); the IDAT chunks together are one zlib
/// stream holding the scanlines, each a filter byte followed by the row's pixels, filtered against the row above.
/// </summary>
internal sealed class PngPixels
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _pixels; // unfiltered rows, no filter bytes
    private readonly int _bytesPerPixel;

    private PngPixels(int width, int height, int bytesPerPixel, byte[] pixels)
    {
        Width = width;
        Height = height;
        _bytesPerPixel = bytesPerPixel;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The width and height in the IHDR chunk, after checking the signature; the pixels are not read.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(Signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("not a PNG: the signature or the leading IHDR chunk is missing");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static PngPixels Decode(byte[] png)
    {
        var (width, height) = Size(png);
        int bitDepth = png[24], colorType = png[25], interlace = png[28];
        if (bitDepth != 8 || colorType is not (2 or 6) || interlace != 0)
        {
            throw new InvalidDataException($"unsupported PNG: bit depth {bitDepth}, colour type {colorType}, interlace {interlace}");
        }

        // Concatenate the IDAT chunks: their data is one zlib stream.
        using var compressed = new MemoryStream();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            if (type.SequenceEqual("IDAT"u8))
            {
                compressed.Write(png, at + 8, length);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            at += 12 + length; // length, type, data, CRC
        }

        var bpp = colorType == 6 ? 4 : 3;
        var stride = width * bpp;
        var raw = new byte[height * (stride + 1)];
        compressed.Position = 0;
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.ReadExactly(raw);
        }

        // Undo each row's filter (PNG spec section 9): a is the byte one pixel left, b the byte above, c above-left.
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var above = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = above[i], c = i >= bpp ? above[i - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"row {y}: unknown filter {filter}"),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }

        return new PngPixels(width, height, bpp, pixels);
    }

    /// <summary>The red, green and blue of one pixel (alpha, if any, is ignored: screenshots are opaque).</summary>
    public (byte R, byte G, byte B) At(int x, int y)
    {
        var i = (y * Width + x) * _bytesPerPixel;
        return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    /// <summary>Text-dark: every channel below 110 (the page's text #1b1f24 and grey #57606a are; the blue of links is not).</summary>
    public bool IsDark(int x, int y) => At(x, y) is var (r, g, b) && r < 110 && g < 110 && b < 110;

    /// <summary>Paper-white: every channel at 245 or more.</summary>
    public bool IsWhite(int x, int y) => At(x, y) is var (r, g, b) && r >= 245 && g >= 245 && b >= 245;

    /// <summary>How many pixels of the rectangle satisfy the test.</summary>
    public int Count(int left, int top, int right, int bottom, Func<int, int, bool> test)
    {
        var n = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                n += test(x, y) ? 1 : 0;
            }
        }

        return n;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
