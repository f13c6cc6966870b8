using System.Buffers.Binary;

namespace KejiLive.Reports;

/// <summary>Reads and narrows the font-wide bounding box of a TrueType/OpenType file (the <c>head</c> table's yMin/yMax).
/// </summary>
/// <remarks>CJK fonts such as Noto Sans SC declare a bounding box far taller than their text (yMax 1.81 em, yMin −1.05 em,
/// from a few tall glyphs). SkiaSharp reports it as the font's Top/Bottom, and ScottPlot places every label's baseline
/// Bottom above the label's box: with Noto the Chinese text is drawn half a line too high, so legends, axis labels and
/// titles are clipped. Narrowing the box to the font's own line metrics (hhea ascender/descender) gives ScottPlot the
/// numbers it expects from a Latin font; glyph outlines are untouched.</remarks>
internal static class SfntBounds
{
    private const int HeadYMin = 38;
    private const int HeadYMax = 42;
    private const int HheaAscender = 4;
    private const int HheaDescender = 6;

    /// <summary>The file's (yMin, yMax) from <c>head</c> and (ascender, descender) from <c>hhea</c>, in font units.</summary>
    public static (short YMin, short YMax, short Ascender, short Descender) Read(ReadOnlySpan<byte> font)
    {
        var head = Table(font, "head", 54);
        var hhea = Table(font, "hhea", 36);
        return (BinaryPrimitives.ReadInt16BigEndian(font[(head + HeadYMin)..]),
            BinaryPrimitives.ReadInt16BigEndian(font[(head + HeadYMax)..]),
            BinaryPrimitives.ReadInt16BigEndian(font[(hhea + HheaAscender)..]),
            BinaryPrimitives.ReadInt16BigEndian(font[(hhea + HheaDescender)..]));
    }

    /// <summary>A copy of <paramref name="font"/> whose bounding box's yMax/yMin are the line's ascender/descender
    /// (only ever narrowed, never widened).</summary>
    /// <exception cref="InvalidDataException">Not a TrueType/OpenType file with <c>head</c> and <c>hhea</c> tables.</exception>
    public static byte[] NarrowToLine(ReadOnlySpan<byte> font)
    {
        var copy = font.ToArray();
        var (yMin, yMax, ascender, descender) = Read(copy);
        var head = Table(copy, "head", 54);
        BinaryPrimitives.WriteInt16BigEndian(copy.AsSpan(head + HeadYMin), Math.Max(yMin, descender));
        BinaryPrimitives.WriteInt16BigEndian(copy.AsSpan(head + HeadYMax), Math.Min(yMax, ascender));
        return copy;
    }

    /// <summary>The offset of table <paramref name="tag"/>, checked to hold at least <paramref name="minLength"/> bytes.</summary>
    private static int Table(ReadOnlySpan<byte> font, string tag, int minLength)
    {
        if (font.Length < 12) throw new InvalidDataException("Not a font file: shorter than its header.");
        var version = BinaryPrimitives.ReadUInt32BigEndian(font);
        if (version is not (0x00010000 or 0x4F54544F)) throw new InvalidDataException("Not a TrueType/OpenType font file.");
        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            if (record + 16 > font.Length) break;
            if (font[record] != tag[0] || font[record + 1] != tag[1] || font[record + 2] != tag[2] || font[record + 3] != tag[3]) continue;
            var offset = BinaryPrimitives.ReadUInt32BigEndian(font[(record + 8)..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(font[(record + 12)..]);
            if (length < minLength || offset + (ulong)length > (ulong)font.Length) break;
            return (int)offset;
        }
        throw new InvalidDataException($"Font file without a usable '{tag}' table.");
    }
}
