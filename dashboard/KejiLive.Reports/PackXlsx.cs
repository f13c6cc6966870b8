using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;
using MiniExcelLibs;

namespace KejiLive.Reports;

/// <summary>The pack as a workbook with the same tables as the HTML: 说明, 汇总, 赛马, 红黄名单, 督办, 未报送, 单位明细, and
/// the week's 审计 (audit) that the HTML leaves out.
/// Numbers are numbers (rates in percent, points in percentage points, both rounded to 2 decimals); every text cell goes
/// through <see cref="SafeCell"/>. <see cref="XlsxMeetingLayout"/> then sets it up for a meeting (frozen header, widths,
/// one decimal on rates and points, A4 landscape printing with the header row repeated).</summary>
internal static class PackXlsx
{
    public static byte[] Render(WeeklyPack pack, int version)
    {
        var units = pack.Units.ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
        var targets = pack.Summary.ToDictionary(r => r.TargetId, r => r.Name, StringComparer.Ordinal);
        var sample = pack.SampleSplit ? "示例数据" : "";
        var sheets = new Dictionary<string, object>
        {
            ["说明"] = About(pack, version),
            ["汇总"] = pack.Summary.Select(r => Row(
                ("目标", r.Name), ("类别", PackHtml.GroupName(r.Group)), ("计量单位", r.Measure), ("年度目标", R(r.Annual)), ("累计完成", R(r.Actual)),
                ("完成率(%)", Pct(r.CompletionRate)), ("序时进度(%)", Pct(r.ScheduleRate)), ("序时进度截至", r.ScheduleDateLatest is { } latest ? $"各单位{ChineseFormat.FullDate(r.ScheduleDate)}至{ChineseFormat.FullDate(latest)}" : ChineseFormat.FullDate(r.ScheduleDate)),
                ("较序时(百分点)", Points(r.GapPoints)),
                ("灯", ChineseFormat.Light(r.Light)), ("较上周完成率(百分点)", Points(r.DeltaPoints)), ("较上周新增", R(r.DeltaValue)),
                ("责任科室", r.Department), ("未报送单位数", r.UnitsNotReported), ("待核实单位数", r.UnitsAwaitingReview),
                ("数据性质", sample))).ToList(),
            ["赛马"] = pack.Ranking.Select(r => Row(
                ("排名", r.Rank), ("单位", r.UnitName), ("得分", r.Score is { } s ? R(s) : null), ("上周排名", r.PreviousRank),
                ("名次变化", r.RankChange), ("红灯", r.Red), ("黄灯", r.Yellow), ("数据性质", sample))).ToList(),
            ["红黄名单"] = pack.Watch.Select(w => Row(
                ("单位", w.UnitName), ("目标", w.TargetName), ("灯", ChineseFormat.Light(w.Light)), ("较序时(百分点)", Points(w.GapPoints)),
                ("差额", w.Shortfall is { } v ? R(v) : null), ("计量单位", w.Measure == "%" ? "个百分点" : w.Measure), ("亮灯起始", ChineseFormat.FullDate(w.Since)),
                ("整改措施", PackHtml.AnswerText(w)), ("承诺时限", w.PromisedBy is { } p ? ChineseFormat.FullDate(p) : null),
                ("数据核实", Review(w.AwaitingReview)), ("数据性质", sample))).ToList(),
            ["督办"] = pack.AlertsOpened.Select(a => Alert(a, "本周新开", units, targets))
                .Concat(pack.AlertsClosed.Select(a => Alert(a, "本周恢复或销号", units, targets))).ToList(),
            ["未报送"] = pack.NotReported.Select(r => Row(
                ("单位", r.UnitName), ("未按期报送的目标", string.Join("、", r.Targets)),
                ("最近报送截至", r.LastReportedAsOf is { } d ? ChineseFormat.FullDate(d) : "从未报送"))).ToList(),
            ["单位明细"] = pack.Units.SelectMany(u => u.Targets.Select(t => Row(
                ("单位", u.Name), ("排名", u.Rank), ("目标", t.TargetName), ("计量单位", t.Measure), ("年度目标", R(t.Annual)),
                ("累计完成", R(t.Actual)), ("完成率(%)", Pct(t.CompletionRate)), ("序时进度(%)", Pct(t.ScheduleRate)),
                ("序时进度截至", ChineseFormat.FullDate(t.ScheduleDate)), ("较序时(百分点)", Points(t.GapPoints)), ("灯", ChineseFormat.Light(t.Light)), ("未报送", t.NotReported ? "是" : "否"),
                ("报送截至", t.ReportedAsOf is { } d ? ChineseFormat.FullDate(d) : null), ("较上周新增", R(t.DeltaValue)),
                ("报送说明", t.Note), ("数据核实", Review(t.AwaitingReview)), ("数据性质", sample)))).ToList(),
            ["审计"] = Audit(pack, units, targets),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return XlsxMeetingLayout.Apply(stream.ToArray());
    }

    private static List<Dictionary<string, object?>> About(WeeklyPack pack, int version)
    {
        var lines = new List<(string, string)>
        {
            ("材料", $"{pack.City}{pack.Title} 周调度材料"),
            ("周次", PackHtml.WeekLabel(pack.Week)),
            ("数据截至", ChineseFormat.Instant(pack.CutOff) + (pack.Final ? "" : "（预览，本周尚未结束）")),
            ("较上周比较时点", ChineseFormat.Instant(pack.PreviousCutOff)),
            ("版本", $"第{version}版"),
            ("赛马评分规则", pack.RankingRule), // once here, not on every 赛马 row
        };
        if (pack.SampleSplit) lines.Add(("数据性质", PackHtml.SampleNotice));
        return [.. lines.Select(l => Row(("项目", l.Item1), ("内容", l.Item2)))];
    }

    /// <summary>Every change of the week, oldest first: who, in which role and unit, from which address, what.
    /// Roles, units, targets and report details in words (<see cref="PackAuditEntry"/>), not codes.</summary>
    private static List<Dictionary<string, object?>> Audit(WeeklyPack pack, IReadOnlyDictionary<string, string> units, IReadOnlyDictionary<string, string> targets)
    {
        string? Unit(string id) => units.GetValueOrDefault(id);
        string? Target(string id) => targets.GetValueOrDefault(id);
        var rows = pack.Audit.Select(a => Row(
            ("序号", a.Seq), ("时间", ChineseFormat.Instant(a.At)), ("操作人", a.Actor), ("角色", a.RoleName), ("所属单位", a.UnitText(Unit)),
            ("来源地址", a.Address), ("操作", a.ActionName), ("对象", a.SubjectText(Target, Unit)), ("内容", a.DetailText))).ToList();
        if (pack.AuditTruncated) rows.Add(Row(("序号", null), ("时间", null), ("操作人", null), ("角色", null), ("所属单位", null),
            ("来源地址", null), ("操作", "（本周记录过多，表中只列前若干条；完整记录见 GET /api/audit）"), ("对象", null), ("内容", null)));
        // An empty sheet still shows its columns, and says the week had no change.
        return rows.Count > 0 ? rows : [Row(("序号", null), ("时间", null), ("操作人", null), ("角色", null), ("所属单位", null),
            ("来源地址", null), ("操作", "本周无变更记录"), ("对象", null), ("内容", null))];
    }

    private static Dictionary<string, object?> Alert(PackAlert a, string kind, IReadOnlyDictionary<string, string> units, IReadOnlyDictionary<string, string> targets) => Row(
        ("类别", kind), ("编号", a.Id), ("单位", units.GetValueOrDefault(a.UnitId, a.UnitId)),
        ("目标", a.TargetId is null ? "各项目标" : targets.GetValueOrDefault(a.TargetId, a.TargetId)), ("事由", a.Rule),
        ("等级", a.Severity), ("状态", PackHtmlAlerts.StateName(a.State)), ("开出时间", ChineseFormat.Instant(a.OpenedAt)),
        ("恢复/销号时间", a.ClosedAt is { } c ? ChineseFormat.Instant(c) : null), ("整改措施", a.Remedy ?? "未答复"),
        ("承诺时限", a.PromisedBy is { } p ? ChineseFormat.FullDate(p) : null));

    /// <summary>A sheet row in column order; text cells made formula-safe.</summary>
    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(cells.Length);
        foreach (var (column, value) in cells) row[column] = value is string s ? SafeCell.Text(s) : value;
        return row;
    }

    /// <summary>数据核实: 待核实 when the row's figure awaits the city office's confirmation, else blank.</summary>
    private static string? Review(bool awaitingReview) => awaitingReview ? DataQuality.AwaitingReviewLabel : null;

    /// <summary>Rounded to 2 decimals; a small negative rounds to 0, never −0 (+ 0.0 turns −0 into 0).</summary>
    private static double R(double v) => Math.Round(v, 2) + 0.0;

    /// <summary>Percentage points, shown with one decimal (<see cref="XlsxMeetingLayout.PointsFormat"/>): under 0.05 either
    /// way is 0, so no cell reads −0.0.</summary>
    private static double Points(double v) => Math.Abs(v) < 0.05 ? 0 : R(v);

    private static double Pct(double fraction) => Math.Round(fraction * 100, 2) + 0.0;
}
