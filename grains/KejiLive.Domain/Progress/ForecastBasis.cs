using System.Globalization;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The year-end forecast explained in one Chinese sentence for the target page (预计依据), from the same inputs
/// <see cref="ForecastModel"/> uses, so the sentence says what the figure was computed from.</summary>
internal static class ForecastBasis
{
    /// <summary>A count, range or growth target: the plan fully due (the value so far), no evidence of the pace yet (the
    /// plan's pace: before the first step, or less than one whole item due), or the pace of the newest figures, plus the
    /// unit's rise on its other targets when it is catching up, shrunk towards the unit's pace on them
    /// (<see cref="UnitPace.Borrow"/>) or the plan's.</summary>
    public static string Cumulative(TargetDefinition target, Assignment assignment, ReportEntry latest, IReadOnlyList<PacedFigure> figures, Forecast forecast,
        BorrowedPace? unit = null)
    {
        var annual = assignment.Target;
        var whole = ItemRules.IsWhole(target);
        var p = PlanCurve.Share(target, assignment, latest.AsOf);
        var value = Amount(forecast.Value, whole, target.Measure);
        var asOf = ItemRules.Cn(latest.AsOf);
        if (p >= 1 - 1e-12) return $"计划已全部到期，年底预计即截至{asOf}的累计{value}。";
        var evidence = whole ? ItemRules.Due(p, annual) >= 1 : p > 0;
        if (!evidence || ForecastModel.FiguresPace(figures, annual, whole) is not { } pace)
        {
            return whole && p > 0
                ? $"截至{asOf}计划应完成不足1{target.Measure}，已报数据尚不反映进度，按计划进度预计年底{value}。"
                : $"截至{asOf}计划尚未要求完成，已报数据尚不反映进度，按计划进度预计年底{value}。";
        }
        var used = figures.Count(f => f.Share > 1e-12);
        var n = Math.Min(used, ForecastModel.PaceFigures);
        var which = n == 1 ? $"截至{asOf}的报送" : $"最近{n}期报送（截至{asOf}）";
        var towards = unit is null ? "计划进度" : $"本单位其他{unit.Targets}项指标的进度{Percent(unit.Level)}";
        if (unit?.Rise is { } rise)
        {
            return $"按{which}完成计划进度的{Percent(pace)}，加本单位其他{unit.RiseTargets}项指标最近一季度快于累计进度的{Points(rise)}个百分点（正在追赶），" +
                $"即按{Percent(pace + rise)}推算余下进度（已报越少越向{towards}靠拢），预计年底{value}。";
        }
        return $"按{which}完成计划进度的{Percent(pace)}推算余下进度（已报越少越向{towards}靠拢），预计年底{value}。";
    }

    /// <summary>A ratio: the newest value, its range narrowing over the year.</summary>
    public static string Ratio(Forecast forecast, double linearShare, string measure)
    {
        var band = 0.05 * (1 - linearShare) * 100;
        return $"按最新一期数值{Amount(forecast.Value, false, measure)}预计，区间为其±{band.ToString("0.#", CultureInfo.InvariantCulture)}%，随年内剩余时间收窄。";
    }

    private static string Percent(double pace) => $"{Points(pace)}%";

    private static string Points(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>"约13个" for whole items (the page shows them without decimals), else "17.08亿元" / "2.15%".</summary>
    private static string Amount(double value, bool whole, string measure) => whole
        ? $"约{Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)}{measure}"
        : $"{value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture)}{measure}";
}
