using System.Globalization;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The data-quality check run on every accepted report. A report far outside its unit's history is still
/// accepted and counts in the light, but it is marked 待核实 (awaiting review) until the city office confirms it or the
/// unit corrects it; while the value a judgement rests on is 待核实, the lag alerts (behind, will-miss, falling-fast)
/// neither open nor move (<see cref="Alerts.TargetAlerts"/>).</summary>
/// <remarks>
/// The rule, for cumulative counts and amounts (count, range and growth targets; ratios, ranks and milestones are not
/// checked: they are bounded by <see cref="ReportRules"/> and move legitimately in steps):
/// <list type="bullet">
/// <item>The history is the unit's <em>trusted</em> effective series: reports not themselves awaiting review. The report
/// is compared with the newest trusted report dated before it (<c>prev</c>). Without one (the unit's first report, or
/// only unconfirmed ones before it) there is no history to be outside of: nothing is marked (the plausibility bound of
/// <see cref="ReportRules"/> still applies).</item>
/// <item><b>Drop</b>: the value is lower than <c>prev</c> (only a correction may do that) by more than
/// <see cref="DataQualitySettings.DropShare"/> × the unit's annual target.</item>
/// <item><b>Jump</b>: the rise since <c>prev</c> exceeds both k × max(history pace, plan pace) and
/// <see cref="DataQualitySettings.JumpShare"/> × the annual target, where k = <see cref="DataQualitySettings.JumpFactor"/>,
/// history pace = the fastest rise per day between consecutive trusted reports (the year starts at 0 on 31 Dec of the
/// year before) times the days since <c>prev</c>, and plan pace = what the target's plan curve adds over the same days
/// (so batches the plan expects, such as 高企 certified in September, are not jumps).</item>
/// </list>
/// A 待核实 report is settled by the city office's confirmation, or by a later report that replaces it (same date) or
/// corrects it (a correction dated the same day or later): see <see cref="Settles"/>.
/// </remarks>
public static class DataQuality
{
    /// <summary>The label shown beside a value awaiting confirmation.</summary>
    public const string AwaitingReviewLabel = "待核实";

    /// <summary>The label of a report the city office confirmed.</summary>
    public const string ConfirmedLabel = "已核实";

    private const double Eps = 1e-9;

    /// <summary>True for the kinds the check applies to: count, range and growth.</summary>
    public static bool IsChecked(TargetKind kind) => kind is TargetKind.Count or TargetKind.Range or TargetKind.Growth;

    /// <summary>Checks <paramref name="candidate"/> against the unit's earlier reports (<paramref name="history"/>, as
    /// stored, entries awaiting review marked <see cref="ReportEntry.AwaitingReview"/>). Null when the report is within
    /// the history; otherwise why it is 待核实.</summary>
    public static QualityFinding? Check(TargetDefinition target, Assignment assignment, IReadOnlyList<ReportEntry> history,
        ReportEntry candidate, DataQualitySettings settings)
    {
        var annual = assignment.Target;
        if (!IsChecked(target.Kind) || !(annual > 0)) return null;
        var trusted = ReportSeries.Effective(TrustedBefore(history, candidate.ReportId));
        // The series is in date order: the reports dated before the candidate are its first ones.
        var earlier = 0;
        while (earlier < trusted.Length && trusted[earlier].AsOf < candidate.AsOf) earlier++;
        if (earlier == 0) return null;
        var prev = trusted[earlier - 1];
        var change = candidate.Value - prev.Value;
        if (change < 0)
        {
            var dropAllowance = settings.DropShare * annual;
            if (-change <= dropAllowance + Eps) return null;
            return new QualityFinding(QualityIssue.Drop, change, dropAllowance,
                $"较{ItemRules.Cn(prev.AsOf)}已报送的{Num(prev.Value)}{target.Measure}下降{Num(-change)}{target.Measure}，超过年度任务{Num(annual)}{target.Measure}的{Num(settings.DropShare * 100)}%");
        }
        var days = candidate.AsOf.DayNumber - prev.AsOf.DayNumber;
        var byHistory = FastestPace(trusted, earlier) * days;
        var byPlan = Math.Max(0, PlanCurve.Share(target, assignment, candidate.AsOf) - PlanCurve.Share(target, assignment, prev.AsOf)) * annual;
        var allowance = Math.Max(settings.JumpFactor * Math.Max(byHistory, byPlan), settings.JumpShare * annual);
        if (change <= allowance + Eps) return null;
        return new QualityFinding(QualityIssue.Jump, change, allowance,
            $"较{ItemRules.Cn(prev.AsOf)}已报送的{Num(prev.Value)}{target.Measure}增加{Num(change)}{target.Measure}，超过按历史进度和计划进度估计的{Num(settings.JumpFactor)}倍（可接受增幅{Num(allowance)}{target.Measure}）");
    }

    /// <summary>True when <paramref name="later"/> settles the 待核实 report <paramref name="flagged"/>: another report,
    /// received no earlier, that replaces it (same date) or is a correction dated the same day or later.</summary>
    public static bool Settles(ReportEntry later, ReportEntry flagged) =>
        later.ReportId != flagged.ReportId
        && later.ReceivedAt >= flagged.ReceivedAt
        && (later.AsOf == flagged.AsOf || (later.Correction && later.AsOf > flagged.AsOf));

    /// <summary>True when the judged value rests on a report awaiting review: the newest effective report in
    /// <paramref name="series"/> is 待核实.</summary>
    public static bool RestsOnUnconfirmed(IReadOnlyList<ReportEntry> series) => series.Count > 0 && series[^1].AwaitingReview;

    /// <summary>The history without reports awaiting review and without <paramref name="reportId"/> (a repeat of the
    /// candidate): the list itself when it holds none of them, as the trusted series a grain keeps does.</summary>
    private static IReadOnlyList<ReportEntry> TrustedBefore(IReadOnlyList<ReportEntry> history, string reportId)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].AwaitingReview || history[i].ReportId == reportId)
            {
                return [.. history.Where(e => !e.AwaitingReview && e.ReportId != reportId)];
            }
        }
        return history;
    }

    /// <summary>The fastest rise per day between consecutive reports of a trusted effective series, starting from 0 on
    /// 31 December of the year before the first report. Falls count as 0.</summary>
    internal static double FastestPace(IReadOnlyList<ReportEntry> series) => FastestPace(series, series.Count);

    /// <summary><see cref="FastestPace(IReadOnlyList{ReportEntry})"/> of the first <paramref name="count"/> reports.</summary>
    private static double FastestPace(IReadOnlyList<ReportEntry> series, int count)
    {
        var fastest = 0.0;
        var (date, value) = (new DateOnly(series[0].AsOf.Year - 1, 12, 31), 0.0);
        for (var i = 0; i < count; i++)
        {
            var e = series[i];
            var days = Math.Max(e.AsOf.DayNumber - date.DayNumber, 1);
            fastest = Math.Max(fastest, Math.Max(e.Value - value, 0) / days);
            (date, value) = (e.AsOf, e.Value);
        }
        return fastest;
    }

    private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
