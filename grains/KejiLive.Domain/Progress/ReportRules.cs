using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>What a report must satisfy before it is accepted. Messages are Chinese (read by the units' officials);
/// field names are the JSON names: reportId, target, unit, asOf, value, numerator, denominator, note.</summary>
public static class ReportRules
{
    /// <summary>How to correct an earlier figure, said for both ways of reporting (the Excel 填报表 and the API).</summary>
    internal const string CorrectionHint = "如需更正，请标为更正（填报表“更正”列填“是”；接口 correction 为 true）";

    /// <summary>Longest accepted reportId, in UTF-16 characters.</summary>
    public const int MaxReportIdLength = 100;

    /// <summary>Longest accepted note, in UTF-16 characters.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>Checks a draft against the plan and the clock (no history): required fields, known target and unit,
    /// the unit holds a share of the target, asOf inside the plan year and not after today (Asia/Shanghai), a finite,
    /// non-negative, not absurd value, ratio numerator/denominator. Empty when valid; otherwise every error found.</summary>
    public static ImmutableArray<FieldError> Validate(PlanDocument plan, ReportDraft draft, DateTimeOffset now)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        CheckReportId(draft.ReportId, errors);

        TargetDefinition? target = null;
        if (string.IsNullOrWhiteSpace(draft.Target)) errors.Add(new("target", "缺少目标（target）"));
        else if ((target = plan.FindTarget(draft.Target)) is null) errors.Add(new("target", $"未知目标“{draft.Target}”"));

        Assignment? assignment = null;
        if (string.IsNullOrWhiteSpace(draft.Unit)) errors.Add(new("unit", "缺少报送单位（unit）"));
        else if (plan.FindUnit(draft.Unit) is null) errors.Add(new("unit", $"未知单位“{draft.Unit}”"));
        else if (target is not null && (assignment = target.AssignmentFor(draft.Unit)) is null)
            errors.Add(new("unit", $"{plan.FindUnit(draft.Unit)!.Name}（{draft.Unit}）未承担目标“{target.Name}”的任务，不能报送"));

        CheckAsOf(plan, draft.AsOf, now, errors);
        CheckValue(target, assignment, draft.Value, errors);
        if (target is not null) CheckParts(target, draft, errors);
        if (draft.Note is { Length: > MaxNoteLength }) errors.Add(new("note", $"备注不能超过 {MaxNoteLength} 个字符（当前 {draft.Note.Length} 个）"));
        return errors.ToImmutable();
    }

    /// <summary>Checks an accepted-shape report against the unit's history: a cumulative value may not go down
    /// (nor exceed a later report's value) unless it is a correction. Null when acceptable.</summary>
    public static FieldError? CheckHistory(TargetDefinition target, IReadOnlyList<ReportEntry> history, ReportEntry candidate)
    {
        if (!target.IsCumulative || candidate.Correction) return null;
        ReportEntry? prev = null, next = null;
        foreach (var e in ReportSeries.Effective(history))
        {
            if (e.AsOf <= candidate.AsOf) prev = e;
            else if (next is null) next = e;
        }
        if (prev is not null && candidate.Value < prev.Value)
            return new FieldError("value", $"累计值不能低于 {prev.AsOf:yyyy-MM-dd} 已报送的 {Num(prev.Value)}；{CorrectionHint}");
        if (next is not null && candidate.Value > next.Value)
            return new FieldError("value", $"累计值不能高于 {next.AsOf:yyyy-MM-dd}（在本次 {candidate.AsOf:yyyy-MM-dd} 之后）已报送的 {Num(next.Value)}；{CorrectionHint}");
        return null;
    }

    private static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static void CheckReportId(string? id, ImmutableArray<FieldError>.Builder errors)
    {
        if (id is null) errors.Add(new("reportId", "缺少报送编号（reportId）"));
        else if (string.IsNullOrWhiteSpace(id)) errors.Add(new("reportId", "报送编号（reportId）不能为空白"));
        else if (id.Length > MaxReportIdLength) errors.Add(new("reportId", $"报送编号（reportId）不能超过 {MaxReportIdLength} 个字符（当前 {id.Length} 个）"));
        else if (id.Any(char.IsControl)) errors.Add(new("reportId", "报送编号（reportId）不能包含控制字符"));
    }

    private static void CheckAsOf(PlanDocument plan, DateOnly? asOf, DateTimeOffset now, ImmutableArray<FieldError>.Builder errors)
    {
        var today = ShanghaiTime.DateOf(now);
        if (asOf is not { } d) errors.Add(new("asOf", "缺少数据截止日期（asOf）"));
        else if (d.Year != plan.Year) errors.Add(new("asOf", $"数据截止日期 {d:yyyy-MM-dd} 不在计划年度 {plan.Year} 年内"));
        else if (d > today) errors.Add(new("asOf", $"数据截止日期 {d:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}），不能报送未来的数据"));
    }

    private static void CheckValue(TargetDefinition? target, Assignment? assignment, double? value, ImmutableArray<FieldError>.Builder errors)
    {
        if (value is not { } v) { errors.Add(new("value", "缺少报送数值（value）")); return; }
        if (!double.IsFinite(v)) { errors.Add(new("value", "报送数值必须是有限的数字")); return; }
        if (v < 0) { errors.Add(new("value", $"报送数值不能为负数（{Num(v)}）")); return; }
        if (target is null) return;
        switch (target.Kind)
        {
            case TargetKind.Count or TargetKind.Growth or TargetKind.Range when assignment is not null:
                var max = Math.Max(10 * assignment.Target, assignment.Target + 1000);
                if (v > max) errors.Add(new("value", $"报送数值 {Num(v)} 明显超出合理范围（任务目标 {Num(assignment.Target)}{target.Measure}，上限 {Num(max)}），请核对单位和数值"));
                break;
            case TargetKind.Ratio:
                if (v > target.RatioScale) errors.Add(new("value", $"比率 {Num(v)} 超过上限 {Num(target.RatioScale)}"));
                break;
            case TargetKind.Rank:
                if (v != Math.Floor(v) || v < 1 || v > 100) errors.Add(new("value", $"名次必须是 1 到 100 之间的整数（收到 {Num(v)}）"));
                break;
            case TargetKind.Milestone:
                var count = target.Milestones.IsDefault ? 0 : target.Milestones.Length;
                if (v != Math.Floor(v) || v > count) errors.Add(new("value", $"已完成节点数必须是 0 到 {count} 之间的整数（收到 {Num(v)}）"));
                break;
        }
    }

    private static void CheckParts(TargetDefinition target, ReportDraft draft, ImmutableArray<FieldError>.Builder errors)
    {
        if (target.Kind != TargetKind.Ratio)
        {
            if (draft.Numerator is not null) errors.Add(new("numerator", $"“{target.Name}”不是比率类目标，不应填写分子"));
            if (draft.Denominator is not null) errors.Add(new("denominator", $"“{target.Name}”不是比率类目标，不应填写分母"));
            return;
        }
        var okN = false;
        var okD = false;
        if (draft.Numerator is not { } n) errors.Add(new("numerator", "比率类目标必须填写分子"));
        else if (!double.IsFinite(n)) errors.Add(new("numerator", "分子必须是有限的数字"));
        else if (n < 0) errors.Add(new("numerator", $"分子不能为负数（{Num(n)}）"));
        else okN = true;
        if (draft.Denominator is not { } d) errors.Add(new("denominator", "比率类目标必须填写分母"));
        else if (!double.IsFinite(d)) errors.Add(new("denominator", "分母必须是有限的数字"));
        else if (d <= 0) errors.Add(new("denominator", $"分母必须大于 0（{Num(d)}）"));
        else okD = true;
        if (okN && okD && draft.Value is { } v && double.IsFinite(v))
        {
            var implied = draft.Numerator!.Value / draft.Denominator!.Value * target.RatioScale;
            if (Math.Abs(v - implied) > Math.Max(0.01 * Math.Abs(v), 0.01))
                errors.Add(new("value", $"报送比率 {Num(v)} 与分子/分母不一致：{Num(draft.Numerator.Value)} ÷ {Num(draft.Denominator.Value)} × {Num(target.RatioScale)} = {implied.ToString("0.####", CultureInfo.InvariantCulture)}"));
        }
    }
}
