using KejiLive.Dashboard.Security;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Alerts;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The query string of <c>GET /api/alerts</c> and <c>GET /api/alerts/summary</c>, checked: filters (unit,
/// target, state, severity), order and paging. A unit user's query is its own unit's (asking for another is refused).</summary>
internal static class AlertListQuery
{
    /// <summary>The largest page <c>GET /api/alerts</c> answers with when asked for one (without <c>limit</c>: all).</summary>
    public const int MaxPageSize = 1000;

    public static readonly string[] States = ["open", "acknowledged", "resolved", "closed", "live"];
    private static readonly string[] Severities = ["yellow", "orange", "red"];
    private static readonly string[] Orders = [AlertOrders.Changed, AlertOrders.Urgent];

    /// <summary>The query, or the problem to answer; <paramref name="none"/> is true for a unit user whose token names
    /// no unit (it sees nothing).</summary>
    public static IResult? TryRead(AlertQueryText text, HttpContext http, PlanDocument plan, out AlertPageQuery query, out bool none)
    {
        var (unit, target, state, severity, order, _, _) = text;
        var errors = new List<FieldError>();
        if (unit is not null && plan.FindUnit(unit) is null) errors.Add(new FieldError("unit", $"没有单位 {unit}。"));
        if (target is not null && plan.FindTarget(target) is null) errors.Add(new FieldError("target", $"没有目标 {target}。"));
        if (state is not null && !States.Contains(state)) errors.Add(new FieldError("state", $"状态须为 {string.Join(" | ", States)}（live：待答复与已答复）。"));
        if (severity is not null && !Severities.Contains(severity)) errors.Add(new FieldError("severity", $"严重程度须为 {string.Join(" | ", Severities)}。"));
        if (order is not null && !Orders.Contains(order)) errors.Add(new FieldError("order", $"排序须为 {string.Join(" | ", Orders)}（urgent：最紧急在前）。"));
        var (from, take) = PageQuery.Read(text.Offset, text.Limit, MaxPageSize, errors);
        query = new AlertPageQuery { Unit = unit, Target = target, State = state, Severity = severity, Order = order ?? AlertOrders.Changed, Offset = from, Limit = take };
        none = false;
        if (errors.Count > 0) return Problems.Invalid(errors, "查询条件无效");
        // A unit user sees its own 督办 only: without a unit filter the list is its unit's; asking for another is refused.
        if (http.User.RoleOf() == Role.Unit)
        {
            var own = http.User.UnitOf();
            if (unit is not null && unit != own) return Problems.Forbidden("unit", $"单位用户只能查看本单位的督办；{UnitText.Of(plan, unit)}不是本单位。");
            none = own is null;
            query = query with { Unit = own };
        }
        return null;
    }
}

/// <summary>The query string of an alert list as sent (each null when absent).</summary>
internal sealed record AlertQueryText(string? Unit, string? Target, string? State, string? Severity, string? Order, string? Offset, string? Limit);
