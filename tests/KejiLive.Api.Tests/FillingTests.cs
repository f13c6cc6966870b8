using System.Net;
using System.Net.Http.Headers;
using KejiLive.Api.Tests.Filling;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>Excel 填报 end to end: download a unit's template, fill it in with MiniExcel as an official would, upload
/// it, and see ordinary reports (history, idempotency, all or nothing) and item lists (counts, cross-unit duplicates).
/// Pairs owned here: talent-teams and enterprise-rd-ratio × 360733 and 360734; high-growth-firms × jkq and rjxq.</summary>
[Collection(ApiCollection.Name)]
public sealed class FillingTests(KejiApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Template_ForAUnit_ListsItsTargetsWithItemsAndAboutSheets()
    {
        var plan = await _client.GetJsonAsync("/api/plan");
        var carried = plan["targets"]!.AsArray()
            .Where(t => t!["split"]!.AsArray().Any(s => s!["unit"]!.GetValue<string>() == "jkq"))
            .Select(t => t!["id"]!.GetValue<string>()).ToList();

        var book = await Workbook.DownloadAsync(_client, "jkq", "2025-06-30");

        Assert.Equal(new[] { "填报", "清单", "说明" }, book.Sheets.Keys.ToArray());
        Assert.Equal(carried, book.Sheets["填报"].Select(r => (string)r["指标编号（勿改）"]!).ToList());
        var row = book.Row("high-growth-firms");
        Assert.Equal("培育高成长性科技型企业", row["指标名称"]);
        Assert.Equal("家", row["计量单位"]);
        Assert.Equal(3.0, Convert.ToDouble(row["年度目标"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(row["本期累计值（填写）"]);
        Assert.Contains("分子", (string)book.Row("enterprise-rd-ratio")["填报提示"]!, StringComparison.Ordinal);
        Assert.Equal("jkq", book.Sheets["说明"].Single(r => Equals(r["项目"], "单位编号"))["内容"]);
        Assert.Equal("2025-06-30", book.Sheets["说明"].Single(r => Equals(r["项目"], "数据截止日期"))["内容"]);
        Assert.Contains("名称", book.Sheets["清单"][0].Keys);
    }

    [Fact]
    public async Task Template_ForAnUnknownUnit_Answers404()
    {
        using var response = await _client.GetAsync("/api/units/nowhere/template");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_FilledTemplate_BecomesReportsWithHistory_AndTheSameFileAgainChangesNothing()
    {
        var file = (await Workbook.DownloadAsync(_client, "360733"))
            .Fill("talent-teams", 3)
            .Fill("enterprise-rd-ratio", 1.0, 1, 100)
            .Save();

        using var first = await Workbook.UploadAsync(_client, "360733", file);
        var answer = await first.ReadJsonAsync();

        Assert.True(first.StatusCode == HttpStatusCode.Created, answer.ToJsonString());
        Assert.Equal(2, answer["reports"]!.AsArray().Count);
        var teams = await _client.GetTargetUnitAsync("talent-teams", "360733");
        Assert.Equal(3, teams.Num("actual"));
        Assert.Equal("2025-06-30", teams["reportedAsOf"]!.GetValue<string>());
        var entry = Assert.Single(teams["history"]!.AsArray())!;
        Assert.StartsWith("xlsx-20250630-360733-talent-teams-", entry["reportId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(entry["source"]!.GetValue<string>()));
        var ratio = await _client.GetTargetUnitAsync("enterprise-rd-ratio", "360733");
        Assert.Equal(1.0, ratio.Num("actual"), 9);
        Assert.Equal(100, Assert.Single(ratio["history"]!.AsArray())!.Num("denominator"));

        using var again = await Workbook.UploadAsync(_client, "360733", file);
        var repeat = await again.ReadJsonAsync();

        Assert.True(again.StatusCode == HttpStatusCode.OK, repeat.ToJsonString());
        Assert.All(repeat["reports"]!.AsArray(), r => Assert.Equal("duplicate", r!["outcome"]!.GetValue<string>()));
        Assert.Equal(1, (await _client.GetTargetUnitAsync("talent-teams", "360733")).HistoryCount());
        Assert.Equal(1, (await _client.GetTargetUnitAsync("enterprise-rd-ratio", "360733")).HistoryCount());
    }

    [Fact]
    public async Task Upload_LowerValueForTheSameDate_IsRefusedAtItsCellUnlessMarkedAsCorrection()
    {
        var book = await Workbook.DownloadAsync(_client, "360733", "2025-05-31");
        using (var first = await Workbook.UploadAsync(_client, "360733", book.Fill("talent-teams", 2).Save()))
        {
            Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        }
        var before = (await _client.GetTargetUnitAsync("talent-teams", "360733")).HistoryCount();
        var cell = $"填报!G{book.RowNumber("talent-teams")}";

        using var lower = await Workbook.UploadAsync(_client, "360733", book.Fill("talent-teams", 1).Save());
        await lower.AssertValidationProblemAsync(cell);
        Assert.Equal(before, (await _client.GetTargetUnitAsync("talent-teams", "360733")).HistoryCount());

        using var corrected = await Workbook.UploadAsync(_client, "360733", book.Fill("talent-teams", 1, correction: "是").Save());
        Assert.True(corrected.StatusCode == HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        var history = (await _client.GetTargetUnitAsync("talent-teams", "360733"))["history"]!.AsArray();
        Assert.Equal(before + 1, history.Count);
        Assert.True(history[^1]!["correction"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Upload_WithABrokenCell_Answers400NamingSheetAndCell_AndStoresNothing()
    {
        var book = await Workbook.DownloadAsync(_client, "360734");
        var file = book.Fill("talent-teams", 4).Fill("enterprise-rd-ratio", "abc", 1, 100).Save();

        using var response = await Workbook.UploadAsync(_client, "360734", file);

        var errors = await response.AssertValidationProblemAsync($"填报!G{book.RowNumber("enterprise-rd-ratio")}");
        Assert.Contains("须为非负数字", errors[$"填报!G{book.RowNumber("enterprise-rd-ratio")}"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await _client.GetTargetUnitAsync("talent-teams", "360734")).HistoryCount());
        Assert.Equal(0, (await _client.GetTargetUnitAsync("enterprise-rd-ratio", "360734")).HistoryCount());
    }

    [Fact]
    public async Task Upload_OfTheTemplateAsItCame_Answers400SayingNothingWasFilled()
    {
        var book = await Workbook.DownloadAsync(_client, "360734");

        using var response = await Workbook.UploadAsync(_client, "360734", book.Save());

        var errors = await response.AssertValidationProblemAsync("填报");
        Assert.Contains("没有填写任何本期累计值", errors["填报"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await _client.GetTargetUnitAsync("talent-teams", "360734")).HistoryCount());
    }

    [Fact]
    public async Task Upload_RowForATargetTheUnitDoesNotCarry_IsNamedByItsCell()
    {
        var book = await Workbook.DownloadAsync(_client, "360734");
        book.Fill("talent-teams", 4);
        var extra = new Dictionary<string, object?>(book.Row("talent-teams")) { ["指标编号（勿改）"] = "high-growth-firms" };
        book.Sheets["填报"].Add(extra);

        using var response = await Workbook.UploadAsync(_client, "360734", book.Save());

        await response.AssertValidationProblemAsync($"填报!A{book.Sheets["填报"].Count + 1}");
        Assert.Equal(0, (await _client.GetTargetUnitAsync("talent-teams", "360734")).HistoryCount());
    }

    [Fact]
    public async Task Upload_WithAFutureDate_IsRefusedAtTheDateCell()
    {
        var file = (await Workbook.DownloadAsync(_client, "360734")).Fill("talent-teams", 4).SetAbout("数据截止日期", "2025-07-05").Save();

        using var response = await Workbook.UploadAsync(_client, "360734", file);

        await response.AssertValidationProblemAsync("说明!B4");
    }

    [Fact]
    public async Task Upload_WithAMissingSheet_IsRefusedNamingIt()
    {
        var book = await Workbook.DownloadAsync(_client, "360734");
        book.Fill("talent-teams", 4).Sheets.Remove("清单");

        using var response = await Workbook.UploadAsync(_client, "360734", book.Save());

        await response.AssertValidationProblemAsync("清单");
    }

    [Theory]
    [InlineData("not a workbook at all")]
    [InlineData("PK\u0003\u0004 a zip header and then garbage")]
    public async Task Upload_OfAFileThatIsNotXlsx_Answers400NamingTheFile(string body)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(Workbook.XlsxType);

        using var response = await _client.PostAsync("/api/units/360734/upload", content);

        await response.AssertValidationProblemAsync("file");
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_Answers413()
    {
        using var content = new ByteArrayContent(new byte[3 << 20]);
        content.Headers.ContentType = new MediaTypeHeaderValue(Workbook.XlsxType);

        using var response = await _client.PostAsync("/api/units/360734/upload", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Items_ClaimedByTwoUnits_AreFlaggedToTheCityAndCountedOnce()
    {
        var first = (await Workbook.DownloadAsync(_client, "jkq"))
            .AddItem("high-growth-firms", "赣州稀金新材料有限公司", "91360700MA35X0001K")
            .AddItem("high-growth-firms", "赣州智能装备有限公司", "91360700MA35X0002L")
            .Save();
        using (var response = await Workbook.UploadAsync(_client, "jkq", first))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        // The same enterprise, its code typed with spaces and in lower case, and one of the unit's own.
        var second = (await Workbook.DownloadAsync(_client, "rjxq"))
            .AddItem("high-growth-firms", "赣州稀金新材料公司", "91360700 ma35x0001k")
            .AddItem("high-growth-firms", "蓉江生物医药有限公司", "91360700MA35X0003M")
            .Save();
        using (var response = await Workbook.UploadAsync(_client, "rjxq", second))
        {
            var answer = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, answer.ToJsonString());
            var tally = Assert.Single(answer["items"]!.AsArray())!;
            Assert.Equal(1, tally["count"]!.GetValue<int>());
            Assert.Equal("jkq", Assert.Single(tally["duplicates"]!.AsArray())!["countedBy"]!.GetValue<string>());
        }

        Assert.Equal(2, (await _client.GetTargetUnitAsync("high-growth-firms", "jkq")).Num("actual"));
        Assert.Equal(1, (await _client.GetTargetUnitAsync("high-growth-firms", "rjxq")).Num("actual"));
        var duplicates = (await _client.GetJsonAsync("/api/items/duplicates")).AsArray();
        var flagged = Assert.Single(duplicates, d => d!["target"]!.GetValue<string>() == "high-growth-firms")!;
        Assert.Equal("no:91360700MA35X0001K", flagged["key"]!.GetValue<string>());
        Assert.Equal("jkq", flagged["countedUnit"]!.GetValue<string>());
        Assert.Equal(new[] { "rjxq" }, flagged["otherUnits"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Single((await _client.GetJsonAsync("/api/items/high-growth-firms/duplicates")).AsArray());
        var notice = await factory.Webhook.WaitForAsync(r => r.IdempotencyKey.StartsWith("items/high-growth-firms/", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("跨单位重复", notice.Body.ToString(), StringComparison.Ordinal);

        // The rjxq template now lists its items with their status; uploading it again adds nothing.
        var book = await Workbook.DownloadAsync(_client, "rjxq");
        Assert.Equal(2, book.Sheets["清单"].Count(r => r["名称"] is not null));
        Assert.Contains(book.Sheets["清单"], r => ((string?)r["状态（系统填写）"])?.Contains("赣州经开区", StringComparison.Ordinal) == true);
        using var repeat = await Workbook.UploadAsync(_client, "rjxq", book.Save());
        Assert.True(repeat.StatusCode == HttpStatusCode.OK, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(1, (await _client.GetTargetUnitAsync("high-growth-firms", "rjxq")).HistoryCount());
    }

    [Fact]
    public async Task Upload_ValueThatDisagreesWithItsItems_NamesTheCellAndTheCount()
    {
        var book = await Workbook.DownloadAsync(_client, "360702");
        book.Fill("high-growth-firms", 5).AddItem("high-growth-firms", "章贡示例科技有限公司", "91360702MA35Y0009Q");

        using var response = await Workbook.UploadAsync(_client, "360702", book.Save());

        var errors = await response.AssertValidationProblemAsync($"填报!G{book.RowNumber("high-growth-firms")}");
        var message = errors[$"填报!G{book.RowNumber("high-growth-firms")}"]![0]!.GetValue<string>();
        Assert.Contains("清单", message, StringComparison.Ordinal);
        Assert.Contains("计数 1", message, StringComparison.Ordinal);
        Assert.Empty((await _client.GetJsonAsync("/api/items/high-growth-firms/360702")).AsArray());
    }

    /// <summary>The template's and the upload's <c>asOf</c> are worded as every other date field of the API
    /// (<c>POST /api/reports</c>' asOf, a 督办's promisedBy): a day not in the calendar is told so.</summary>
    [Theory]
    [InlineData("2025-02-30", "asOf 2025-02-30 这一天不存在（2025年2月只有28天）。")]
    [InlineData("2025-13-01", "asOf 2025-13-01 这一天不存在（月份须为 1—12）。")]
    [InlineData("2025%2F06%2F30", "asOf 须为 yyyy-MM-dd 格式的日期，例如 2025-06-30。")]
    public async Task TemplateAndUpload_WhenAsOfIsNotADay_Answer400InTheApisWordsAndStoreNothing(string asOf, string says)
    {
        using var template = await _client.GetAsync($"/api/units/360734/template?asOf={asOf}");
        var errors = await template.AssertValidationProblemAsync("asOf");
        Assert.Equal(says, errors["asOf"]![0]!.GetValue<string>());

        var file = (await Workbook.DownloadAsync(_client, "360734")).Fill("talent-teams", 2).Save();
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(Workbook.XlsxType);
        form.Add(content, "file", "360734.xlsx");
        using var upload = await _client.PostAsync($"/api/units/360734/upload?asOf={asOf}", form);
        errors = await upload.AssertValidationProblemAsync("asOf");
        Assert.Equal(says, errors["asOf"]![0]!.GetValue<string>());

        // The same words as the report API gives for the same date.
        var report = KejiApi.Report(KejiApi.NewId("date-words"), "talent-teams", "360734", 2, Uri.UnescapeDataString(asOf));
        using var posted = await _client.PostReportAsync(report);
        var reportErrors = await posted.AssertValidationProblemAsync("asOf");
        Assert.Equal(says, reportErrors["asOf"]![0]!.GetValue<string>());
        Assert.Equal(0, (await _client.GetTargetUnitAsync("talent-teams", "360734")).HistoryCount());
    }
}
