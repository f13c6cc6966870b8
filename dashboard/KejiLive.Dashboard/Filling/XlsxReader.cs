using System.Globalization;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace KejiLive.Dashboard.Filling;

/// <summary>Reads an uploaded workbook into <see cref="RawSheet"/>s with MiniExcel, within limits: the caller bounds the
/// file size; <see cref="XlsxGuard"/> first checks the zip and its XML against every limit (rows, columns, cells, text,
/// shared strings, decompressed sizes, depth, time), so MiniExcel is only ever given a workbook whose reading is small.
/// The read is from memory with MiniExcel's shared-string disk cache off: no temporary files. A file that is not an XLSX
/// workbook, or passes a limit, is a <see cref="XlsxRefusal"/>, not an exception.</summary>
public static class XlsxReader
{
    public const int MaxSheets = XlsxGuard.MaxSheets;
    public const int MaxRows = XlsxGuard.MaxRows;

    public static (IReadOnlyList<RawSheet>? Sheets, XlsxRefusal? Refusal) Read(byte[] file)
    {
        // Every XLSX is a zip: refuse anything else before handing it to a parser.
        if (file.Length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4)
        {
            return (null, XlsxRefusal.Unreadable("文件不是 XLSX 工作簿（请上传从本系统下载并填写的 .xlsx 文件；不支持 .xls、.csv 或 WPS 专有格式）"));
        }
        var deadline = Environment.TickCount64 + (long)XlsxGuard.MaxReadTime.TotalMilliseconds;
        if (XlsxGuard.Check(file, deadline) is { } refusal) return (null, refusal);
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            var configuration = new OpenXmlConfiguration { EnableSharedStringCache = false, FillMergedCells = false };
            var names = MiniExcel.GetSheetNames(stream, configuration);
            if (names.Count > MaxSheets)
            {
                return (null, XlsxRefusal.Over("sheets", $"工作簿包含 {names.Count} 个工作表，超过上限 {MaxSheets} 个"));
            }
            var sheets = new List<RawSheet>(names.Count);
            foreach (var name in names)
            {
                stream.Position = 0;
                var rows = new List<IReadOnlyDictionary<string, object?>>();
                foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX, configuration: configuration))
                {
                    if (rows.Count == MaxRows) return (null, XlsxRefusal.Over("rows", $"工作表“{name}”的行数超过上限 {MaxRows} 行"));
                    if (Environment.TickCount64 > deadline)
                    {
                        return (null, XlsxRefusal.Over("time", string.Create(CultureInfo.InvariantCulture, $"工作簿读取超过 {XlsxGuard.MaxReadTime.TotalSeconds:0} 秒上限")));
                    }
                    rows.Add(row.ToDictionary(p => p.Key, p => p.Value is string text ? WellFormed(text) : p.Value, StringComparer.Ordinal));
                }
                sheets.Add(new RawSheet(name, rows));
            }
            return (sheets, null);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or InvalidOperationException or NotSupportedException
            or KeyNotFoundException or IndexOutOfRangeException or ArgumentException or FormatException or IOException)
        {
            // A damaged or foreign zip: the parser's own words help nobody filling in a form.
            return (null, XlsxRefusal.Unreadable($"文件无法作为 XLSX 工作簿读取（{(e is InvalidDataException ? "压缩包损坏" : "内容结构不符合 XLSX")}）"));
        }
    }

    /// <summary>Cell text with every unpaired surrogate replaced by U+FFFD: such text cannot be normalized (NFKC throws),
    /// and a crafted file can carry it. A cell holding one is then an ordinary invalid value, named by its cell.</summary>
    private static string WellFormed(string text) =>
        text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') < 0 ? text : System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
}
