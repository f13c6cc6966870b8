using System.Globalization;
using KejiLive.Domain.Planning;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using MiniExcelLibs.Attributes;

namespace KejiLive.Dashboard.Filling;

/// <summary>Writes a unit's 填报 workbook: 填报 (one row per target the unit carries), 清单 (items behind count targets,
/// listed so far), 说明 (the unit, the date the figures are for, how to fill in). Numbers are numbers; every text cell
/// goes through <see cref="SafeText"/>.</summary>
public static class TemplateWriter
{
    private static readonly DynamicExcelColumn[] Widths =
    [
        new(FillingSheets.TargetId) { Width = 24 },
        new(FillingSheets.TargetName) { Width = 40 },
        new(FillingSheets.Measure) { Width = 10 },
        new(FillingSheets.Annual) { Width = 10 },
        new(FillingSheets.LastValue) { Width = 12 },
        new(FillingSheets.LastAsOf) { Width = 14 },
        new(FillingSheets.Value) { Width = 20 },
        new(FillingSheets.Numerator) { Width = 18 },
        new(FillingSheets.Denominator) { Width = 18 },
        new(FillingSheets.Correction) { Width = 24 },
        new(FillingSheets.Note) { Width = 30 },
        new(FillingSheets.Hint) { Width = 60 },
        new(FillingSheets.ItemName) { Width = 36 },
        new(FillingSheets.ItemNumber) { Width = 28 },
        new(FillingSheets.ItemStatus) { Width = 28 },
        new(FillingSheets.AboutKey) { Width = 16 },
        new(FillingSheets.AboutValue) { Width = 100 },
    ];

    public static byte[] Write(PlanDocument plan, ReportingUnit unit, DateOnly asOf, IReadOnlyList<TemplateTarget> targets)
    {
        var sheets = new Dictionary<string, object>
        {
            [FillingSheets.Fill] = targets.Select(FillRow).ToList(),
            [FillingSheets.Items] = ItemRows(plan, targets),
            [FillingSheets.About] = AboutRows(plan, unit, asOf),
        };
        var configuration = new OpenXmlConfiguration { FreezeRowCount = 1, DynamicColumns = Widths, AutoFilter = false };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>The target kinds whose units list items (the count behind 高企, 科技型中小企业, teams).</summary>
    public static bool TakesItems(TargetDefinition target) => target.Kind == TargetKind.Count;

    private static Dictionary<string, object?> FillRow(TemplateTarget t) => Row(
        (FillingSheets.TargetId, t.Target.Id),
        (FillingSheets.TargetName, t.Target.Name),
        (FillingSheets.Measure, t.Target.Measure),
        (FillingSheets.Annual, Math.Round(t.Assignment.Target, 2)),
        (FillingSheets.LastValue, t.LastValue),
        (FillingSheets.LastAsOf, t.LastAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未报送"),
        (FillingSheets.Value, null),
        (FillingSheets.Numerator, null),
        (FillingSheets.Denominator, null),
        (FillingSheets.Correction, null),
        (FillingSheets.Note, null),
        (FillingSheets.Hint, Hint(t.Target)));

    private static string Hint(TargetDefinition target) => target.Kind switch
    {
        TargetKind.Count => $"年初至今累计数（{target.Measure}）；如在“清单”列出明细，系统按清单计数，本期值可不填",
        TargetKind.Growth => $"年初至今累计数（{target.Measure}），不是增速",
        TargetKind.Range => $"年初至今累计数（{target.Measure}）",
        TargetKind.Ratio => $"比率（{target.Measure}）= 分子 ÷ 分母 × {target.RatioScale.ToString(CultureInfo.InvariantCulture)}；三项均须填写",
        TargetKind.Milestone => $"已完成节点数（共 {(target.Milestones.IsDefault ? 0 : target.Milestones.Length)} 个）",
        TargetKind.Rank => "名次（1 为第一）",
        _ => "",
    };

    private static List<Dictionary<string, object?>> ItemRows(PlanDocument plan, IReadOnlyList<TemplateTarget> targets)
    {
        var rows = targets.Where(t => TakesItems(t.Target)).SelectMany(t => t.Items.Select(i => Row(
            (FillingSheets.TargetId, t.Target.Id),
            (FillingSheets.TargetName, t.Target.Name),
            (FillingSheets.ItemName, i.Name),
            (FillingSheets.ItemNumber, i.RegistrationNumber),
            (FillingSheets.ItemStatus, i.Counted ? "已计入" : $"跨单位重复，已由{plan.FindUnit(i.CountedBy!)?.Name ?? i.CountedBy}计入")))).ToList();
        // MiniExcel takes the header from the first row: an empty list would lose it, so an empty row carries it.
        if (rows.Count == 0)
        {
            rows.Add(Row((FillingSheets.TargetId, null), (FillingSheets.TargetName, null), (FillingSheets.ItemName, null),
                (FillingSheets.ItemNumber, null), (FillingSheets.ItemStatus, null)));
        }
        return rows;
    }

    private static List<Dictionary<string, object?>> AboutRows(PlanDocument plan, ReportingUnit unit, DateOnly asOf)
    {
        var lines = new List<(string, string)>
        {
            (FillingSheets.UnitKey, unit.Id),
            (FillingSheets.UnitNameKey, unit.Name),
            (FillingSheets.AsOfKey, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (FillingSheets.PlanKey, $"{plan.City}{plan.Title}（{plan.Id}）"),
            ("填报方法", "在“填报”表的“本期累计值”列填写截至上述日期的年初至今累计数；不填的行不报送。比率类目标同时填写分子、分母。"),
            ("清单", "计数类目标（如新认定高新技术企业、入库科技型中小企业、引进人才团队）可在“清单”表逐条列出：指标编号、名称、登记号或统一社会信用代码。列出清单的目标按清单计数；同时填写本期值时两者须一致。"),
            ("跨单位重复", "同一企业或团队被两个单位填报时，只计入先填报的单位，并提示市科技局核实。已登记的条目不会因删除行而撤销，如需撤销请联系市科技局。"),
            ("更正", "本期值低于上次报送值时，须在“更正”列填“是”，系统保留原报送记录。"),
            ("上传", "填好后在系统中上传本文件。文件整体校验：任何一格有误，整份不予接收，并逐格说明错误所在（如 填报!G7）。重复上传同一文件不会重复记录。"),
            ("注意", "请勿修改表名、表头、指标编号和本表的单位编号、数据截止日期；可以调整行的顺序。"),
        };
        if (plan.SampleSplit) lines.Add(("数据性质", "示例分解：各单位年度目标为示例数据，实际以市科技局下达为准。"));
        return [.. lines.Select(l => Row((FillingSheets.AboutKey, l.Item1), (FillingSheets.AboutValue, l.Item2)))];
    }

    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(cells.Length);
        foreach (var (column, value) in cells) row[column] = value is string s ? SafeText.Cell(s) : value;
        return row;
    }
}
