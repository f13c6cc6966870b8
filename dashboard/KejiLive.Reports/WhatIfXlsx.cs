using KejiLive.Domain.Planning;
using KejiLive.Domain.WhatIf;
using MiniExcelLibs;

namespace KejiLive.Reports;

/// <summary>A what-if proposal (调剂方案) as a workbook for the dispatch meeting, in the weekly pack's style: sheets 说明 and
/// 调剂前后 (one row per touched unit, then the city), numbers as numbers, every text cell through <see cref="SafeCell"/>,
/// and <see cref="XlsxMeetingLayout"/> for the frozen header, widths, one decimal on rates and points and A4 printing.
/// It states on every sheet that it is a what-if: the plan is not changed.</summary>
public static class WhatIfXlsx
{
    public static byte[] Render(PlanDocument plan, WhatIfResult result, DateTimeOffset at)
    {
        var target = plan.FindTarget(result.TargetId) ?? throw new ArgumentException($"Target '{result.TargetId}' is not in the plan.", nameof(result));
        var d = WhatIfText.Decimals(result);
        var rows = result.Units.Select(u => Line(WhatIfText.UnitName(plan, u.UnitId), u.Change, u.Before, u.After, target, d)).ToList();
        rows.Add(Line("全市合计", result.CityTotalChange, result.City.Before, result.City.After, target, d));
        var sheets = new Dictionary<string, object>
        {
            ["说明"] = WhatIfText.About(plan, result, at).Select(l => Row(("项目", l.Label), ("内容", l.Text))).ToList(),
            ["调剂前后"] = rows,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return XlsxMeetingLayout.Apply(stream.ToArray());
    }

    /// <param name="decimals">Of the change and the targets (<see cref="WhatIfText.Decimals"/>): they add up as printed.</param>
    private static Dictionary<string, object?> Line(string name, double change, WhatIfSide before, WhatIfSide after, TargetDefinition target, int decimals) => Row(
        ("单位", name), ("计量单位", target.Measure), ("调整量", Math.Round(change, decimals)),
        ("调整前年度目标", Math.Round(before.Evaluation.AnnualTarget, decimals)), ("调整后年度目标", Math.Round(after.Evaluation.AnnualTarget, decimals)),
        ("累计完成", R(after.Evaluation.Actual)), ("序时进度截至", ChineseFormat.FullDate(after.Evaluation.ScheduleDate)),
        ("调整前完成率(%)", Pct(before.Evaluation.CompletionRate)), ("调整后完成率(%)", Pct(after.Evaluation.CompletionRate)),
        ("调整前较序时(百分点)", R(before.Evaluation.GapPoints)), ("调整后较序时(百分点)", R(after.Evaluation.GapPoints)),
        ("调整前灯", ChineseFormat.Light(before.Evaluation.Light)), ("调整后灯", ChineseFormat.Light(after.Evaluation.Light)),
        ("调整前年末预计", before.Evaluation.Forecast is { } fb ? R(fb.Value) : null), ("调整后年末预计", after.Evaluation.Forecast is { } fa ? R(fa.Value) : null),
        ("调整后预计区间", after.Evaluation.Forecast is { } range ? $"{ChineseFormat.Value(Math.Round(range.Low, 2))}–{ChineseFormat.Value(Math.Round(range.High, 2))}" : null),
        ("调整后能否完成", WhatIfCalculator.OutlookName(after.Outlook)), ("调整后判灯依据", after.Explanation));

    /// <summary>A sheet row in column order; text cells made formula-safe.</summary>
    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(cells.Length);
        foreach (var (column, value) in cells) row[column] = value is string s ? SafeCell.Text(s) : value;
        return row;
    }

    private static double R(double v) => Math.Round(v, 2);

    private static double Pct(double fraction) => Math.Round(fraction * 100, 2);
}
