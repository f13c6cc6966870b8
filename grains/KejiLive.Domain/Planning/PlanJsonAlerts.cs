using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using KejiLive.Domain.Alerts;

namespace KejiLive.Domain.Planning;

/// <summary>Reads an optional <c>alerts</c> block (top level or per target), merged field by field over the settings
/// it inherits, and checks the merged settings (<see cref="AlertSettings.Validate"/>): durations above 0 and at most
/// 366 days, reminder gaps non-decreasing, margin below yellowPoints, milestone orange days below milestoneRedDays.
/// Unknown fields in the block are errors (a misspelt setting would otherwise be silently ignored).</summary>
internal static class PlanJsonAlerts
{
    private static readonly string[] Fields =
    [
        "marginPoints", "pendingDays", "holdDays", "fallingFastPoints", "fallingFastWeeks", "milestoneOrangeAfterDays",
        "ackWorkingDays", "reminderDays", "quietHours", "muteNonWorkingDays",
    ];

    private const double MaxDays = 366;

    /// <summary>The settings for <paramref name="obj"/>: its <c>alerts</c> over <paramref name="inherited"/>, checked
    /// against <paramref name="thresholds"/>. <paramref name="parentThresholds"/> (targets only) are the thresholds the
    /// inherited settings were checked against: errors already reported there are not repeated.</summary>
    public static AlertSettings Read(PlanJsonContext ctx, JsonElement obj, string parent, AlertSettings inherited,
        Thresholds thresholds, Thresholds? parentThresholds)
    {
        var path = PlanJsonContext.Join(parent, "alerts");
        var merged = inherited;
        var block = ctx.Object(obj, "alerts", parent, required: false);
        if (block is { } a)
        {
            foreach (var p in a.EnumerateObject())
            {
                if (!Fields.Contains(p.Name))
                    ctx.Error(PlanJsonContext.Join(path, p.Name), $"unknown alerts field '{p.Name}'; allowed: {string.Join(", ", Fields)}");
            }
            merged = new AlertSettings(
                ctx.Number(a, "marginPoints", path, false) ?? inherited.MarginPoints,
                Days(ctx, a, "pendingDays", path) ?? inherited.Pending,
                Days(ctx, a, "holdDays", path) ?? inherited.Hold,
                ctx.Number(a, "fallingFastPoints", path, false) ?? inherited.FallingFastPoints,
                ctx.Integer(a, "fallingFastWeeks", path, false) ?? inherited.FallingFastWeeks,
                ctx.Integer(a, "milestoneOrangeAfterDays", path, false) ?? inherited.MilestoneOrangeAfterDays,
                ctx.Integer(a, "ackWorkingDays", path, false) ?? inherited.AckWorkingDays,
                ReminderDays(ctx, a, path) ?? inherited.Reminders,
                inherited.QuietFrom,
                inherited.QuietUntil,
                ctx.Bool(a, "muteNonWorkingDays", path) ?? inherited.MuteNonWorkingDays);
            if (ctx.Object(a, "quietHours", path, required: false) is { } q)
            {
                var qPath = PlanJsonContext.Join(path, "quietHours");
                merged = merged with
                {
                    QuietFrom = Time(ctx, q, "from", qPath) ?? inherited.QuietFrom,
                    QuietUntil = Time(ctx, q, "until", qPath) ?? inherited.QuietUntil,
                };
            }
        }
        var already = parentThresholds is { } pt ? inherited.Validate(pt).ToHashSet() : [];
        foreach (var (field, message) in merged.Validate(thresholds))
        {
            if (already.Contains((field, message))) continue;
            var suffix = block is null ? " (inherited from the plan's alerts)" : "";
            ctx.Error(PlanJsonContext.Join(path, field), message + suffix);
        }
        return merged;
    }

    private static TimeSpan? Days(PlanJsonContext ctx, JsonElement a, string name, string path)
    {
        var d = ctx.Number(a, name, path, false);
        if (d is null) return null;
        if (d > MaxDays) { ctx.Error(PlanJsonContext.Join(path, name), $"{name} must be at most {MaxDays} days, not {PlanJsonContext.Num(d.Value)}"); return null; }
        return TimeSpan.FromDays(d.Value);
    }

    private static ImmutableArray<TimeSpan>? ReminderDays(PlanJsonContext ctx, JsonElement a, string path)
    {
        if (PlanJsonContext.Prop(a, "reminderDays") is not { } v) return null;
        var field = PlanJsonContext.Join(path, "reminderDays");
        if (v.ValueKind != JsonValueKind.Array) { ctx.Error(field, "'reminderDays' must be an array of days, e.g. [1, 3, 7]"); return null; }
        var list = new List<TimeSpan>();
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            var p = PlanJsonContext.Index(field, i++);
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !double.IsFinite(d)) { ctx.Error(p, "each reminder gap must be a number of days"); return null; }
            if (d > MaxDays) { ctx.Error(p, $"a reminder gap must be at most {MaxDays} days, not {PlanJsonContext.Num(d)}"); return null; }
            list.Add(TimeSpan.FromDays(d));
        }
        return [.. list];
    }

    private static TimeOnly? Time(PlanJsonContext ctx, JsonElement q, string name, string path)
    {
        var s = ctx.String(q, name, path);
        if (s is null) return null;
        if (TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        ctx.Error(PlanJsonContext.Join(path, name), $"'{name}' must be a time written HH:mm (Asia/Shanghai), not '{s}'");
        return null;
    }
}
