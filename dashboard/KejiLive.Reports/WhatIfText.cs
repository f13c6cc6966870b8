using System.Globalization;
using System.Text;
using KejiLive.Domain.Planning;
using KejiLive.Domain.WhatIf;

namespace KejiLive.Reports;

/// <summary>A what-if proposal in words: the 说明 lines of its workbook, and a Markdown block for the dispatch meeting's
/// notes (the weekly pack's wording: 较序时 in 百分点, lights 红/黄/绿, dates 2025年7月1日).</summary>
public static class WhatIfText
{
    /// <summary>Said wherever a proposal is shown or exported.</summary>
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public const string Notice = "假设测算：本方案仅供调度会研究，不改变计划分解，各单位目标以市科技局下达为准。";

    public static string UnitName(PlanDocument plan, string unitId) => plan.FindUnit(unitId)?.Name ?? unitId;

    /// <summary>The proposal in one sentence: 南康区调出 10家：章贡区承接 5家、赣县区承接 5家；全市总量不变. Amounts are
    /// printed at <see cref="Decimals"/>, so the parts add up to the whole as printed.</summary>
    public static string Summary(PlanDocument plan, WhatIfResult result)
    {
        var target = plan.FindTarget(result.TargetId)!;
        var m = target.Measure;
        var d = Decimals(result);
        var receivers = string.Join("、", result.Units.Skip(1).Select(u => $"{UnitName(plan, u.UnitId)}承接 {Amount(u.Change, d)}{m}"));
        var total = Math.Abs(result.CityTotalChange) < 1e-9
            ? "全市总量不变"
            : $"全市目标{(result.CityTotalChange < 0 ? "调减" : "调增")} {Amount(Math.Abs(result.CityTotalChange), d)}{m}";
        return $"{UnitName(plan, result.From)}调出 {Amount(result.Moved, d)}{m}：{receivers}；{total}。";
    }

    /// <summary>The decimals (2 to 4) at which a proposal's amounts agree as printed: what each receiver takes adds up to what
    /// the source gives (plus any change of the city total), and each unit's target before, plus its change, is its target
    /// after. A share of a 差额 rarely rounds evenly: 0.8258亿元 halved printed as 0.83 = 0.41 + 0.41 and 3.13 − 0.83 = 2.31.</summary>
    public static int Decimals(WhatIfResult result)
    {
        const int most = 4;
        for (var d = 2; d < most; d++)
        {
            var taken = result.Units.Skip(1).Sum(u => Math.Round(u.Change, d));
            var adds = Same(taken, Math.Round(result.Moved, d) + Math.Round(result.CityTotalChange, d))
                && result.Units.Append(new WhatIfUnitLine("city", result.CityTotalChange, result.City.Before, result.City.After)).All(u =>
                    Same(Math.Round(u.Before.Evaluation.AnnualTarget, d) + Math.Round(u.Change, d), Math.Round(u.After.Evaluation.AnnualTarget, d)));
            if (adds) return d;
        }
        return most;
    }

    /// <summary>An amount at <paramref name="decimals"/> (trailing zeros dropped): 0.413, 12, 1,234.5.</summary>
    public static string Amount(double v, int decimals) =>
        Math.Abs(v - Math.Round(v)) < 1e-9 ? ChineseFormat.Value(Math.Round(v)) : Math.Round(v, decimals).ToString("#,0." + new string('#', decimals), Zh);

    private static string SignedAmount(double v, int decimals) =>
        Math.Abs(Math.Round(v, decimals)) < 1e-12 ? "0" : (v > 0 ? "+" : "−") + Amount(Math.Abs(v), decimals);

    private static bool Same(double a, double b) => Math.Abs(a - b) < 1e-9;

    public static IReadOnlyList<(string Label, string Text)> About(PlanDocument plan, WhatIfResult result, DateTimeOffset at)
    {
        var target = plan.FindTarget(result.TargetId)!;
        var city = result.City;
        var lines = new List<(string, string)>
        {
            ("材料", $"{plan.City}{plan.Title} 目标调剂测算（周调度会研究用）"),
            ("指标", $"{target.Name}（{target.Measure}）"),
            ("方案", Summary(plan, result)),
            ("测算时点", ChineseFormat.Instant(at)),
            ("全市调整前", Side(city.Before, target, city.UnitsRedBefore)),
            ("全市调整后", Side(city.After, target, city.UnitsRedAfter)),
            ("全市判灯依据（调整后）", city.After.Explanation),
            ("性质", Notice),
        };
        if (plan.SampleSplit) lines.Add(("数据性质", PackHtml.SampleNotice));
        return lines;
    }

    /// <summary>The proposal as Markdown: a heading, the summary, a table of the touched units and the city, the notice.</summary>
    public static string Markdown(PlanDocument plan, WhatIfResult result, DateTimeOffset at)
    {
        var target = plan.FindTarget(result.TargetId)!;
        var sb = new StringBuilder();
        sb.Append("### 目标调剂测算：").Append(Cell(target.Name)).Append('\n').Append('\n');
        sb.Append(Cell(Summary(plan, result))).Append("（测算时点 ").Append(ChineseFormat.Instant(at)).Append("）\n\n");
        sb.Append("| 单位 | 调整量 | 年度目标（前→后） | 累计完成 | 较序时（前→后，百分点） | 灯（前→后） | 年末预计（后） | 能否完成（后） |\n");
        sb.Append("|---|---:|---:|---:|---:|:---:|---:|---|\n");
        var d = Decimals(result);
        foreach (var u in result.Units) Row(sb, UnitName(plan, u.UnitId), u.Change, u.Before, u.After, target.Measure, d);
        Row(sb, "**全市合计**", result.CityTotalChange, result.City.Before, result.City.After, target.Measure, d);
        sb.Append('\n');
        foreach (var u in result.Units)
        {
            sb.Append("- ").Append(Cell(UnitName(plan, u.UnitId))).Append("：").Append(Cell(u.After.Explanation)).Append('\n');
        }
        sb.Append("- 全市：").Append(Cell(result.City.After.Explanation)).Append('\n');
        sb.Append('\n').Append("> ").Append(Notice).Append('\n');
        if (plan.SampleSplit) sb.Append("> ").Append(PackHtml.SampleNotice).Append('\n');
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, double change, WhatIfSide before, WhatIfSide after, string measure, int decimals)
    {
        sb.Append("| ").Append(Cell(name))
            .Append(" | ").Append(SignedAmount(change, decimals))
            .Append(" | ").Append(Amount(before.Evaluation.AnnualTarget, decimals)).Append(" → ").Append(Amount(after.Evaluation.AnnualTarget, decimals))
            .Append(" | ").Append(V(after.Evaluation.Actual))
            .Append(" | ").Append(ChineseFormat.Points(before.Evaluation.GapPoints)).Append(" → ").Append(ChineseFormat.Points(after.Evaluation.GapPoints))
            .Append(" | ").Append(ChineseFormat.Light(before.Evaluation.Light)).Append(" → ").Append(ChineseFormat.Light(after.Evaluation.Light))
            .Append(" | ").Append(after.Evaluation.Forecast is { } f ? Forecast(f.Value, measure) : "—")
            .Append(" | ").Append(WhatIfCalculator.OutlookName(after.Outlook)).Append(" |\n");
    }

    private static string Side(WhatIfSide side, TargetDefinition target, int unitsRed)
    {
        var e = side.Evaluation;
        var forecast = e.Forecast is { } f ? $"，年末预计 {Forecast(f.Value, target.Measure)}{target.Measure}（{WhatIfCalculator.OutlookName(side.Outlook)}）" : "";
        return $"目标 {V(e.AnnualTarget)}{target.Measure}，累计完成 {V(e.Actual)}，完成率 {ChineseFormat.Percent(e.CompletionRate)}，" +
               $"较序时 {ChineseFormat.Points(e.GapPoints)} 个百分点，{ChineseFormat.Light(e.Light)}灯，红灯单位 {unitsRed} 个{forecast}";
    }

    private static string V(double v) => ChineseFormat.Value(Math.Round(v, 2));

    /// <summary>A year-end forecast as the meeting reads it: whole items for a measure counted in items (约33,504个, not
    /// 33,504.21), else to two decimals.</summary>
    private static string Forecast(double v, string measure) =>
        Domain.Progress.ItemRules.IsWholeMeasure(measure) ? "约" + ChineseFormat.Value(Math.Round(v)) : V(v);

    /// <summary>Text in a Markdown table cell or line: pipes and line breaks cannot break the table.</summary>
    private static string Cell(string? text) => (text ?? "").Replace("|", "｜", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
}
