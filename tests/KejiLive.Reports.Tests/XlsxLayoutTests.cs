using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using MiniExcelLibs;

namespace KejiLive.Reports.Tests;

/// <summary>The weekly XLSX opens meeting-ready: read back from the file's own XML parts — every sheet (named in
/// Chinese) has its header row frozen, column widths that fit its text, one decimal on rate and point columns, and prints
/// A4 landscape, one page wide, the header row repeated; the values stay what they were.</summary>
public class XlsxLayoutTests
{
    private static readonly XNamespace S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace Pr = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static readonly Package Book = new(RenderedScenario.Files.Xlsx);

    private static readonly string[] Names = ["说明", "汇总", "赛马", "红黄名单", "督办", "未报送", "单位明细", "审计"];

    public static TheoryData<string> SheetNames() => [.. Names];

    [Fact]
    public void Sheets_AreNamedInChinese()
    {
        Assert.Equal(Names, Book.Sheets.Select(s => s.Name));
        Assert.All(Book.Sheets, s => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", s.Name));
    }

    [Theory]
    [MemberData(nameof(SheetNames))]
    public void EverySheet_FreezesItsHeaderAndPrintsA4LandscapeOnePageWideWithTheHeaderRepeated(string name)
    {
        var sheet = Book.Sheet(name);
        var pane = sheet.Descendants(S + "sheetView").Single().Element(S + "pane")!;
        Assert.Equal(("1", "A2", "frozen"), ((string?)pane.Attribute("ySplit"), (string?)pane.Attribute("topLeftCell"), (string?)pane.Attribute("state")));
        Assert.Equal("1", (string?)sheet.Element(S + "sheetPr")!.Element(S + "pageSetUpPr")!.Attribute("fitToPage"));
        var setup = sheet.Element(S + "pageSetup")!;
        Assert.Equal(("9", "landscape", "1", "0"), ((string?)setup.Attribute("paperSize"), (string?)setup.Attribute("orientation"),
            (string?)setup.Attribute("fitToWidth"), (string?)setup.Attribute("fitToHeight")));
        var index = Book.Sheets.FindIndex(s => s.Name == name);
        var titles = Book.Workbook.Descendants(S + "definedName")
            .Single(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles" && (string?)d.Attribute("localSheetId") == index.ToString(CultureInfo.InvariantCulture));
        Assert.Equal($"'{name}'!$1:$1", titles.Value);
        // Children in the schema's order (Excel refuses a sheet whose parts are out of order).
        var order = sheet.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.True(order.IndexOf("sheetPr") < order.IndexOf("sheetViews") && order.IndexOf("sheetViews") < order.IndexOf("cols")
            && order.IndexOf("cols") < order.IndexOf("sheetData") && order.IndexOf("sheetData") < order.IndexOf("pageMargins")
            && order.IndexOf("pageMargins") < order.IndexOf("pageSetup"), string.Join(", ", order));
    }

    [Theory]
    [InlineData("汇总", "目标", "新认定高新技术企业")]
    [InlineData("说明", "内容", null)]
    [InlineData("单位明细", "序时进度截至", "2025年7月4日")]
    public void Columns_AreWideEnoughForTheirLongestText(string name, string header, string? sample)
    {
        var (cols, cells) = (Book.Sheet(name).Element(S + "cols")!.Elements(S + "col").ToList(), Book.Cells(name));
        var column = cells.First(c => c.Row == 1 && c.Text == header).Column;
        var width = double.Parse((string)cols.Single(c => (int)c.Attribute("min")! == column + 1).Attribute("width")!, CultureInfo.InvariantCulture);
        var longest = cells.Where(c => c.Column == column).Max(c => c.Text.Sum(ch => ch >= 0x2E80 ? 2 : 1));
        Assert.InRange(width, Math.Min(longest, 48), 48);
        Assert.True(width >= 8);
        if (sample is not null) Assert.Contains(cells, c => c.Column == column && c.Text == sample);
    }

    [Theory]
    [InlineData("汇总", "完成率(%)", "0.0\"%\"")]
    [InlineData("汇总", "序时进度(%)", "0.0\"%\"")]
    [InlineData("汇总", "较序时(百分点)", "+0.0;-0.0;0.0")]
    [InlineData("单位明细", "完成率(%)", "0.0\"%\"")]
    [InlineData("红黄名单", "较序时(百分点)", "+0.0;-0.0;0.0")]
    public void RateAndPointColumns_ShowOneDecimal(string name, string header, string format)
    {
        var cells = Book.Cells(name);
        var column = cells.First(c => c.Row == 1 && c.Text == header).Column;
        var numbers = cells.Where(c => c.Column == column && c.Row > 1 && c.IsNumber).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, c => Assert.Equal(format, Book.NumberFormatOf(c.Style)));
        // A text column beside them keeps the general format.
        var target = cells.First(c => c.Row == 1 && c.Text is "目标" or "单位").Column;
        Assert.All(cells.Where(c => c.Column == target && c.Row > 1), c => Assert.NotEqual(format, Book.NumberFormatOf(c.Style)));
    }

    [Fact]
    public void Values_AreUnchangedByTheLayout()
    {
        using var stream = new MemoryStream(RenderedScenario.Files.Xlsx);
        var summary = stream.Query(useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object>>()
            .Single(r => (string)r["目标"] == "新认定高新技术企业");
        Assert.Equal(34.0, Convert.ToDouble(summary["完成率(%)"], CultureInfo.InvariantCulture));
        Assert.Equal(-14.03, Convert.ToDouble(summary["较序时(百分点)"], CultureInfo.InvariantCulture));
    }

    private sealed record Cell(int Row, int Column, string Text, bool IsNumber, int Style);

    /// <summary>The package's XML parts, read with nothing but System.IO.Compression and LINQ to XML.</summary>
    private sealed class Package
    {
        private readonly Dictionary<string, XDocument> _parts = new(StringComparer.Ordinal);
        private readonly List<string> _shared;

        public Package(byte[] xlsx)
        {
            using var zip = new ZipArchive(new MemoryStream(xlsx));
            foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)))
            {
                using var s = e.Open();
                _parts[e.FullName] = XDocument.Load(s);
            }
            Workbook = _parts["xl/workbook.xml"].Root!;
            var rels = _parts["xl/_rels/workbook.xml.rels"].Root!.Elements(Pr + "Relationship").ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
            Sheets = [.. Workbook.Element(S + "sheets")!.Elements(S + "sheet").Select(s =>
                (Name: (string)s.Attribute("name")!, Path: "xl/" + rels[(string)s.Attribute(R + "id")!].TrimStart('/').Replace("xl/", "", StringComparison.Ordinal)))];
            _shared = _parts.TryGetValue("xl/sharedStrings.xml", out var ss)
                ? [.. ss.Root!.Elements(S + "si").Select(si => string.Concat(si.Descendants(S + "t").Select(t => t.Value)))]
                : [];
        }

        public XElement Workbook { get; }

        public List<(string Name, string Path)> Sheets { get; }

        public XElement Sheet(string name) => _parts[Sheets.Single(s => s.Name == name).Path].Root!;

        public List<Cell> Cells(string name) => [.. Sheet(name).Descendants(S + "c").Select(c =>
        {
            var reference = (string)c.Attribute("r")!;
            var letters = new string([.. reference.TakeWhile(char.IsAsciiLetterUpper)]);
            var column = letters.Aggregate(0, (n, ch) => (n * 26) + (ch - 'A' + 1)) - 1;
            var row = int.Parse(reference[letters.Length..], CultureInfo.InvariantCulture);
            var type = (string?)c.Attribute("t");
            var v = c.Element(S + "v")?.Value;
            var text = type switch
            {
                "inlineStr" => string.Concat(c.Descendants(S + "t").Select(t => t.Value)),
                "s" => _shared[int.Parse(v!, CultureInfo.InvariantCulture)],
                _ => v ?? "",
            };
            return new Cell(row, column, text, type is null or "n" && v is not null, (int?)c.Attribute("s") ?? 0);
        })];

        public string? NumberFormatOf(int style)
        {
            var styles = _parts["xl/styles.xml"].Root!;
            var xf = styles.Element(S + "cellXfs")!.Elements(S + "xf").ElementAt(style);
            var id = (int?)xf.Attribute("numFmtId") ?? 0;
            return styles.Element(S + "numFmts")?.Elements(S + "numFmt").FirstOrDefault(f => (int)f.Attribute("numFmtId")! == id)?.Attribute("formatCode")?.Value
                ?? (id == 0 ? "General" : $"builtin {id}");
        }
    }
}
