using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace KejiLive.Reports;

/// <summary>Makes a workbook MiniExcel wrote ready for a meeting in Excel or WPS: every sheet gets its header row frozen,
/// column widths from its content (CJK characters counted double), one decimal on rate (百分比) and point (百分点) columns,
/// and a print setup (A4 landscape, fit to one page wide, header row repeated on every page). Works on the package's XML
/// parts directly, so no further library is needed; the cell values are not touched.</summary>
internal static class XlsxMeetingLayout
{
    /// <summary>Number format for a percentage already scaled by 100 (header "…(%)"): 75.4%.</summary>
    public const string PercentFormat = "0.0\"%\"";

    /// <summary>Number format for percentage points (header "…(百分点)"): +1.5 / −3.2 / 0.0.</summary>
    public const string PointsFormat = "+0.0;-0.0;0.0";

    private static readonly XNamespace S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace Pr = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>CT_Worksheet's element order: children are written back in this order (others after, as they were).</summary>
    private static readonly string[] SheetOrder =
    [
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
        "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
        "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
        "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture",
        "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    ];

    private const int MinWidth = 8;
    private const int MaxWidth = 48;

    public static byte[] Apply(byte[] xlsx)
    {
        using var output = new MemoryStream();
        output.Write(xlsx);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var shared = ReadSharedStrings(zip);
            var styles = Load(zip, "xl/styles.xml");
            var formats = new StyleBook(styles);
            var workbook = Load(zip, "xl/workbook.xml");
            var sheets = SheetParts(zip, workbook);
            for (var i = 0; i < sheets.Count; i++)
            {
                var (name, path) = sheets[i];
                var sheet = Load(zip, path);
                Layout(sheet, shared, formats);
                Save(zip, path, sheet);
            }
            PrintTitles(workbook, sheets);
            Save(zip, "xl/workbook.xml", workbook);
            Save(zip, "xl/styles.xml", styles);
        }
        return output.ToArray();
    }

    private static void Layout(XDocument sheet, IReadOnlyList<string> shared, StyleBook formats)
    {
        var root = sheet.Root!;
        var data = root.Element(S + "sheetData");
        var rows = data?.Elements(S + "row").ToList() ?? [];
        var widths = new Dictionary<int, int>();
        var columnFormat = new Dictionary<int, string>();
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var c in rows[r].Elements(S + "c"))
            {
                var col = ColumnIndex((string?)c.Attribute("r"));
                if (col < 0) continue;
                var text = CellText(c, shared);
                widths[col] = Math.Max(widths.GetValueOrDefault(col), DisplayWidth(text) + (r == 0 ? 3 : 2));
                if (r == 0)
                {
                    if (text.Contains("(%)", StringComparison.Ordinal)) columnFormat[col] = PercentFormat;
                    else if (text.Contains("(百分点)", StringComparison.Ordinal)) columnFormat[col] = PointsFormat;
                }
                else if (columnFormat.TryGetValue(col, out var format) && c.Element(S + "v") is not null && (string?)c.Attribute("t") is null or "n")
                {
                    var style = (int?)c.Attribute("s") ?? 0;
                    c.SetAttributeValue("s", formats.With(style, format));
                }
            }
        }

        foreach (var name in new[] { "sheetPr", "sheetViews", "cols", "printOptions", "pageMargins", "pageSetup" })
        {
            root.Elements(S + name).Remove();
        }
        root.Add(new XElement(S + "sheetPr", new XElement(S + "pageSetUpPr", new XAttribute("fitToPage", "1"))));
        root.Add(new XElement(S + "sheetViews", new XElement(S + "sheetView", new XAttribute("workbookViewId", "0"),
            new XElement(S + "pane", new XAttribute("ySplit", "1"), new XAttribute("topLeftCell", "A2"), new XAttribute("activePane", "bottomLeft"), new XAttribute("state", "frozen")),
            new XElement(S + "selection", new XAttribute("pane", "bottomLeft"), new XAttribute("activeCell", "A2"), new XAttribute("sqref", "A2")))));
        if (widths.Count > 0)
        {
            root.Add(new XElement(S + "cols", widths.OrderBy(w => w.Key).Select(w => new XElement(S + "col",
                new XAttribute("min", w.Key + 1), new XAttribute("max", w.Key + 1),
                new XAttribute("width", Math.Clamp(w.Value, MinWidth, MaxWidth).ToString(CultureInfo.InvariantCulture)),
                new XAttribute("customWidth", "1")))));
        }
        root.Add(new XElement(S + "printOptions", new XAttribute("gridLines", "1")));
        root.Add(new XElement(S + "pageMargins", new XAttribute("left", "0.4"), new XAttribute("right", "0.4"), new XAttribute("top", "0.6"),
            new XAttribute("bottom", "0.6"), new XAttribute("header", "0.3"), new XAttribute("footer", "0.3")));
        root.Add(new XElement(S + "pageSetup", new XAttribute("paperSize", "9"), new XAttribute("orientation", "landscape"),
            new XAttribute("fitToWidth", "1"), new XAttribute("fitToHeight", "0")));
        var ordered = root.Elements().OrderBy(e => Order(e.Name)).ToList();
        root.ReplaceNodes(ordered);
    }

    private static int Order(XName name)
    {
        var i = name.Namespace == S ? Array.IndexOf(SheetOrder, name.LocalName) : -1;
        return i < 0 ? SheetOrder.Length : i;
    }

    /// <summary>_xlnm.Print_Titles: the header row repeats on every printed page of every sheet.</summary>
    private static void PrintTitles(XDocument workbook, IReadOnlyList<(string Name, string Path)> sheets)
    {
        var root = workbook.Root!;
        // Other defined names (a filter range, say) stay; only print titles are replaced.
        var names = root.Element(S + "definedNames");
        if (names is null)
        {
            names = new XElement(S + "definedNames");
            var after = root.Element(S + "externalReferences") ?? root.Element(S + "functionGroups") ?? root.Element(S + "sheets");
            if (after is null) root.Add(names);
            else after.AddAfterSelf(names);
        }
        names.Elements(S + "definedName").Where(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles").Remove();
        names.Add(sheets.Select((s, i) => new XElement(S + "definedName",
            new XAttribute("name", "_xlnm.Print_Titles"), new XAttribute("localSheetId", i), $"'{s.Name.Replace("'", "''", StringComparison.Ordinal)}'!$1:$1")));
    }

    private static List<(string Name, string Path)> SheetParts(ZipArchive zip, XDocument workbook)
    {
        var rels = Load(zip, "xl/_rels/workbook.xml.rels").Root!.Elements(Pr + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!, StringComparer.Ordinal);
        return [.. workbook.Root!.Element(S + "sheets")!.Elements(S + "sheet").Select(s =>
        {
            var target = rels[(string)s.Attribute(R + "id")!];
            var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            return ((string)s.Attribute("name")!, path);
        })];
    }

    private static List<string> ReadSharedStrings(ZipArchive zip)
    {
        if (zip.GetEntry("xl/sharedStrings.xml") is null) return [];
        return [.. Load(zip, "xl/sharedStrings.xml").Root!.Elements(S + "si").Select(si => string.Concat(si.Descendants(S + "t").Select(t => t.Value)))];
    }

    private static string CellText(XElement c, IReadOnlyList<string> shared)
    {
        var type = (string?)c.Attribute("t");
        if (type == "inlineStr") return string.Concat(c.Descendants(S + "t").Select(t => t.Value));
        var v = c.Element(S + "v")?.Value ?? "";
        if (type == "s" && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count) return shared[i];
        if (type is null or "n" && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d.ToString("#,0.0", CultureInfo.InvariantCulture);
        return v;
    }

    /// <summary>Width in Excel character units: a CJK (full-width) character takes two.</summary>
    internal static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var ch in text) width += ch >= 0x2E80 ? 2 : 1;
        return width;
    }

    /// <summary>0-based column of a cell reference ("C7" → 2), or −1.</summary>
    internal static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return -1;
        var col = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++) col = (col * 26) + (reference[i] - 'A' + 1);
        return i == 0 ? -1 : col - 1;
    }

    private static XDocument Load(ZipArchive zip, string path)
    {
        using var stream = zip.GetEntry(path)?.Open() ?? throw new InvalidDataException($"The workbook has no part {path}.");
        return XDocument.Load(stream);
    }

    private static void Save(ZipArchive zip, string path, XDocument doc)
    {
        zip.GetEntry(path)?.Delete();
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        doc.Save(stream, SaveOptions.DisableFormatting);
    }

    /// <summary>The workbook's cell formats (cellXfs) with number formats added on demand: a cell's own style cloned with
    /// the wanted format, once per (style, format).</summary>
    private sealed class StyleBook
    {
        private readonly XElement _numFmts;
        private readonly XElement _cellXfs;
        private readonly Dictionary<string, int> _formatIds = new(StringComparer.Ordinal);
        private readonly Dictionary<(int, string), int> _styles = [];

        public StyleBook(XDocument styles)
        {
            var root = styles.Root!;
            _cellXfs = root.Element(S + "cellXfs") ?? throw new InvalidDataException("styles.xml has no cellXfs.");
            _numFmts = root.Element(S + "numFmts") ?? new XElement(S + "numFmts");
            if (_numFmts.Parent is null) root.AddFirst(_numFmts);
            foreach (var f in _numFmts.Elements(S + "numFmt")) _formatIds.TryAdd((string)f.Attribute("formatCode")!, (int)f.Attribute("numFmtId")!);
        }

        public int With(int style, string format)
        {
            if (_styles.TryGetValue((style, format), out var known)) return known;
            if (!_formatIds.TryGetValue(format, out var id))
            {
                id = Math.Max(163, _formatIds.Values.DefaultIfEmpty(163).Max()) + 1;
                _formatIds[format] = id;
                _numFmts.Add(new XElement(S + "numFmt", new XAttribute("numFmtId", id), new XAttribute("formatCode", format)));
                _numFmts.SetAttributeValue("count", _numFmts.Elements(S + "numFmt").Count());
            }
            var xfs = _cellXfs.Elements(S + "xf").ToList();
            var clone = new XElement(style < xfs.Count ? xfs[style] : new XElement(S + "xf", new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0), new XAttribute("xfId", 0)));
            clone.SetAttributeValue("numFmtId", id);
            clone.SetAttributeValue("applyNumberFormat", "1");
            _cellXfs.Add(clone);
            _cellXfs.SetAttributeValue("count", xfs.Count + 1);
            return _styles[(style, format)] = xfs.Count;
        }
    }
}
