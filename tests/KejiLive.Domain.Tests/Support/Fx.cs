using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests.Support;

/// <summary>Small factories for instants, reports and evaluations.</summary>
internal static class Fx
{
    public const double Tol = 1e-9;

    /// <summary>An instant at <paramref name="hour"/>:00 Asia/Shanghai on a date.</summary>
    public static DateTimeOffset At(int y, int m, int d, int hour = 12) => new(y, m, d, hour, 0, 0, ShanghaiTime.Offset);

    public static DateTimeOffset At(string date, int hour = 12) => ShanghaiTime.StartOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).AddHours(hour);

    public static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static int _seq;

    /// <summary>A report valid for <paramref name="asOf"/>, received at 18:00 Shanghai that day unless given.</summary>
    public static ReportEntry R(string asOf, double value, DateTimeOffset? receivedAt = null, bool correction = false,
        double? numerator = null, double? denominator = null, string? id = null) =>
        new(id ?? $"r{Interlocked.Increment(ref _seq)}", D(asOf), value, numerator, denominator, correction, null,
            receivedAt ?? ShanghaiTime.StartOf(D(asOf)).AddHours(18), "tester", "test");

    public static TargetEvaluation Eval(PlanDocument plan, string target, string unit, DateTimeOffset now,
        IReadOnlyList<ReportEntry>? reports = null, Light previous = Light.Grey)
    {
        var t = plan.FindTarget(target)!;
        return TargetEvaluator.Evaluate(plan, t, t.AssignmentFor(unit)!, reports ?? [], now, previous);
    }

    public static PlanDocument Plan(Action<System.Text.Json.Nodes.JsonObject> edit, int year = 2025)
    {
        var json = PlanJson.Base(year);
        edit(json);
        return PlanLoader.Parse(json.ToJsonString(), PlanJson.File);
    }
}
