using System.IO.Compression;
using System.Text;

namespace KejiLive.Api.Tests.Filling;

/// <summary>Hostile workbooks built byte by byte with System.IO.Compression, as an attacker would: a minimal valid XLSX
/// (content types, relationships, workbook, one sheet 填报, optional shared strings) with one part made to claim or
/// hold too much. Each is small on the wire (deflate makes repetition cheap) and costly for a naive reader.</summary>
public static class CraftedXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>One sheet whose XML is <paramref name="sheetData"/> (inside &lt;worksheet&gt;), optional shared strings
    /// (the &lt;si&gt; elements) with attributes of &lt;sst&gt;, any number of sheets named in the workbook, and extra entries.</summary>
    public static byte[] Build(string sheetData, string? sharedStrings = null, int sheetCount = 1,
        IReadOnlyDictionary<string, byte[]>? extra = null, string sharedStringsAttributes = "")
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text) => AddBytes(name, Encoding.UTF8.GetBytes(text));
            void AddBytes(string name, byte[] bytes)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Add("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            var sheets = string.Concat(Enumerable.Range(1, sheetCount).Select(i => $"""<sheet name="{(i == 1 ? "填报" : $"表{i}")}" sheetId="{i}" r:id="rId{i}"/>"""));
            Add("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets>{sheets}</sheets></workbook>""");
            var rels = string.Concat(Enumerable.Range(1, sheetCount).Select(i => $"""<Relationship Id="rId{i}" Type="{Rel}/worksheet" Target="worksheets/sheet1.xml"/>"""));
            var stringsRel = sharedStrings is null ? "" : $"""<Relationship Id="rIdS" Type="{Rel}/sharedStrings" Target="sharedStrings.xml"/>""";
            Add("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{stringsRel}</Relationships>""");
            Add("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}">{sheetData}</worksheet>""");
            if (sharedStrings is not null)
            {
                Add("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst {sharedStringsAttributes}xmlns="{Main}">{sharedStrings}</sst>""");
            }
            foreach (var (name, bytes) in extra ?? new Dictionary<string, byte[]>())
            {
                AddBytes(name, bytes);
            }
        }
        return stream.ToArray();
    }

    /// <summary>A sheet with the given rows, each a list of (reference, inline value) cells.</summary>
    public static string Rows(IEnumerable<(int Row, IEnumerable<string> Cells)> rows) =>
        "<sheetData>" + string.Concat(rows.Select(r => $"""<row r="{r.Row}">{string.Concat(r.Cells)}</row>""")) + "</sheetData>";

    /// <summary>A numeric cell.</summary>
    public static string Number(string reference, double value) => $"""<c r="{reference}"><v>{value}</v></c>""";

    /// <summary>A cell holding shared string <paramref name="index"/>.</summary>
    public static string Shared(string reference, int index) => $"""<c r="{reference}" t="s"><v>{index}</v></c>""";

    /// <summary>Column letters of 1-based <paramref name="column"/> (1 → A, 28 → AB).</summary>
    public static string Column(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26) letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }

    /// <summary>The zip with the uncompressed size of entry <paramref name="name"/> rewritten to
    /// <paramref name="claimed"/> in both its local header and the central directory: a zip bomb that lies.</summary>
    public static byte[] LieAboutSize(byte[] zip, string name, uint claimed)
    {
        var bytes = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4 && NameAt(bytes, i + 30, i + 26, nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), claimed);
            }
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2 && NameAt(bytes, i + 46, i + 28, nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), claimed);
            }
        }
        return bytes;
    }

    private static bool NameAt(byte[] bytes, int start, int lengthAt, byte[] name) =>
        BitConverter.ToUInt16(bytes, lengthAt) == name.Length && start + name.Length <= bytes.Length
        && bytes.AsSpan(start, name.Length).SequenceEqual(name);
}
