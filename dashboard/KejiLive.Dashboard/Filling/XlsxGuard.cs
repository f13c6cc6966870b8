using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace KejiLive.Dashboard.Filling;

/// <summary>Looks at an uploaded workbook before any spreadsheet library does, so that the work and memory of reading it
/// are bounded whatever it claims. The file is a zip of XML: the zip's directory is checked (entry count, each entry's
/// declared size), then every entry is decompressed through a counting cap (a zip bomb stops at the cap, whatever its
/// header says) and every XML entry is streamed once with an <see cref="XmlReader"/> (no DTD, bounded depth) checking
/// what a reader would have to build: each sheet's <c>&lt;dimension ref&gt;</c> claim, every row index <c>r=</c> and
/// cell reference, the cell count and the area rows × columns a reader fills, each text's length, the shared strings'
/// count and total length. Element names are matched wherever they occur, so a part cannot hide behind an odd path.
/// The first limit passed is the answer, naming it; the whole check also stops at <see cref="MaxReadTime"/>.</summary>
public static class XlsxGuard
{
    /// <summary>Zip entries: a workbook saved by Excel, WPS or this system has about 10–20.</summary>
    public const int MaxEntries = 100;

    /// <summary>Decompressed bytes of one zip entry (actual bytes read, not the header's word).</summary>
    public const long MaxEntryBytes = 16 << 20;

    /// <summary>Decompressed bytes of all entries together.</summary>
    public const long MaxTotalBytes = 48 << 20;

    /// <summary>Worksheets in the workbook.</summary>
    public const int MaxSheets = 10;

    /// <summary>Row index of any row or cell (a sheet's rows 1 … MaxRows).</summary>
    public const int MaxRows = 5000;

    /// <summary>Column index of any cell: 64 is column BL; the template uses A–L.</summary>
    public const int MaxColumns = 64;

    /// <summary>Cells of the whole workbook, counted both as cells present and as the area (last row × last column,
    /// claimed or used) each sheet spans, which is what a reader fills in.</summary>
    public const long MaxCells = 200_000;

    /// <summary>Characters of one cell's text (Excel's own limit is 32,767).</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Shared strings (the <c>&lt;si&gt;</c> entries of sharedStrings.xml).</summary>
    public const int MaxSharedStrings = 50_000;

    /// <summary>Characters of all shared strings together.</summary>
    public const long MaxSharedStringChars = 4_000_000;

    /// <summary>Element nesting depth of any XML part (a worksheet needs about 6).</summary>
    public const int MaxDepth = 32;

    /// <summary>Wall time for checking and reading one workbook.</summary>
    public static readonly TimeSpan MaxReadTime = TimeSpan.FromSeconds(10);

    /// <summary>Null when <paramref name="file"/> (a zip, already bounded in size by the caller) stays within every
    /// limit; else the first limit passed or why it cannot be read. <paramref name="deadline"/> is an
    /// <see cref="Environment.TickCount64"/> value after which the check gives up.</summary>
    public static XlsxRefusal? Check(byte[] file, long deadline)
    {
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var entries = zip.Entries;
            if (entries.Count > MaxEntries)
            {
                return XlsxRefusal.Over("entries", $"压缩包包含 {entries.Count} 个条目，超过上限 {MaxEntries} 个（XLSX 工作簿通常只有 10–20 个）");
            }
            long declared = 0;
            foreach (var entry in entries)
            {
                if (entry.Length > MaxEntryBytes) return EntryTooLarge(entry.FullName);
                declared += entry.Length;
                if (declared > MaxTotalBytes) return TotalTooLarge();
            }
            var budget = new Budget(deadline);
            foreach (var entry in entries.Where(e => !e.FullName.EndsWith('/')))
            {
                if (budget.Over) return TimeOver();
                var refusal = CheckEntry(entry, budget);
                if (refusal is not null) return refusal;
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            return XlsxRefusal.Unreadable($"文件无法作为 XLSX 工作簿读取（{(e is NotSupportedException ? "不支持的压缩方式" : "压缩包损坏")}）");
        }
    }

    private static XlsxRefusal? CheckEntry(ZipArchiveEntry entry, Budget budget)
    {
        bool xml;
        using (var head = entry.Open())
        {
            var first = new byte[4];
            var read = head.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
            // XML starts with '<', a UTF-8 BOM, or whitespace; UTF-16 parts start with a BOM too.
            xml = read > 0 && first[0] is (byte)'<' or 0xEF or 0xFE or 0xFF or (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t';
        }
        var totalBinds = MaxTotalBytes - budget.Bytes < MaxEntryBytes;
        using var raw = entry.Open();
        using var capped = new CappedStream(raw, Math.Min(MaxEntryBytes, MaxTotalBytes - budget.Bytes));
        try
        {
            var refusal = xml ? ScanXml(entry.FullName, capped, budget) : Drain(capped, budget);
            budget.Bytes += capped.Count;
            return refusal ?? (capped.Exceeded ? Exceeded(entry.FullName, totalBinds) : null);
        }
        catch (XmlException) when (capped.Exceeded)
        {
            return Exceeded(entry.FullName, totalBinds);
        }
        catch (XmlException) when (!IsXmlPart(entry.FullName))
        {
            // Markup that is not XML (Excel's VML drawings hold <![if …]>): no XML reader reads it; only its size counts.
            var refusal = Drain(capped, budget);
            budget.Bytes += capped.Count;
            return refusal ?? (capped.Exceeded ? Exceeded(entry.FullName, totalBinds) : null);
        }
        catch (XmlException)
        {
            return XlsxRefusal.Unreadable($"文件无法作为 XLSX 工作簿读取（“{Shorten(entry.FullName)}”不是有效的 XML）");
        }
    }

    private static bool IsXmlPart(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static XlsxRefusal Exceeded(string name, bool totalBinds) => totalBinds ? TotalTooLarge() : EntryTooLarge(name);

    private static XlsxRefusal? Drain(CappedStream stream, Budget budget)
    {
        var buffer = new byte[64 * 1024];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
            if (budget.Over) return TimeOver();
        }
        return null;
    }

    private static XlsxRefusal? ScanXml(string name, Stream stream, Budget budget)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
            MaxCharactersInDocument = MaxEntryBytes,
        };
        using var reader = XmlReader.Create(stream, settings);
        var chunk = new char[4096];
        int row = 0, column = 0, lastRow = 0, lastColumn = 0, claimedRows = 0, claimedColumns = 0, sheets = 0;
        var inString = false;
        long stringChars = 0;
        var nodes = 0;
        while (reader.Read())
        {
            if ((++nodes & 1023) == 0 && budget.Over) return TimeOver();
            if (reader.Depth > MaxDepth) return XlsxRefusal.Over("depth", $"“{Shorten(name)}”的 XML 嵌套超过 {MaxDepth} 层上限");
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    switch (reader.LocalName)
                    {
                        case "sheet":
                            if (++sheets > MaxSheets) return XlsxRefusal.Over("sheets", $"工作簿包含超过 {MaxSheets} 个工作表，超过上限 {MaxSheets} 个");
                            break;
                        case "dimension":
                            var claim = reader.GetAttribute("ref");
                            if (claim is null) break;
                            if (!Area(claim, out claimedRows, out claimedColumns))
                            {
                                return XlsxRefusal.Unreadable($"文件无法作为 XLSX 工作簿读取（工作表范围声明 dimension=“{Shorten(claim)}”无法识别）");
                            }
                            if (claimedRows > MaxRows) return TooManyRows($"声明的范围 {Shorten(claim)}");
                            if (claimedColumns > MaxColumns) return TooManyColumns($"声明的范围 {Shorten(claim)}");
                            break;
                        case "row":
                            var r = reader.GetAttribute("r");
                            if (r is null) row++;
                            else if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out row) || row < 1)
                            {
                                return r.Length > 0 && r.All(char.IsAsciiDigit) ? TooManyRows($"第 {Shorten(r)} 行") : BadReference(r);
                            }
                            if (row > MaxRows) return TooManyRows($"第 {row} 行");
                            lastRow = Math.Max(lastRow, row);
                            column = 0;
                            break;
                        case "c":
                            if (++budget.Cells > MaxCells) return TooManyCells();
                            var at = reader.GetAttribute("r");
                            if (at is null) column++;
                            else
                            {
                                if (!Cell(at, out var cellRow, out column)) return BadReference(at);
                                if (cellRow > MaxRows) return TooManyRows($"单元格 {Shorten(at)}");
                                lastRow = Math.Max(lastRow, cellRow);
                            }
                            if (column > MaxColumns) return TooManyColumns(at is null ? $"第 {column} 列" : $"单元格 {Shorten(at)}");
                            lastColumn = Math.Max(lastColumn, column);
                            break;
                        case "sst":
                            // A string referenced from no cell is useless: no workbook within the limits claims more.
                            foreach (var attribute in new[] { "count", "uniqueCount" })
                            {
                                if (reader.GetAttribute(attribute) is { } value
                                    && (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var claimed) || claimed > MaxCells))
                                {
                                    return TooManyStrings($"声明 {attribute}=“{Shorten(value)}”");
                                }
                            }
                            break;
                        case "si":
                            if (++budget.Strings > MaxSharedStrings) return TooManyStrings($"超过 {MaxSharedStrings} 个");
                            inString = !reader.IsEmptyElement;
                            stringChars = 0;
                            break;
                    }
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "si":
                    inString = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    long length = 0;
                    int n;
                    while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        length += n;
                        if (length > MaxCellChars) return TextTooLong(name);
                        if (inString)
                        {
                            budget.StringChars += n;
                            if (budget.StringChars > MaxSharedStringChars) return TooManyStrings(string.Create(CultureInfo.InvariantCulture, $"总长度超过 {MaxSharedStringChars:N0} 个字符"));
                        }
                    }
                    if (inString && (stringChars += length) > MaxCellChars) return TextTooLong(name);
                    break;
            }
        }
        // What a reader fills in: every row up to the last one, every column up to the last one, whatever is present.
        budget.Area += (long)Math.Max(lastRow, claimedRows) * Math.Max(lastColumn, claimedColumns);
        return budget.Area > MaxCells ? TooManyCells() : null;
    }

    /// <summary>A dimension reference such as <c>A1:L30</c> or <c>A1</c>: its last row and column.</summary>
    private static bool Area(string reference, out int rows, out int columns)
    {
        rows = columns = 0;
        foreach (var corner in reference.Replace("$", "", StringComparison.Ordinal).Split(':'))
        {
            if (!Cell(corner, out var r, out var c)) return false;
            rows = Math.Max(rows, r);
            columns = Math.Max(columns, c);
        }
        return true;
    }

    /// <summary>A cell reference such as <c>B7</c>: its row and column, saturated just past the limits (no overflow).</summary>
    private static bool Cell(string reference, out int row, out int column)
    {
        row = column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = Math.Min(column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1), MaxColumns + 1);
        }
        if (i == 0 || i == reference.Length) return false;
        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i])) return false;
            row = Math.Min(row * 10 + (reference[i] - '0'), MaxRows + 1);
        }
        return row >= 1;
    }

    private static XlsxRefusal EntryTooLarge(string name) =>
        XlsxRefusal.Over("entrySize", $"压缩包条目“{Shorten(name)}”解压后超过单个条目上限 {MaxEntryBytes >> 20} MiB");

    private static XlsxRefusal TotalTooLarge() =>
        XlsxRefusal.Over("totalSize", $"工作簿解压后超过总计 {MaxTotalBytes >> 20} MiB 上限");

    private static XlsxRefusal TooManyRows(string where) =>
        XlsxRefusal.Over("rows", $"工作表行数超过上限 {MaxRows} 行（{where}）");

    private static XlsxRefusal TooManyColumns(string where) =>
        XlsxRefusal.Over("columns", $"工作表列数超过上限 {MaxColumns} 列（{where}）");

    private static XlsxRefusal TooManyCells() =>
        XlsxRefusal.Over("cells", string.Create(CultureInfo.InvariantCulture, $"工作簿单元格总数（含各表行 × 列所占范围）超过上限 {MaxCells:N0} 个"));

    private static XlsxRefusal TooManyStrings(string what) =>
        XlsxRefusal.Over("sharedStrings", string.Create(CultureInfo.InvariantCulture, $"工作簿的共享字符串超过上限（{what}；上限 {MaxSharedStrings:N0} 个、共 {MaxSharedStringChars:N0} 个字符）"));

    private static XlsxRefusal TextTooLong(string name) =>
        XlsxRefusal.Over("cellText", string.Create(CultureInfo.InvariantCulture, $"“{Shorten(name)}”中有单元格文字超过 {MaxCellChars:N0} 个字符上限"));

    private static XlsxRefusal TimeOver() =>
        XlsxRefusal.Over("time", string.Create(CultureInfo.InvariantCulture, $"工作簿读取超过 {MaxReadTime.TotalSeconds:0} 秒上限"));

    private static XlsxRefusal BadReference(string reference) =>
        XlsxRefusal.Unreadable($"文件无法作为 XLSX 工作簿读取（单元格或行引用“{Shorten(reference)}”无效）");

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>What the whole workbook has used so far.</summary>
    private sealed class Budget(long deadline)
    {
        public long Bytes { get; set; }
        public long Cells { get; set; }
        public long Area { get; set; }
        public long Strings { get; set; }
        public long StringChars { get; set; }
        public bool Over => Environment.TickCount64 > deadline;
    }

    /// <summary>Reads at most <c>cap</c> bytes of the inner stream, then answers end of stream and sets
    /// <see cref="Exceeded"/> if there was more.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        public long Count { get; private set; }
        public bool Exceeded { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Exceeded) return 0;
            var room = cap - Count;
            if (room <= 0)
            {
                // One more byte tells a stream of exactly cap bytes from a longer one.
                Span<byte> probe = stackalloc byte[1];
                Exceeded = inner.Read(probe) > 0;
                return 0;
            }
            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, room)]);
            Count += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
