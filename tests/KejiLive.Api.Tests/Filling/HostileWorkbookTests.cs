using System.Net;
using KejiLive.Api.Tests.Support;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Dashboard.Filling;

namespace KejiLive.Api.Tests.Filling;

/// <summary>Issue 15, item 1: crafted workbooks of a few KB that claim or hold too much (a dimension of the whole sheet,
/// a row jump to 1048576, a huge shared string, zip bombs honest and lying, too many cells, sheets, strings, nesting)
/// are each refused with a Chinese problem+json naming the limit, and leave nothing in the temp directory. Every
/// upload runs with a 30 s client timeout so a regression fails instead of hanging. The class has a system of its own
/// (not the shared API collection's), so its accepted upload for talent-teams × 360729 meets no other test's assertions.</summary>
public sealed class HostileWorkbookTests(KejiApiFactory factory) : IClassFixture<KejiApiFactory>
{
    private const string Unit = "360729";

    public static TheoryData<string, int, string> Cases => new()
    {
        { "dimension A1:XFD1048576 with one cell", 413, "rows" },
        { "dimension A1:XFD1 (columns only)", 413, "columns" },
        { "row r=1048576", 413, "rows" },
        { "cell reference in column XFD", 413, "columns" },
        { "one huge shared string", 413, "cellText" },
        { "shared strings too long together", 413, "sharedStrings" },
        { "too many shared strings", 413, "sharedStrings" },
        { "shared string count claimed in the billions", 413, "sharedStrings" },
        { "zip bomb entry", 413, "entrySize" },
        { "zip bomb sheet", 413, "entrySize" },
        // The zip reader stops at the size the header claims: the sheet is cut short, and so not XML.
        { "zip bomb sheet whose header lies", 400, "" },
        { "too many zip entries", 413, "entries" },
        { "too many cells", 413, "cells" },
        { "too many sheets", 413, "sheets" },
        { "deeply nested XML", 413, "depth" },
        { "a row index that is not a number", 400, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Upload_WhenTheWorkbookClaimsOrHoldsTooMuch_IsRefusedNamingTheLimit_AndLeavesNoTempFiles(string name, int status, string limit)
    {
        var file = Craft(name);
        Assert.True(file.Length < FillingEndpoints.MaxUploadBytes, $"{name}: {file.Length} bytes is over the upload limit, not a test of the reader");

        var (response, leftovers) = await UploadInPrivateTempAsync(file);

        using (response)
        {
            if (status == 400)
            {
                var errors = await response.AssertValidationProblemAsync("file");
                Assert.Contains("XLSX", errors["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }
            else
            {
                var problem = await response.AssertProblemAsync((HttpStatusCode)status);
                Assert.Equal("file", problem["field"]?.GetValue<string>());
                Assert.Equal(limit, problem["limit"]?.GetValue<string>());
                var detail = problem["detail"]!.GetValue<string>();
                Assert.Contains("上限", detail, StringComparison.Ordinal);
                Assert.Equal(detail, problem["errors"]!["file"]![0]!.GetValue<string>());
            }
        }
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task Upload_WhenSharedStringsAreLargeButWithinTheLimits_IsReadWithoutTempFiles()
    {
        // ~10 MB of shared strings: over MiniExcel's 5 MB threshold for its on-disk cache, within every limit here.
        var text = new string('字', 30_000);
        var strings = string.Concat(Enumerable.Range(0, 120).Select(_ => $"<si><t>{text}</t></si>"));
        var file = CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Shared("A1", 0)])]), strings);

        var (response, leftovers) = await UploadInPrivateTempAsync(file);

        using (response)
        {
            // Read, then refused for what it says: the template's other sheets are missing.
            await response.AssertValidationProblemAsync(FillingSheets.Items);
        }
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task Upload_WhenAPartIsVmlMarkupThatIsNotXml_IsStillRead()
    {
        // Excel writes comments' drawings as VML with <![if …]> sections; such a part is counted, not parsed.
        var vml = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\"><![if !supportAnnotations]><v:shape/><![endif]></xml>"u8.ToArray();
        var file = CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Number("A1", 1)])]),
            extra: new Dictionary<string, byte[]> { ["xl/drawings/vmlDrawing1.vml"] = vml });

        var (response, _) = await UploadInPrivateTempAsync(file);

        using (response)
        {
            await response.AssertValidationProblemAsync(FillingSheets.Items);
        }
    }

    [Fact]
    public async Task Upload_WhenTheTemplateIsFilledNormally_IsAccepted()
    {
        using var client = Client();
        var file = (await Workbook.DownloadAsync(client, Unit)).Fill("talent-teams", 2).Save();

        var (response, leftovers) = await UploadInPrivateTempAsync(file);

        using (response)
        {
            var answer = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, answer.ToJsonString());
        }
        Assert.Empty(leftovers);
        Assert.Equal(2, (await client.GetTargetUnitAsync("talent-teams", Unit)).Num("actual"));
    }

    private HttpClient Client()
    {
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>Uploads with the process's temp directory pointed at a fresh one (TMPDIR; Path.GetTempPath reads it on
    /// every call), so files left by the upload are seen and nothing else on the machine can be mistaken for them.
    /// Answers the response and what the upload left there.</summary>
    private async Task<(HttpResponseMessage Response, string[] Leftovers)> UploadInPrivateTempAsync(byte[] file)
    {
        using var client = Client();
        var before = Environment.GetEnvironmentVariable("TMPDIR");
        var temp = Directory.CreateTempSubdirectory("keji-upload-temp-").FullName;
        Environment.SetEnvironmentVariable("TMPDIR", temp + Path.DirectorySeparatorChar);
        try
        {
            Assert.StartsWith(temp, Path.GetTempPath(), StringComparison.Ordinal);
            var response = await Workbook.UploadAsync(client, Unit, file);
            await response.Content.LoadIntoBufferAsync();
            return (response, Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", before);
            Directory.Delete(temp, recursive: true);
        }
    }

    private static byte[] Craft(string name)
    {
        static string Sheet(string dimension, string rows) => $"""<dimension ref="{dimension}"/>{rows}""";
        var one = CraftedXlsx.Rows([(1, [CraftedXlsx.Number("A1", 1)])]);
        return name switch
        {
            "dimension A1:XFD1048576 with one cell" => CraftedXlsx.Build(Sheet("A1:XFD1048576", one)),
            "dimension A1:XFD1 (columns only)" => CraftedXlsx.Build(Sheet("A1:XFD1", one)),
            "row r=1048576" => CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Number("A1", 1)]), (1048576, [CraftedXlsx.Number("A1048576", 1)])])),
            "cell reference in column XFD" => CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Number("XFD1", 1)])])),
            "one huge shared string" => CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Shared("A1", 0)])]),
                $"<si><t>{new string('a', 8 << 20)}</t></si>"),
            "shared strings too long together" => CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Shared("A1", 0)])]),
                string.Concat(Enumerable.Range(0, 140).Select(_ => $"<si><t>{new string('a', 30_000)}</t></si>"))),
            "too many shared strings" => CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Shared("A1", 0)])]),
                string.Concat(Enumerable.Repeat("<si><t>x</t></si>", XlsxGuard.MaxSharedStrings + 1))),
            "shared string count claimed in the billions" => CraftedXlsx.Build(CraftedXlsx.Rows([(1, [CraftedXlsx.Shared("A1", 0)])]), "<si><t>x</t></si>",
                sharedStringsAttributes: """count="2147483647" uniqueCount="2147483647" """),
            "zip bomb entry" => CraftedXlsx.Build(one, extra: new Dictionary<string, byte[]> { ["xl/media/bomb.bin"] = new byte[100 << 20] }),
            "zip bomb sheet" => CraftedXlsx.Build(one + new string(' ', 20 << 20)),
            "zip bomb sheet whose header lies" => CraftedXlsx.LieAboutSize(CraftedXlsx.Build(one + new string(' ', 20 << 20)), "xl/worksheets/sheet1.xml", 1000),
            "too many zip entries" => CraftedXlsx.Build(one, extra: Enumerable.Range(0, XlsxGuard.MaxEntries).ToDictionary(i => $"xl/media/{i}.bin", _ => new byte[1])),
            "too many cells" => CraftedXlsx.Build(CraftedXlsx.Rows(Enumerable.Range(1, 4000)
                .Select(r => (r, Enumerable.Range(1, 60).Select(c => CraftedXlsx.Number(CraftedXlsx.Column(c) + r, 1)))))),
            "too many sheets" => CraftedXlsx.Build(one, sheetCount: XlsxGuard.MaxSheets + 1),
            "deeply nested XML" => CraftedXlsx.Build(one + string.Concat(Enumerable.Repeat("<extLst>", 100)) + string.Concat(Enumerable.Repeat("</extLst>", 100))),
            "a row index that is not a number" => CraftedXlsx.Build("<sheetData><row r=\"x1\"><c r=\"A1\"><v>1</v></c></row></sheetData>"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }
}
