using KejiLive.Domain.Tests.WhatIf;
using KejiLive.Domain.WhatIf;

namespace KejiLive.Reports.Tests;

/// <summary>A what-if proposal as the meeting reads it in its summary, Markdown and workbook: the amounts add up as printed.</summary>
public class WhatIfTextTests
{
    [Theory]
    // amount moved from 南康区 (30亿元), shares to 章贡区 and 赣县区 → the decimals printed
    [InlineData(0.8258, 3)]  // halves of 0.4129: at 2 decimals 0.41 + 0.41 = 0.82 printed beside 0.83, 30 − 0.83 beside 29.17
    [InlineData(10.0, 2)]    // 5 + 5
    [InlineData(9.0, 2)]     // 4.5 + 4.5
    [InlineData(1.23456, 4)] // 0.61728 each: 0.6173 + 0.6173 = 1.2346; never more than 4 decimals
    public void Decimals_AreTheFewestAtWhichThePartsAddUp(double amount, int decimals)
    {
        var result = Halves(amount);
        Assert.Equal(decimals, WhatIfText.Decimals(result));
    }

    [Fact]
    public void Summary_Markdown_AndWorkbook_PrintAmountsThatAddUp()
    {
        // The office split 大余县's 差额 0.8258亿元 half and half: the summary read 调出 0.83亿元：… 承接 0.41亿元、… 承接 0.41亿元
        // and the table 30 → 29.17 with −0.83.
        var plan = WhatIfSupport.Plan();
        var result = Halves(0.8258);

        Assert.Equal("南康区调出 0.826亿元：章贡区承接 0.413亿元、赣县区承接 0.413亿元；全市总量不变。", WhatIfText.Summary(plan, result));
        var markdown = WhatIfText.Markdown(plan, result, WhatIfSupport.Now);
        Assert.Contains("| 南康区 | −0.826 | 30 → 29.174 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 章贡区 | +0.413 | 40 → 40.413 |", markdown, StringComparison.Ordinal);

        using var stream = new MemoryStream(WhatIfXlsx.Render(plan, result, WhatIfSupport.Now));
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "调剂前后").Cast<IDictionary<string, object>>().ToList();
        var source = rows.Single(r => (string)r["单位"] == "南康区");
        Assert.Equal((-0.826, 30.0, 29.174), (Convert.ToDouble(source["调整量"]), Convert.ToDouble(source["调整前年度目标"]), Convert.ToDouble(source["调整后年度目标"])));
    }

    private static WhatIfResult Halves(double amount)
    {
        var plan = WhatIfSupport.Plan();
        var outcome = WhatIfSupport.Compute(plan, new WhatIfProposal("360703", amount, WhatIfSupport.To("360702=0.5s,360704=0.5s"), false));
        Assert.Empty(outcome.Errors);
        return outcome.Result!;
    }
}
