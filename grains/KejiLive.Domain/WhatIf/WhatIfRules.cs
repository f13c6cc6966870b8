using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.WhatIf;

/// <summary>Checks a proposal against the plan and resolves it into amounts per receiving unit. Only counts, ranges and
/// growth targets are split over units in amounts; the source and every receiver must be distinct units of the plan that
/// hold a share of the target and are counted in the city total (an overlay is not); amounts are finite and never
/// negative, shares lie in 0–1; the source cannot give more than its annual target; items (家、个、项、名、人) move in
/// whole items; and unless <see cref="WhatIfProposal.ChangesCityTotal"/> is set, what the receivers take adds up to
/// what the source gives.</summary>
public static class WhatIfRules
{
    /// <summary>Most receiving units one proposal may name.</summary>
    public const int MaxReceivers = 50;

    /// <summary>Relative tolerance when sums of amounts are compared.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>The amount moved off the source and the amount each receiver takes (proposal order), or the errors.</summary>
    /// <param name="sourceNow">The source unit's current judgement (its 差额 as the target page lists it is the default
    /// amount); null when unknown.</param>
    public static (double Moved, ImmutableArray<(string Unit, double Amount)> Moves, ImmutableArray<FieldError> Errors) Resolve(
        PlanDocument plan, TargetDefinition target, WhatIfProposal proposal, TargetEvaluation? sourceNow)
    {
        var errors = new List<FieldError>();
        if (target.Kind is not (TargetKind.Count or TargetKind.Range or TargetKind.Growth))
        {
            errors.Add(new FieldError("target", $"目标“{target.Name}”是{KindName(target.Kind)}，不按数量分解到单位，不能调剂。"));
            return (0, [], [.. errors]);
        }
        var source = CheckUnit(plan, target, proposal.From, "from", errors);
        var to = proposal.To.IsDefault ? [] : proposal.To;
        if (to.IsEmpty) errors.Add(new FieldError("to", "请至少填写一个承接单位。"));
        if (to.Length > MaxReceivers) errors.Add(new FieldError("to", $"承接单位最多 {MaxReceivers} 个（当前 {to.Length} 个）。"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < to.Length && i < MaxReceivers; i++)
        {
            var m = to[i];
            var field = $"to[{i}]";
            if (CheckUnit(plan, target, m.Unit, field + ".unit", errors) is not null)
            {
                if (m.Unit == proposal.From) errors.Add(new FieldError(field + ".unit", $"承接单位不能是调出单位 {proposal.From} 本身。"));
                else if (!seen.Add(m.Unit)) errors.Add(new FieldError(field + ".unit", $"单位 {m.Unit} 重复出现，请合并为一行。"));
            }
            if (m.Amount is null == m.Share is null)
                errors.Add(new FieldError(field, "每个承接单位须填写数量或比例，二者选一。"));
            else if (m.Amount is { } a && !(double.IsFinite(a) && a >= 0))
                errors.Add(new FieldError(field + ".amount", "承接数量须为不小于 0 的数。"));
            else if (m.Share is { } s && !(double.IsFinite(s) && s is >= 0 and <= 1))
                errors.Add(new FieldError(field + ".share", "承接比例须在 0 到 1 之间（0.5 表示一半）。"));
        }

        double moved = 0;
        if (proposal.Amount is { } amount)
        {
            if (!double.IsFinite(amount) || amount <= 0) errors.Add(new FieldError("amount", "调出数量须为大于 0 的数。"));
            else moved = amount;
        }
        else if (source is not null)
        {
            // The 差额 the target page lists for the unit (already whole items for item measures).
            var shortfall = sourceNow is null ? 0 : Views.UnitContribution.ShortfallOf(target, sourceNow);
            if (shortfall <= 0)
                errors.Add(new FieldError("amount", $"{UnitName(plan, proposal.From)}当前没有差额（已达序时进度），请填写调出数量。"));
            else moved = shortfall;
        }
        if (source is not null && moved > source.Target + (Tolerance * Math.Max(1, source.Target)))
        {
            errors.Add(new FieldError("amount", $"调出数量 {N(moved)} 超过{UnitName(plan, proposal.From)}的年度目标 {N(source.Target)}{target.Measure}。"));
        }
        if (errors.Count > 0) return (0, [], [.. errors]);

        var moves = to.Select(m => (m.Unit, m.Amount ?? (m.Share!.Value * moved))).ToImmutableArray();
        if (ItemRules.IsWhole(target))
        {
            if (!IsWhole(moved)) errors.Add(new FieldError("amount", $"“{target.Name}”以{target.Measure}计，须按整数调剂（调出 {N(moved)}）。"));
            for (var i = 0; i < moves.Length; i++)
            {
                if (!IsWhole(moves[i].Item2))
                    errors.Add(new FieldError($"to[{i}]", $"“{target.Name}”以{target.Measure}计，须按整数调剂：{UnitName(plan, moves[i].Unit)}分得 {N(moves[i].Item2)}，请改填整数数量。"));
            }
        }
        var taken = moves.Sum(m => m.Item2);
        if (!proposal.ChangesCityTotal && Math.Abs(taken - moved) > Tolerance * Math.Max(1, moved))
        {
            errors.Add(new FieldError("to", $"承接合计 {N(taken)} 与调出 {N(moved)} 不等：调剂不改变全市总量。如确需调整全市目标，请勾选“改变全市总量”（接口 changesCityTotal 为 true）。"));
        }
        return errors.Count > 0 ? (0, [], [.. errors]) : (moved, moves, []);
    }

    /// <summary>The unit's assignment, or null with an error when the unit is unknown, holds no share, or is an overlay.</summary>
    private static Assignment? CheckUnit(PlanDocument plan, TargetDefinition target, string? unitId, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(unitId))
        {
            errors.Add(new FieldError(field, "请填写单位代码。"));
            return null;
        }
        var unit = plan.FindUnit(unitId);
        if (unit is null)
        {
            errors.Add(new FieldError(field, $"没有单位 {unitId}。"));
            return null;
        }
        if (unit.Kind == UnitKind.Overlay)
        {
            errors.Add(new FieldError(field, $"{unit.Name}叠加显示、不计入全市合计，不能参与调剂。"));
            return null;
        }
        var assignment = target.AssignmentFor(unitId);
        if (assignment is null) errors.Add(new FieldError(field, $"{unit.Name}（{unitId}）不承担目标“{target.Name}”。"));
        return assignment;
    }

    internal static string UnitName(PlanDocument plan, string unitId) => plan.FindUnit(unitId)?.Name ?? unitId;

    private static bool IsWhole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9;

    /// <summary>A number as written in a message: up to two decimals, no grouping.</summary>
    internal static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string KindName(TargetKind kind) => kind switch
    {
        TargetKind.Ratio => "比值类指标",
        TargetKind.Rank => "排名类指标",
        TargetKind.Milestone => "节点任务",
        _ => "此类指标",
    };
}
