using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Judges a target × unit at an instant: expected value from the plan curve, 序时进度, 完成率, 较序时,
/// the light (with hysteresis against <c>previous</c>), 未报送, the year-end forecast and the pace needed.</summary>
/// <remarks>
/// <para>The judged date is the Asia/Shanghai date of <c>now</c>, clamped into the plan year. Only reports received at
/// or before <c>now</c> and valid for a date on or before the judged date count, so a past instant can be re-judged.</para>
/// <para>截至数据日期，完成序时进度: a figure describes its report's AsOf, so counts, ranges and growth targets read the plan
/// curve at that date (<see cref="ScheduleDateOf"/>), not at the judged date, as long as the unit is not 未报送; once it
/// is for a second figure (each figure is due on its release date plus the plan's grace days, <see cref="NotReportedRules.IsNotReported"/>),
/// the curve is read at the newest overdue figure's date, so a unit that stops reporting still turns yellow and red as
/// time passes (a unit with no report at all is grey: nothing to judge yet). Expected,
/// 序时进度, 较序时, the light and the city's shortfalls follow that date; the year-end forecast extrapolates from the
/// figure's own date, and the pace needed counts the days left from the judged date to 31 December.</para>
/// </remarks>
public static class TargetEvaluator
{
    public static TargetEvaluation Evaluate(
        PlanDocument plan,
        TargetDefinition target,
        Assignment assignment,
        IReadOnlyList<ReportEntry> reports,
        DateTimeOffset now,
        PreviousLight previous,
        LateRelease? lateRelease = null,
        BorrowedPace? unitPace = null)
    {
        var date = PlanCurve.JudgedDate(plan.Year, now);
        var series = ReportSeries.EffectiveAt(reports, now, date);
        var latest = series.IsEmpty ? null : series[^1];
        // A release late for most units (ReleaseInhibition): this unit is not judged on the missing figure.
        var inhibited = ReleaseInhibition.Covers(lateRelease, target.ReportingCycle, latest?.AsOf);
        var notReported = !inhibited && NotReportedRules.IsNotReported(plan, target, latest?.AsOf, date, latest?.Value ?? 0);
        var evaluation = target.Kind switch
        {
            TargetKind.Count or TargetKind.Range or TargetKind.Growth =>
                Cumulative(target, assignment, series, date, notReported, plan.GraceDays, previous.Light, unitPace),
            TargetKind.Ratio => Ratio(target, assignment, latest, date, previous.Light),
            TargetKind.Rank => Rank(target, assignment, latest, date),
            TargetKind.Milestone => Milestones(target, latest, date, plan.GraceDays, YearOver(plan, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "unknown target kind"),
        };
        // The year-end verdict on milestones is not held by the dwell: no later judgement follows to show it.
        var (light, since, held) = target.Kind == TargetKind.Milestone && YearOver(plan, now)
            ? (evaluation.Light, evaluation.Light == previous.Light ? previous.Since : now, false)
            : LightDwell.Apply(evaluation.Light, previous, now);
        return evaluation with
        {
            Light = light,
            LightSince = since,
            NotReported = notReported,
            AwaitingReview = DataQuality.RestsOnUnconfirmed(series),
            // After the year (the judged date stays 31 December) nothing is "due today" any more.
            DueSoon = YearOver(plan, now) ? null : DueSoon.Of(target, assignment, latest?.Value ?? 0, date),
            Explanation = held
                ? $"灯色{LightDwell.Days}天内至多变化一次（跨两档除外），{ItemRules.Cn(Calendar.ShanghaiTime.DateOf(since!.Value))}起保持{LightName(light)}。"
                : notReported && evaluation.Light != Light.Grey
                    ? $"{evaluation.Explanation}{NotReportedRules.Reason(plan, target, latest?.AsOf, date, latest?.Value ?? 0)}"
                    : inhibited
                        ? $"{evaluation.Explanation}{ReleaseInhibition.UnitNote(lateRelease!, target.ReportingCycle)}"
                        : evaluation.Explanation,
            // The same choice as the sentence's; a late release's note is a remark, not the reason for the light.
            ExplanationCode = held
                ? LightBasis.Held
                : notReported && evaluation.Light != Light.Grey
                    ? LightBasis.WithNotReported(evaluation.ExplanationCode)
                    : evaluation.ExplanationCode,
        };
    }

    internal static string LightName(Light light) => light switch
    {
        Light.Green => "绿灯",
        Light.Yellow => "黄灯",
        Light.Red => "红灯",
        _ => "灰灯",
    };

    /// <summary>The date the plan curve is read at (序时进度截至): for count, range and growth targets the newest figure's
    /// AsOf while the unit is not 未报送 (<paramref name="notReported"/>, as <see cref="NotReportedRules.IsNotReported"/> defines it) or
    /// misses only one figure; the judged date while there is no report (the light is grey then);
    /// when a second figure is overdue too, the newest overdue figure's date (<see cref="ReleaseCalendar.OverdueOn"/>:
    /// a step whose figure is not yet released, or was released within the grace days, does not count), never before the
    /// newest figure's AsOf; the judged <paramref name="date"/> for other kinds (ratios are judged against a flat 100%;
    /// ranks and milestones against the judged date, as a milestone not reported done is not done). Never before
    /// 1 January of the judged date's year nor after <paramref name="date"/>.</summary>
    public static DateOnly ScheduleDateOf(TargetDefinition target, DateOnly? reportedAsOf, bool notReported, DateOnly date, int graceDays = 0)
    {
        if (target.Kind is not (TargetKind.Count or TargetKind.Range or TargetKind.Growth)) return date;
        var first = new DateOnly(date.Year, 1, 1);
        DateOnly at;
        if (reportedAsOf is { } asOf && (!notReported || ReleaseCalendar.OverdueFigures(target.ReportingCycle, asOf, date, graceDays) <= 1))
        {
            // A figure with one newer figure overdue is still judged at its own date: 未报送 shows on its own, it does not
            // move the light.
            at = asOf;
        }
        else if (reportedAsOf is { } seen)
        {
            // Two or more figures overdue: the plan counts up to the newest overdue figure's date.
            var overdue = ReleaseCalendar.OverdueOn(target.ReportingCycle, date, graceDays);
            at = seen > overdue ? seen : overdue;
        }
        else
        {
            // No report: the light is grey (nothing to judge yet); the plan is shown as due today.
            at = date;
        }
        if (at >= date) return date;
        return at < first ? first : at;
    }

    /// <summary>The pace needed to reach <paramref name="target"/> by year end, per 30 days; null when reached.</summary>
    public static double? RequiredPerMonth(double target, double actual, DateOnly date)
    {
        var remaining = target - actual;
        if (remaining <= 0) return null;
        var daysLeft = PlanCurve.DaysInYear(date.Year) - date.DayOfYear;
        return remaining / Math.Max(daysLeft, 1) * 30;
    }

    /// <summary>Light of a count/range/growth figure: hysteresis, grey while nothing is reported and nothing is behind,
    /// red when the year will be missed and half the plan is due.</summary>
    internal static Light CumulativeLight(double gap, double scheduleRate, bool anyReport, bool willMiss, Thresholds thresholds, Light previous)
    {
        var light = UnreportedOr(gap, anyReport, thresholds, previous);
        return willMiss && scheduleRate >= 0.5 ? Light.Red : light;
    }

    /// <summary>Without any report: grey if the raw light is green, else the raw light; with reports: judged with hysteresis.</summary>
    internal static Light UnreportedOr(double gap, bool anyReport, Thresholds thresholds, Light previous)
    {
        if (anyReport) return LightRules.Judge(gap, thresholds, previous);
        var raw = LightRules.Raw(gap, thresholds);
        return raw == Light.Green ? Light.Grey : raw;
    }

    private static TargetEvaluation Cumulative(TargetDefinition target, Assignment assignment, ImmutableArray<ReportEntry> series,
        DateOnly date, bool notReported, int graceDays, Light previous, BorrowedPace? unitPace)
    {
        var latest = series.IsEmpty ? null : series[^1];
        var scheduleDate = ScheduleDateOf(target, latest?.AsOf, notReported, date, graceDays);
        var annual = assignment.Target;
        var actual = latest?.Value ?? 0;
        var s = PlanCurve.Share(target, assignment, scheduleDate);
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - s) * 100;
        var figures = PacedFigures(target, assignment, series);
        var own = UnitPace.FromFigures(target, assignment, series, figures);
        // The unit's other targets move only a forecast that rests on this pair's own figures.
        var unit = own is null ? null : unitPace;
        var forecast = latest is null ? null : ForecastModel.Cumulative(actual, annual, PlanCurve.Share(target, assignment, latest.AsOf), ItemRules.IsWhole(target), figures, unit);
        var enough = ForecastModel.EnoughData(series, target, assignment);
        var willMiss = ForecastModel.WillMiss(forecast, annual) && enough;
        var missesBeyond = enough && ForecastModel.MissesBeyond(forecast, annual, target.Thresholds.YellowPoints, ItemRules.IsWhole(target));
        double? stretch = target.Kind == TargetKind.Range && target.Stretch is { } st && target.CityTarget > 0
            ? st * annual / target.CityTarget
            : null;
        var (light, explanation, code) = latest is null
            ? (Light.Grey, NothingYet(target, date), LightBasis.NoData)
            : CumulativeVerdict(target, assignment, series, date, scheduleDate, gap, s, missesBeyond, previous);
        return new TargetEvaluation(
            date, annual, stretch, actual, s * annual, cr, s, gap, light,
            NotReported: false, latest?.AsOf, forecast, RequiredPerMonth(annual, actual, date), willMiss,
            DaysOverdue: 0, Numerator: null, Denominator: null)
        {
            ScheduleDate = scheduleDate,
            Explanation = explanation,
            ExplanationCode = code,
            ForecastBasis = forecast is null ? null : ForecastBasis.Cumulative(target, assignment, latest!, figures, forecast, unit),
            OwnPace = own,
        };
    }

    /// <summary>The newest figures the point forecast reads its pace from, oldest first, with the plan's share at each
    /// figure's date: up to <see cref="ForecastModel.PaceFigures"/> with a share above zero (a figure before the plan's
    /// first step is no evidence of the pace).</summary>
    internal static List<PacedFigure> PacedFigures(TargetDefinition target, Assignment assignment, IReadOnlyList<ReportEntry> series)
    {
        var figures = new List<PacedFigure>(ForecastModel.PaceFigures);
        for (var i = series.Count - 1; i >= 0 && figures.Count < ForecastModel.PaceFigures; i--)
        {
            var share = PlanCurve.Share(target, assignment, series[i].AsOf);
            if (share <= 1e-12) break;
            figures.Insert(0, new PacedFigure(series[i].Value, share));
        }
        return figures;
    }

    /// <summary>No report yet: nothing to judge (grey), never zero progress.</summary>
    private static string NothingYet(TargetDefinition target, DateOnly date)
    {
        var knowable = ReleaseCalendar.KnowableOn(target.ReportingCycle, date);
        return knowable.Year < date.Year
            ? $"尚无报送，{ReleaseCalendar.Describe(target.ReportingCycle, ReleaseCalendar.PeriodEndOf(target.ReportingCycle, new DateOnly(date.Year, 1, 1)))}，此前不评判。"
            : "尚无报送，暂无可评判的数据（不按零进度判灯）。";
    }

    /// <summary>The light of a reported count, range or growth figure, with its reason: small-number targets in items;
    /// others by 较序时 read in whole items for item measures, with hysteresis; a stale figure (未报送) judged against what
    /// can be known now is at most yellow unless its own date already made it red; a forecast built on enough data whose
    /// whole range misses the target by more than the yellow tolerance turns a yellow red once half the plan is due.</summary>
    private static (Light, string, string) CumulativeVerdict(TargetDefinition target, Assignment assignment, ImmutableArray<ReportEntry> series, DateOnly date,
        DateOnly scheduleDate, double gap, double s, bool willMiss, Light previous)
    {
        var latest = series[^1];
        var annual = assignment.Target;
        var stale = scheduleDate > latest.AsOf;
        var pending = PendingStep(target, assignment, scheduleDate, date);
        if (ItemRules.IsSmall(target, annual))
        {
            var (itemLight, why) = ItemRules.Judge(target, assignment, latest.Value, scheduleDate);
            if (stale && itemLight == Light.Red && ItemRules.Judge(target, assignment, latest.Value, latest.AsOf).Light != Light.Red) itemLight = Light.Yellow;
            return (itemLight, pending is null ? why : $"{why}{pending}", LightBasis.WholeItems);
        }
        var judged = LightGap(target, assignment, latest.Value, s);
        var light = LightRules.Judge(judged, target.Thresholds, previous);
        if (stale && light == Light.Red)
        {
            var own = LightGap(target, assignment, latest.Value, PlanCurve.Share(target, assignment, latest.AsOf));
            if (LightRules.Judge(own, target.Thresholds, previous) != Light.Red) light = Light.Yellow;
        }
        if (willMiss && s >= 0.5 && light == Light.Yellow)
        {
            return (Light.Red, ItemRules.IsWhole(target) && annual * target.Thresholds.YellowPoints / 100 < 1
                ? string.Create(CultureInfo.InvariantCulture, $"较序时{gap:0.#}个百分点，且按已报数据预计年底难以完成（预计区间上限比目标少1项以上）。")
                : string.Create(CultureInfo.InvariantCulture, $"较序时{gap:0.#}个百分点，且按已报数据预计年底难以完成（预计区间上限低于目标{target.Thresholds.YellowPoints:0.#}%以上）。"),
                LightBasis.WillMiss);
        }
        if (light == Light.Yellow && !stale && RecentPace.CatchingUp(target, assignment, series, out var pace))
        {
            return (Light.Green, string.Create(CultureInfo.InvariantCulture, $"较序时{gap:0.#}个百分点，但最近一期完成计划进度的{pace * 100:0}%，按此进度年底可完成目标，不判黄。"), LightBasis.CatchingUp);
        }
        var note = WholeItemNote(target, assignment, latest.Value, s, gap, judged);
        var reason = string.Create(CultureInfo.InvariantCulture, $"较序时{gap:0.#}个百分点，按截至{ItemRules.Cn(scheduleDate)}的序时进度判断。{note}");
        var code = note.Length > 0 ? LightBasis.ItemCount : pending is null ? LightBasis.Gap : LightBasis.ReleasePending;
        return (light, pending is null ? reason : $"{reason}{pending}", code);
    }

    /// <summary>For item measures whose light is judged on a gap (<see cref="LightGap"/>) in another band than the 较序时
    /// shown, the sentence that says how: a −34 beside a yellow (red line −30) read as a wrong light without it. Empty
    /// otherwise.</summary>
    private static string WholeItemNote(TargetDefinition target, Assignment assignment, double actual, double share, double gap, double judged)
    {
        if (!ItemRules.IsWhole(target) || assignment.Target <= 0) return "";
        if (LightRules.Raw(judged, target.Thresholds) == LightRules.Raw(gap, target.Thresholds)) return "";
        var m = target.Measure;
        var annual = assignment.Target;
        return HalfItemReading(target, annual, actual, share)
            ? string.Create(CultureInfo.InvariantCulture, $"灯色按已完成{actual:0.#}{m}加在办的半{m}计，较序时{judged:0.#}个百分点。")
            : string.Create(CultureInfo.InvariantCulture, $"灯色按整数计：应完成{ItemRules.Due(share, annual)}{m}，已完成{actual:0.#}{m}，较序时{judged:0.#}个百分点。");
    }

    /// <summary>The gap the light is judged on: the 较序时 itself, except for item measures: where one item is within the
    /// yellow tolerance, a whole count is read as the items done plus half of the one under way (a count of 3 at an
    /// expected 4.97 is behind by 1.47 items, not by 0.97 whole ones); otherwise the plan's expected value in whole items
    /// (a share of an item is not owed: a step of 30% of 5 家 owes 1, not 1.5).</summary>
    private static double LightGap(TargetDefinition target, Assignment assignment, double actual, double share)
    {
        var annual = assignment.Target;
        if (annual <= 0) return 0;
        return (actual - Owed(target, annual, actual, share)) / annual * 100;
    }

    /// <summary>What a unit's light holds it to at a plan share <paramref name="share"/> of <paramref name="annual"/>
    /// (<see cref="LightGap"/> is actual − this, in points of the annual target): the plan's expected value, except for item
    /// measures: where one item is within the yellow tolerance and the count is whole, the expected value less the half of
    /// the item under way; otherwise the whole items due (a share of an item is not owed). The city sums it
    /// (<see cref="CityLight.Owed"/>).</summary>
    internal static double Owed(TargetDefinition target, double annual, double actual, double share)
    {
        if (!ItemRules.IsWhole(target)) return share * annual;
        // One item well within the yellow tolerance (more than 10 items at 10%): a whole count stands for the items done plus
        // the one under way, on average half done; a larger item is owed only once whole.
        if (HalfItemReading(target, annual, actual, share)) return (share * annual) - 0.5;
        return ItemRules.Due(share, annual);
    }

    /// <summary>True when <see cref="LightGap"/> reads a whole count as the items done plus half of the one under way.</summary>
    private static bool HalfItemReading(TargetDefinition target, double annual, double actual, double share) =>
        100 / annual < target.Thresholds.YellowPoints - LightRules.Epsilon && Math.Abs(actual - Math.Round(actual)) < 1e-9
        && actual + 0.5 < share * annual;

    /// <summary>"第三季度数据10月中旬发布，此前不判红" when the plan curve steps after <paramref name="scheduleDate"/> but on or
    /// before <paramref name="date"/>, with that step's figure not yet released; null otherwise.</summary>
    private static string? PendingStep(TargetDefinition target, Assignment assignment, DateOnly scheduleDate, DateOnly date)
    {
        if (!Stepwise(target)) return null;
        var cycle = target.ReportingCycle;
        var before = PlanCurve.Share(target, assignment, scheduleDate);
        for (var end = ReleaseCalendar.PeriodEndOf(cycle, date); end > scheduleDate; end = ReleaseCalendar.PreviousPeriodEnd(cycle, end))
        {
            if (ReleaseCalendar.ReleaseOf(cycle, end) <= date) break;
            if (PlanCurve.Share(target, assignment, end < date ? end : date) > before + 1e-9)
            {
                return $"{ReleaseCalendar.Describe(cycle, end)}，此前不判红。";
            }
        }
        return null;
    }

    /// <summary>A plan curve that steps: a step schedule, or a growth target's baseline of last year's statistics.</summary>
    private static bool Stepwise(TargetDefinition target) =>
        (target.Curve.Kind == CurveKind.Schedule && target.Curve.Interpolation == Interpolation.Step) || target.Curve.Kind == CurveKind.Baseline;

    private static TargetEvaluation Ratio(TargetDefinition target, Assignment assignment, ReportEntry? latest, DateOnly date, Light previous)
    {
        var annual = assignment.Target;
        var actual = latest?.Value ?? 0;
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - 1) * 100;
        var forecast = latest is null ? null : ForecastModel.Ratio(actual, PlanCurve.LinearShare(date));
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        return new TargetEvaluation(
            date, annual, null, actual, annual, cr, 1, gap,
            RatioLight(gap, latest is not null, target.Thresholds, previous),
            NotReported: false, latest?.AsOf, forecast, RequiredPerMonth: null, willMiss,
            DaysOverdue: 0, latest?.Numerator, latest?.Denominator)
        {
            ForecastBasis = forecast is null ? null : ForecastBasis.Ratio(forecast, PlanCurve.LinearShare(date), target.Measure),
        };
    }

    /// <summary>A ratio is a statistic, not a count that accrues: until one is reported there is nothing to judge (grey;
    /// a missing report shows as 未报送), rather than a 0% that would be red from 1 January.</summary>
    internal static Light RatioLight(double gap, bool anyReport, Thresholds thresholds, Light previous) =>
        anyReport ? LightRules.Judge(gap, thresholds, previous) : Light.Grey;

    private static TargetEvaluation Rank(TargetDefinition target, Assignment assignment, ReportEntry? latest, DateOnly date)
    {
        var goal = assignment.Target;
        if (latest is null)
        {
            return new TargetEvaluation(date, goal, null, 0, goal, 0, 0, 0, Light.Grey, false, null, null, null, false, 0, null, null);
        }
        var place = latest.Value;
        var cr = place > 0 ? goal / place : 0;
        return new TargetEvaluation(
            date, goal, null, place, goal, cr, 1, (cr - 1) * 100,
            LightRules.Rank(place, goal, target.Thresholds),
            false, latest.AsOf, null, null, false, 0, null, null);
    }

    /// <summary>True from the last instant of the plan year on (31 December 24:00 Asia/Shanghai, less one tick: the weekly
    /// pack's year-end judgement, and the live wall in January).</summary>
    internal static bool YearOver(PlanDocument plan, DateTimeOffset now) =>
        now >= Calendar.ShanghaiTime.StartOf(new DateOnly(plan.Year + 1, 1, 1)).AddTicks(-1);

    /// <summary>Milestones: <see cref="TargetEvaluation.DaysOverdue"/> counts from the first unfinished milestone's due date;
    /// the light counts from its report deadline (<see cref="ReleaseCalendar.ReportDeadline"/>: a milestone done on its
    /// due date is reported with that period's figure, so until the figure is due it is not yet late). With a report
    /// dated on or after the due date that does not count it done: yellow past the deadline, red beyond
    /// <see cref="Thresholds.MilestoneRedDays"/> days past it. With no report since the due date the silence is 未报送's
    /// to flag: the light turns at most yellow, on the day it would have turned red. Green beside an overdue node says
    /// why (the 督办 counts from the due date). Once the year is over (<see cref="YearOver"/>) a milestone not reported
    /// done is never green: yellow at least.</summary>
    private static TargetEvaluation Milestones(TargetDefinition target, ReportEntry? latest, DateOnly date, int graceDays, bool yearOver)
    {
        var milestones = target.Milestones.IsDefault ? ImmutableArray<Milestone>.Empty : target.Milestones;
        var count = milestones.Length;
        var done = latest?.Value ?? 0;
        var due = PlanCurve.DueCount(milestones, date);
        var cr = count > 0 ? done / count : 0;
        var sr = count > 0 ? (double)due / count : 0;
        var overdue = DaysOverdue(milestones, done, date);
        var light = LightRules.Milestone(due, done, 0, target.Thresholds);
        string? explanation = null;
        var yearEnded = false;
        if (overdue > 0)
        {
            var k = Math.Max((int)done, 0);
            var dueDate = milestones[k].Due;
            var deadline = ReleaseCalendar.ReportDeadline(target.ReportingCycle, dueDate, graceDays);
            var late = Math.Max(date.DayNumber - deadline.DayNumber, 0);
            var red = target.Thresholds.MilestoneRedDays;
            var head = $"第{k + 1}个节点期限{ItemRules.Cn(dueDate)}";
            if (late == 0)
            {
                explanation = $"{head}，完成情况随当期数据报送，宽限至{ItemRules.Cn(deadline)}，此前不判黄{DuBanNote}。";
            }
            else if (latest is { } seen && seen.AsOf >= dueDate)
            {
                light = LightRules.Milestone(due, done, late, target.Thresholds);
                explanation = $"{head}，截至{ItemRules.Cn(seen.AsOf)}的报送仍未完成，已过报送宽限{ItemRules.Cn(deadline)}共{late}天（超过{red}天判红）。";
            }
            else
            {
                light = late > red ? Light.Yellow : Light.Green;
                explanation = late > red
                    ? $"{head}，已过报送宽限{ItemRules.Cn(deadline)}共{late}天仍无其后报送，判黄（缺报本身不判红）。"
                    : $"{head}，其后尚无报送（未报送另行标记），报送宽限{ItemRules.Cn(deadline)}后{red}天内不因缺报判黄{DuBanNote}。";
            }
        }
        if (yearOver && done < count && light is Light.Green or Light.Grey)
        {
            // The year is over: a milestone not reported done is not green, whatever its report deadline (December's
            // figure is released in January, after the year-end pack).
            var k = Math.Clamp((int)done, 0, count - 1);
            light = Light.Yellow;
            yearEnded = true;
            explanation = $"年度已结束，第{k + 1}个节点（期限{ItemRules.Cn(milestones[k].Due)}）仍未报完成，不再判绿。";
        }
        return new TargetEvaluation(
            date, count, null, done, due, cr, sr, (cr - sr) * 100, light,
            false, latest?.AsOf, null, null, false, overdue, null, null)
        {
            Explanation = explanation,
            ExplanationCode = explanation is null ? null : yearEnded ? LightBasis.YearOver : LightBasis.Milestone,
        };
    }

    /// <summary>Why a 节点逾期 督办 can be open beside a milestone's green light: the 督办 counts from the due date, the light
    /// from the report deadline.</summary>
    private const string DuBanNote = "（节点逾期督办自期限次日起计）";

    /// <summary>Days the first unfinished milestone is past its due date on <paramref name="date"/> (0 when none).</summary>
    internal static int DaysOverdue(ImmutableArray<Milestone> milestones, double done, DateOnly date)
    {
        var k = (int)done;
        if (k < 0) k = 0;
        if (k >= milestones.Length) return 0;
        var due = milestones[k].Due;
        return due < date ? date.DayNumber - due.DayNumber : 0;
    }
}
