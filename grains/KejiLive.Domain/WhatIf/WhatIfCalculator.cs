using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.WhatIf;

/// <summary>Computes a proposed reallocation (<see cref="WhatIfProposal"/>) without changing the plan: every touched unit
/// is judged twice by the existing rules (<see cref="TargetEvaluator"/>) on its own reports at the same instant, once on
/// its current annual target and once on the proposed one, and the city is rolled up (<see cref="CityRollUp"/>) over the
/// untouched units' current judgements plus the touched units' before or after judgements. So a difference between the
/// two sides comes from the proposal alone.</summary>
/// <remarks>Both sides start from the light each unit (and the city) shows now, so hysteresis applies as it would; the
/// dwell time (<see cref="LightDwell"/>) does not, as its since-time belongs to the light shown, not to a proposal. Both
/// sides forecast with what the unit's other targets say of its pace, as the target page does (a proposal changes this
/// target only, so the unit's other targets say the same on both sides).</remarks>
public static class WhatIfCalculator
{
    /// <summary>The units a proposal touches: the source, then the receivers in order.</summary>
    public static ImmutableArray<string> Touched(WhatIfProposal proposal) =>
        [proposal.From, .. (proposal.To.IsDefault ? [] : proposal.To).Select(m => m.Unit)];

    /// <summary>Checks <paramref name="proposal"/> against the plan and the current state (no reports needed).</summary>
    public static ImmutableArray<FieldError> Check(PlanDocument plan, TargetDefinition target, WhatIfProposal proposal, IReadOnlyList<UnitResult> current) =>
        WhatIfRules.Resolve(plan, target, proposal, Find(current, proposal.From)).Errors;

    /// <summary>Computes the proposal at <paramref name="now"/>.</summary>
    /// <param name="current">Every unit's current judgement of the target (as the city roll-up holds them).</param>
    /// <param name="histories">The reports of each touched unit (<see cref="Touched"/>).</param>
    /// <param name="cityPrevious">The light the city shows now (hysteresis of the city's light).</param>
    /// <param name="unitPaces">What each touched unit's other targets say of its pace (<see cref="UnitPace.Borrow"/>), as
    /// its unit grain lends it to the target page's forecast; a unit not in it is forecast on the plan's pace alone.</param>
    public static WhatIfOutcome Compute(
        PlanDocument plan,
        TargetDefinition target,
        WhatIfProposal proposal,
        IReadOnlyList<UnitResult> current,
        IReadOnlyDictionary<string, IReadOnlyList<ReportEntry>> histories,
        DateTimeOffset now,
        Light cityPrevious,
        IReadOnlyDictionary<string, BorrowedPace?>? unitPaces = null)
    {
        var (moved, moves, errors) = WhatIfRules.Resolve(plan, target, proposal, Find(current, proposal.From));
        if (!errors.IsEmpty) return new WhatIfOutcome(null, errors);

        var changes = new Dictionary<string, double>(StringComparer.Ordinal) { [proposal.From] = -moved };
        foreach (var (unit, amount) in moves) changes[unit] = amount;
        var totalChange = moves.Sum(m => m.Amount) - moved;
        var proposed = target with
        {
            CityTarget = target.CityTarget + totalChange,
            Assignments = [.. target.Assignments.Select(a => changes.TryGetValue(a.UnitId, out var d) ? a with { Target = Math.Max(0, a.Target + d) } : a)],
        };

        var lines = ImmutableArray.CreateBuilder<WhatIfUnitLine>();
        var before = new Dictionary<string, TargetEvaluation>(StringComparer.Ordinal);
        var after = new Dictionary<string, TargetEvaluation>(StringComparer.Ordinal);
        foreach (var unit in Touched(proposal))
        {
            var reports = histories.TryGetValue(unit, out var h) ? h : [];
            var previous = new PreviousLight(Find(current, unit)?.Light ?? Light.Grey, null);
            var pace = unitPaces?.GetValueOrDefault(unit);
            var b = TargetEvaluator.Evaluate(plan, target, target.AssignmentFor(unit)!, reports, now, previous, unitPace: pace);
            var a = TargetEvaluator.Evaluate(plan, proposed, proposed.AssignmentFor(unit)!, reports, now, previous, unitPace: pace);
            before[unit] = b;
            after[unit] = a;
            lines.Add(new WhatIfUnitLine(unit, changes[unit], UnitSide(target, b), UnitSide(proposed, a)));
        }

        var cityBefore = CityRollUp.Roll(plan, target, Replace(current, before), now, cityPrevious);
        var cityAfter = CityRollUp.Roll(plan, proposed, Replace(current, after), now, cityPrevious);
        var city = new WhatIfCityLine(CitySide(target, cityBefore), CitySide(proposed, cityAfter), cityBefore.UnitsRed, cityAfter.UnitsRed);
        return new WhatIfOutcome(
            new WhatIfResult(target.Id, PlanCurve.JudgedDate(plan.Year, now), proposal.From, moved, totalChange, lines.ToImmutable(), city),
            []);
    }

    /// <summary>Whether the forecast makes the annual target: its point value reaches it, only its range does, or not even
    /// its high end; unknown without a forecast.</summary>
    public static YearEndOutlook OutlookOf(TargetEvaluation evaluation)
    {
        if (evaluation.Forecast is not { } f) return YearEndOutlook.Unknown;
        var slack = 1e-9 * Math.Max(1, Math.Abs(evaluation.AnnualTarget));
        if (f.Value >= evaluation.AnnualTarget - slack) return YearEndOutlook.Reach;
        return f.High < evaluation.AnnualTarget - slack ? YearEndOutlook.Miss : YearEndOutlook.AtRisk;
    }

    /// <summary>预计能完成 | 有风险 | 预计难完成 | 暂无预测.</summary>
    public static string OutlookName(YearEndOutlook outlook) => outlook switch
    {
        YearEndOutlook.Reach => "预计能完成",
        YearEndOutlook.AtRisk => "有风险",
        YearEndOutlook.Miss => "预计难完成",
        _ => "暂无预测",
    };

    private static WhatIfSide UnitSide(TargetDefinition target, TargetEvaluation e) =>
        new(e, OutlookOf(e), e.Explanation ?? $"较序时{P(e.GapPoints)}个百分点，判为{TargetEvaluator.LightName(e.Light)}。",
            Views.UnitContribution.ShortfallOf(target, e));

    /// <summary>The city's light with its reason: the roll-up's own (<see cref="CityLight"/>: the whole items each unit owes,
    /// or not red while no unit is) when it gave one, else said from the city's figures; then its red units and forecast.</summary>
    private static WhatIfSide CitySide(TargetDefinition target, CityEvaluation roll)
    {
        var e = roll.City;
        var outlook = OutlookOf(e);
        var units = $"红灯单位{roll.UnitsRed}个，各单位预测合计{OutlookName(outlook)}。";
        var why = e.Light == Light.Grey
            ? "全市尚无报送，暂无可评判的数据。"
            : e.Explanation is { } own
                ? $"{own}全市判为{TargetEvaluator.LightName(e.Light)}；{units}"
                : $"全市合计较序时{P(e.GapPoints)}个百分点（黄灯线−{P(target.Thresholds.YellowPoints)}、红灯线−{P(target.Thresholds.RedPoints)}），" +
                  $"按全市合计判为{TargetEvaluator.LightName(e.Light)}，不取最差单位；{units}";
        return new WhatIfSide(e, outlook, why, roll.Shortfalls.Sum(s => s.Amount));
    }

    private static List<UnitResult> Replace(IReadOnlyList<UnitResult> current, IReadOnlyDictionary<string, TargetEvaluation> touched)
    {
        var list = current.Select(u => touched.TryGetValue(u.UnitId, out var e) ? new UnitResult(u.UnitId, e) : u).ToList();
        // A touched unit the caller's list lacks is still counted.
        foreach (var (unit, e) in touched)
        {
            if (!current.Any(u => u.UnitId == unit)) list.Add(new UnitResult(unit, e));
        }
        return list;
    }

    private static TargetEvaluation? Find(IReadOnlyList<UnitResult> current, string unit) =>
        current.FirstOrDefault(u => u.UnitId == unit)?.Evaluation;

    private static string P(double points) => Math.Round(points, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
