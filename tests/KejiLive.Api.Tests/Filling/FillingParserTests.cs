using KejiLive.Dashboard.Filling;
using KejiLive.Domain.Planning;

namespace KejiLive.Api.Tests.Filling;

/// <summary><see cref="FillingParser"/> on workbooks built in memory (no HTTP, no cluster): each case changes one cell
/// of a valid upload and names the cell the error must point at. Unit 360733 carries talent-teams (row 2 below) and
/// enterprise-rd-ratio (row 3, a ratio); the clock stands at 2025-07-01.</summary>
public sealed class FillingParserTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Unit = "360733";

    /// <summary>Header letters as the template writes them.</summary>
    private static Dictionary<string, object?> FillHeader() => new()
    {
        ["A"] = FillingSheets.TargetId, ["B"] = FillingSheets.TargetName, ["G"] = FillingSheets.Value,
        ["H"] = FillingSheets.Numerator, ["I"] = FillingSheets.Denominator, ["J"] = FillingSheets.Correction, ["K"] = FillingSheets.Note,
    };

    private static Dictionary<string, object?> FillRow(string target, object? value, object? n = null, object? d = null, object? correction = null) =>
        new() { ["A"] = target, ["B"] = "名称", ["G"] = value, ["H"] = n, ["I"] = d, ["J"] = correction, ["K"] = null };

    private static Dictionary<string, object?> ItemRow(string target, string? name, string? number) =>
        new() { ["A"] = target, ["C"] = name, ["D"] = number };

    private static List<RawSheet> Book(Action<List<Dictionary<string, object?>>, List<Dictionary<string, object?>>, List<Dictionary<string, object?>>>? change = null)
    {
        var fill = new List<Dictionary<string, object?>>
        {
            FillHeader(),
            FillRow("talent-teams", 3.0),
            FillRow("enterprise-rd-ratio", 1.0, 1.0, 100.0),
        };
        var items = new List<Dictionary<string, object?>>
        {
            new() { ["A"] = FillingSheets.TargetId, ["C"] = FillingSheets.ItemName, ["D"] = FillingSheets.ItemNumber },
        };
        var about = new List<Dictionary<string, object?>>
        {
            new() { ["A"] = FillingSheets.AboutKey, ["B"] = FillingSheets.AboutValue },
            new() { ["A"] = FillingSheets.UnitKey, ["B"] = Unit },
            new() { ["A"] = FillingSheets.UnitNameKey, ["B"] = "会昌县" },
            new() { ["A"] = FillingSheets.AsOfKey, ["B"] = "2025-06-30" },
        };
        change?.Invoke(fill, items, about);
        return
        [
            new RawSheet(FillingSheets.Fill, [.. fill]),
            new RawSheet(FillingSheets.Items, [.. items]),
            new RawSheet(FillingSheets.About, [.. about]),
        ];
    }

    [Fact]
    public void Parse_ValidWorkbook_GivesTheRowsAndDate()
    {
        var parse = FillingParser.Parse(Plan, Unit, Book(), Now);

        Assert.Empty(parse.Errors);
        Assert.Equal(new DateOnly(2025, 6, 30), parse.AsOf);
        Assert.Equal(["talent-teams", "enterprise-rd-ratio"], parse.Rows.Select(r => r.TargetId));
        Assert.Equal(3, parse.Rows[0].Value);
        Assert.Equal(100, parse.Rows[1].Denominator);
        Assert.Equal("填报!G3", parse.Rows[1].Cell("value"));
    }

    public static TheoryData<string, Action<List<Dictionary<string, object?>>, List<Dictionary<string, object?>>, List<Dictionary<string, object?>>>, string, string> Broken => new()
    {
        { "text in 本期", (f, _, _) => f[1]["G"] = "十二", "填报!G2", "须为非负数字" },
        { "negative 本期", (f, _, _) => f[1]["G"] = -1.0, "填报!G2", "须为非负数字" },
        { "absurd 本期", (f, _, _) => f[1]["G"] = 100000.0, "填报!G2", "合理范围" },
        { "ratio without denominator", (f, _, _) => f[2]["I"] = null, "填报!I3", "分母" },
        { "ratio that disagrees with its parts", (f, _, _) => f[2]["G"] = 5.0, "填报!G3", "不一致" },
        { "parts on a count", (f, _, _) => f[1]["H"] = 1.0, "填报!H2", "不是比率类目标" },
        { "parts without 本期", (f, _, _) => f[2]["G"] = null, "填报!G3", "本期累计值为空" },
        { "更正 not yes or no", (f, _, _) => f[1]["J"] = "也许", "填报!J2", "是" },
        { "target the unit does not carry", (f, _, _) => f.Add(FillRow("high-growth-firms", 1.0)), "填报!A4", "未承担" },
        { "unknown target", (f, _, _) => f.Add(FillRow("no-such-target", 1.0)), "填报!A4", "未知指标编号" },
        { "target twice", (f, _, _) => f.Add(FillRow("talent-teams", 4.0)), "填报!A4", "第 2 行" },
        { "value without target id", (f, _, _) => f.Add(FillRow(null!, 4.0)), "填报!A4", "缺少指标编号" },
        { "header renamed", (f, _, _) => f[0]["G"] = "本月数", "填报!1", "本期累计值" },
        { "future date", (_, _, a) => a[3]["B"] = "2025-07-02", "说明!B4", "晚于今天" },
        { "date of another year", (_, _, a) => a[3]["B"] = "2024-12-31", "说明!B4", "计划年度" },
        { "date that is no date", (_, _, a) => a[3]["B"] = "六月底", "说明!B4", "yyyy-MM-dd" },
        { "another unit's template", (_, _, a) => a[1]["B"] = "360734", "说明!B2", "不一致" },
        { "item of a target the unit does not carry", (_, i, _) => i.Add(ItemRow("high-growth-firms", "甲公司", null)), "清单!A2", "未承担" },
        { "item of a target that is not a count", (_, i, _) => i.Add(ItemRow("enterprise-rd-ratio", "甲公司", null)), "清单!A2", "不是计数类" },
        { "item without name", (_, i, _) => i.Add(ItemRow("talent-teams", null, "91360700MA35X0001K")), "清单!C2", "缺少名称" },
        { "item number with symbols", (_, i, _) => i.Add(ItemRow("talent-teams", "甲团队", "9136#0700")), "清单!D2", "字母和数字" },
        {
            "item listed twice (number normalised)",
            (_, i, _) => { i.Add(ItemRow("talent-teams", "甲团队", "abc-123")); i.Add(ItemRow("talent-teams", "甲团队二", "ABC 123")); },
            "清单!C3", "与 清单!C2 重复"
        },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Parse_BrokenCell_NamesSheetAndCell(string why, Action<List<Dictionary<string, object?>>, List<Dictionary<string, object?>>, List<Dictionary<string, object?>>> change, string cell, string says)
    {
        var parse = FillingParser.Parse(Plan, Unit, Book(change), Now);

        var error = Assert.Single(parse.Errors);
        Assert.True(error.Field == cell, $"{why}: expected {cell}, got {error.Field}: {error.Message}");
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownAndMissingSheets_AreNamed()
    {
        var book = Book();
        book.RemoveAt(1);
        book.Add(new RawSheet("Sheet1", []));

        var parse = FillingParser.Parse(Plan, Unit, book, Now);

        Assert.Equal(["Sheet1", FillingSheets.Items], parse.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Parse_EmptyValueCells_AreNotReports_AndTypedTextNumbersAreNumbers()
    {
        var parse = FillingParser.Parse(Plan, Unit, Book((f, _, _) =>
        {
            f[1]["G"] = null;
            f[2]["G"] = " 1.0 ";
            f[2]["H"] = "１";       // full-width digit
            f[2]["I"] = "100";
        }), Now);

        Assert.Empty(parse.Errors);
        Assert.Null(parse.Rows.Single(r => r.TargetId == "talent-teams").Value);
        Assert.Equal(1.0, parse.Rows.Single(r => r.TargetId == "enterprise-rd-ratio").Numerator);
    }

    [Fact]
    public void Parse_ColumnsFoundByHeader_SoMovedColumnsStillRead()
    {
        var parse = FillingParser.Parse(Plan, Unit, Book((f, _, _) =>
        {
            foreach (var row in f) (row["G"], row["Z"]) = (null, row["G"]);
            f[0]["Z"] = FillingSheets.Value;
        }), Now);

        Assert.Empty(parse.Errors);
        Assert.Equal(3, parse.Rows[0].Value);
        Assert.Equal("填报!Z2", parse.Rows[0].Cell("value"));
    }

    [Fact]
    public void Parse_FormulaGuardApostrophe_IsTakenOffItemNames()
    {
        var parse = FillingParser.Parse(Plan, Unit, Book((_, i, _) => i.Add(ItemRow("talent-teams", "'=团队", null))), Now);

        Assert.Equal("=团队", Assert.Single(parse.Items).Name);
    }
}
