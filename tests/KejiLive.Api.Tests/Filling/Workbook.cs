using System.Net.Http.Headers;
using MiniExcelLibs;

namespace KejiLive.Api.Tests.Filling;

/// <summary>A downloaded template opened as a unit's official would: every sheet as rows keyed by header text, cells to
/// change, rows to add, saved again with MiniExcel (a different writer than the server's reader expects nothing of).</summary>
public sealed class Workbook
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Workbook(Dictionary<string, List<Dictionary<string, object?>>> sheets) => Sheets = sheets;

    /// <summary>Sheet name → rows (row 2 of the sheet is index 0), each header text → value.</summary>
    public Dictionary<string, List<Dictionary<string, object?>>> Sheets { get; }

    public static Workbook Open(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var name in MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            sheets[name] = [.. MiniExcel.Query(stream, useHeaderRow: true, sheetName: name)
                .Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r))];
        }
        return new Workbook(sheets);
    }

    public static async Task<Workbook> DownloadAsync(HttpClient client, string unit, string asOf = "2025-06-30")
    {
        using var response = await client.GetAsync($"/api/units/{unit}/template?asOf={asOf}");
        Assert.True(response.IsSuccessStatusCode, $"template answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        return Open(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The 填报 row of a target (found by its id column).</summary>
    public Dictionary<string, object?> Row(string target) =>
        Sheets["填报"].Single(r => Equals(r["指标编号（勿改）"], target));

    /// <summary>The spreadsheet row number of a target's 填报 row (header is row 1).</summary>
    public int RowNumber(string target) => Sheets["填报"].FindIndex(r => Equals(r["指标编号（勿改）"], target)) + 2;

    public Workbook Fill(string target, object? value, object? numerator = null, object? denominator = null, object? correction = null)
    {
        var row = Row(target);
        row["本期累计值（填写）"] = value;
        row["分子（比率类填写）"] = numerator;
        row["分母（比率类填写）"] = denominator;
        row["更正（低于上次时填“是”）"] = correction;
        return this;
    }

    public Workbook AddItem(string target, string name, string? number)
    {
        Sheets["清单"].Add(new Dictionary<string, object?>
        {
            ["指标编号（勿改）"] = target,
            ["指标名称"] = null,
            ["名称"] = name,
            ["登记号/统一社会信用代码"] = number,
            ["状态（系统填写）"] = null,
        });
        return this;
    }

    /// <summary>The 说明 row with key <paramref name="key"/>: its value is set.</summary>
    public Workbook SetAbout(string key, object? value)
    {
        Sheets["说明"].Single(r => Equals(r["项目"], key))["内容"] = value;
        return this;
    }

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(Sheets.ToDictionary(s => s.Key, s => (object)s.Value));
        return stream.ToArray();
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string unit, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        form.Add(content, "file", $"{unit}.xlsx");
        return await client.PostAsync($"/api/units/{unit}/upload", form);
    }
}
