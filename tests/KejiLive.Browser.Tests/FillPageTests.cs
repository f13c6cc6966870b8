using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>Excel 填报 as a unit's reporter does it in a browser: signed in with the unit's token, download the unit's
/// template, upload it with a cell that is not a number and read which cell is wrong, fix it, upload again, see it taken.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FillPageTests(KejiSite site, ITestOutputHelper output)
{
    private const string Unit = "360735";
    private const string ValueColumn = "本期累计值（填写）";

    [Fact]
    public async Task UnitReporter_DownloadsTheTemplate_UploadsIt_SeesTheBadCellNamed_ThenTheFixedFileAccepted()
    {
        using var created = await site.Api.PostAsJsonAsync("/api/tokens", new { name = "石城县科技局 填报员", role = "unit", unit = Unit, expiresInDays = 30 });
        var token = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        await using var browser = await site.NewPageAsync(1280, 900, sessionToken: token);
        var page = browser.Page;

        await page.GotoAsync(new Uri(site.Silo.BaseAddress, "/fill").ToString());
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("石城县科技局 填报员");
        await Assertions.Expect(page.Locator("#unit")).ToHaveValueAsync(Unit);
        await Assertions.Expect(page.Locator("#unit")).ToBeDisabledAsync();
        // The date is picked in the page's Chinese 年 / 月 / 日 control (not the browser's own date picker).
        var asOf = DateOnly.Parse(KejiSite.AsOf, System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#as-of-year").SelectOptionAsync(new SelectOptionValue { Label = $"{asOf.Year}年" });
        await page.Locator("#as-of-month").SelectOptionAsync(new SelectOptionValue { Label = $"{asOf.Month}月" });
        await page.Locator("#as-of-day").SelectOptionAsync(new SelectOptionValue { Label = $"{asOf.Day}日" });
        Assert.Equal(0, await page.Locator("input[type=date]").CountAsync());
        await Assertions.Expect(page.Locator("label[for=file]")).ToHaveTextAsync("选择文件");
        await Assertions.Expect(page.Locator("#file-name")).ToHaveTextAsync("未选择文件");
        var href = await page.Locator("#download").GetAttributeAsync("href");
        Assert.Equal($"/api/units/{Unit}/template?asOf={KejiSite.AsOf}", href);

        // The template as the browser's session downloads it (same cookie).
        var download = await page.Context.APIRequest.GetAsync(new Uri(site.Silo.BaseAddress, href!).ToString());
        Assert.Equal(200, download.Status);
        var sheets = Open(await download.BodyAsync());
        var rows = sheets["填报"];
        var index = rows.FindIndex(r => Equals(r["指标编号（勿改）"], "talent-teams"));
        Assert.True(index >= 0, "the template has no talent-teams row");
        var cell = $"填报!G{index + 2}";

        rows[index][ValueColumn] = "三个";
        await UploadAsync(page, Save(sheets), "broken.xlsx");
        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("整份未接收");
        await Assertions.Expect(page.Locator("#result-table tr.error-row").First).ToContainTextAsync(cell);
        await KejiSite.ScreenshotAsync(page, "fill-refused", output, fullPage: true);

        rows[index][ValueColumn] = 3;
        await UploadAsync(page, Save(sheets), "fixed.xlsx");
        await Assertions.Expect(page.Locator("#result-title")).ToHaveTextAsync("已接收");
        await Assertions.Expect(page.Locator("#result-table tr[data-outcome=created]")).ToContainTextAsync("引进和培育高层次科技人才团队");
        await KejiSite.ScreenshotAsync(page, "fill-accepted", output, fullPage: true);
        Assert.Empty(browser.PageErrors);

        var detail = await site.Api.GetJsonAsync($"/api/targets/talent-teams/{Unit}");
        Assert.Equal(3, detail["actual"]!.GetValue<double>());
        Assert.Equal("石城县科技局 填报员", detail["history"]!.AsArray()[^1]!["submittedBy"]!.GetValue<string>());
    }

    /// <summary>A figure far outside the unit's own history is taken but marked 待核实. The reporter read only 已接收 and
    /// did not learn that the city office would check it, nor what to do if it was a typing slip. Pair used only here:
    /// tech-smes × 石城县.</summary>
    [Fact]
    public async Task UnitReporter_UploadsAFigureFarOutsideItsHistory_IsToldItIsMarkedForReviewAndWhatThatMeans()
    {
        const string Target = "tech-smes";
        var annual = (await site.Api.GetJsonAsync($"/api/targets/{Target}/{Unit}"))["annualTarget"]!.GetValue<double>();
        var before = Math.Round(annual * 0.2);
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("xl-mar"), Target, Unit, before / 2, "2025-03-31"));
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("xl-jun"), Target, Unit, before, "2025-06-30"));
        using var created = await site.Api.PostAsJsonAsync("/api/tokens", new { name = "石城县科技局 填报员（核实）", role = "unit", unit = Unit, expiresInDays = 30 });
        var token = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        await using var browser = await site.NewPageAsync(1366, 768, sessionToken: token);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, "/fill").ToString());
        await Assertions.Expect(page.Locator("#unit")).ToHaveValueAsync(Unit);

        var download = await page.Context.APIRequest.GetAsync(new Uri(site.Silo.BaseAddress, $"/api/units/{Unit}/template?asOf={KejiSite.AsOf}").ToString());
        var sheets = Open(await download.BodyAsync());
        var rows = sheets["填报"];
        var index = rows.FindIndex(r => Equals(r["指标编号（勿改）"], Target));
        // Five times the year's target since June: far beyond the unit's own pace and the plan's.
        rows[index][ValueColumn] = before + annual * 5;
        await UploadAsync(page, Save(sheets), "jump.xlsx");

        await Assertions.Expect(page.Locator("#result-title")).ToHaveTextAsync("已接收");
        var row = page.Locator("#result-table tr[data-review=pending]");
        await Assertions.Expect(row).ToContainTextAsync("待核实");
        await Assertions.Expect(page.Locator("#result-detail")).ToContainTextAsync($"填报!G{index + 2} 与本单位以往报送相差很大，已标为“待核实”");
        await Assertions.Expect(page.Locator("#result-detail")).ToContainTextAsync("如填错，请改正后重新上传");
        // Why the light is what it is, in the server's words, beside the light.
        var why = (await site.Api.GetJsonAsync($"/api/targets/{Target}/{Unit}"))["explanation"]?.GetValue<string>();
        if (why is not null) await Assertions.Expect(row.Locator(".light-why")).ToHaveTextAsync(why);
        await KejiSite.ScreenshotAsync(page, "fill-review", output, fullPage: true);
        Assert.Empty(browser.PageErrors);
        Assert.True((await site.Api.GetJsonAsync($"/api/targets/{Target}/{Unit}"))["pendingReview"]!.GetValue<bool>());
    }

    private static async Task UploadAsync(IPage page, byte[] xlsx, string name)
    {
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = xlsx,
        });
        await page.Locator("#send").ClickAsync();
    }

    private static Dictionary<string, List<Dictionary<string, object?>>> Open(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var name in MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            sheets[name] = [.. MiniExcel.Query(stream, useHeaderRow: true, sheetName: name)
                .Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r))];
        }
        return sheets;
    }

    private static byte[] Save(Dictionary<string, List<Dictionary<string, object?>>> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(s => s.Key, s => (object)s.Value));
        return stream.ToArray();
    }
}
