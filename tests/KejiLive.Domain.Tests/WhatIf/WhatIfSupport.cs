using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.WhatIf;

namespace KejiLive.Domain.Tests.WhatIf;

/// <summary>The what-if scenario: the test plan's hi-tech target (100, linear, yellow at −5 points, red at −30) with four
/// counted units that reported on 30 June and are judged on 1 July.</summary>
internal static class WhatIfSupport
{
    public static readonly DateTimeOffset Now = Fx.At("2025-07-01");

    /// <summary>30 June's share of a linear year.</summary>
    public const double S = 181.0 / 365;

    /// <summary>360702 20 of 40 (green), 360703 5 of 30 (red), 360704 10 of 20 (green), jkq 5 of 10 (green); gxq (overlay) 4.</summary>
    public static readonly IReadOnlyDictionary<string, double> Actuals = new Dictionary<string, double>
    {
        ["360702"] = 20, ["360703"] = 5, ["360704"] = 10, ["jkq"] = 5, ["gxq"] = 4,
    };

    /// <summary>The plan, with hi-tech measured in 亿元 (no whole items) unless <paramref name="measure"/> says otherwise.</summary>
    public static PlanDocument Plan(string measure = "亿元") =>
        Fx.Plan(j => j.Set("targets[0].measure", $"\"{measure}\""));

    public static Dictionary<string, IReadOnlyList<ReportEntry>> Histories() =>
        Actuals.ToDictionary(a => a.Key, a => (IReadOnlyList<ReportEntry>)[Fx.R("2025-06-30", a.Value, id: "wi-" + a.Key)], StringComparer.Ordinal);

    /// <summary>Every unit judged now, as the city roll-up holds them.</summary>
    public static List<UnitResult> Current(PlanDocument plan)
    {
        var target = plan.FindTarget("hi-tech")!;
        var histories = Histories();
        return [.. target.Assignments.Select(a => new UnitResult(a.UnitId,
            TargetEvaluator.Evaluate(plan, target, a, histories[a.UnitId], Now, Light.Grey)))];
    }

    public static WhatIfOutcome Compute(PlanDocument plan, WhatIfProposal proposal, string target = "hi-tech") =>
        WhatIfCalculator.Compute(plan, plan.FindTarget(target)!, proposal, Current(plan), Histories(), Now, Light.Yellow);

    /// <summary>"360702=5,360704=0.5s": receivers with an amount, or a share when the number ends in s.</summary>
    public static ImmutableArray<WhatIfMove> To(string spec) =>
        spec.Length == 0 ? [] : [.. spec.Split(',').Select(part =>
        {
            var (unit, value) = (part.Split('=')[0], part.Split('=')[1]);
            return value.EndsWith('s')
                ? new WhatIfMove(unit, null, double.Parse(value[..^1], CultureInfo.InvariantCulture))
                : new WhatIfMove(unit, double.Parse(value, CultureInfo.InvariantCulture), null);
        })];
}
