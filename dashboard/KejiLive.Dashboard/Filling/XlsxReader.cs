using System.Xml;
using MiniExcelLibs;

namespace KejiLive.Dashboard.Filling;

/// <summary>Reads an uploaded workbook into <see cref="RawSheet"/>s with MiniExcel, within limits: the caller bounds the
/// file size; here at most <see cref="MaxSheets"/> sheets and <see cref="MaxRows"/> rows a sheet are read (a zip bomb
/// stops there). A file that is not an XLSX workbook is a message, not an exception.</summary>
public static class XlsxReader
{
    public const int MaxSheets = 10;
    public const int MaxRows = 5000;

    public static (IReadOnlyList<RawSheet>? Sheets, string? Error) Read(byte[] file)
    {
        // Every XLSX is a zip: refuse anything else before handing it to a parser.
        if (file.Length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4)
        {
            return (null, "文件不是 XLSX 工作簿（请上传从本系统下载并填写的 .xlsx 文件；不支持 .xls、.csv 或 WPS 专有格式）");
        }
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            var names = MiniExcel.GetSheetNames(stream);
            if (names.Count > MaxSheets) return (null, $"工作簿包含 {names.Count} 个工作表，超过上限 {MaxSheets} 个");
            var sheets = new List<RawSheet>(names.Count);
            foreach (var name in names)
            {
                stream.Position = 0;
                var rows = new List<IReadOnlyDictionary<string, object?>>();
                foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX))
                {
                    if (rows.Count == MaxRows) return (null, $"工作表“{name}”超过 {MaxRows} 行");
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
            return (null, $"文件无法作为 XLSX 工作簿读取（{(e is InvalidDataException ? "压缩包损坏" : "内容结构不符合 XLSX")}）");
        }
    }

    /// <summary>Cell text with every unpaired surrogate replaced by U+FFFD: such text cannot be normalized (NFKC throws),
    /// and a crafted file can carry it. A cell holding one is then an ordinary invalid value, named by its cell.</summary>
    private static string WellFormed(string text) =>
        text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') < 0 ? text : System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
}
