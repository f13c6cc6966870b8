using System.Collections.Immutable;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>Replays a demo year day by day through the same judging the grains use and measures how good the lights are
/// against the generator's ground truth: false reds on stepwise targets, lagging units caught late (or never), lights
/// that flapped.</summary>
/// <remarks>
/// <para><b>Replay.</b> Every target × unit whose unit is not an overlay is judged on its own, as a TargetGrain is. On each
/// Shanghai day of the plan year: the daily judge at 00:00:01 (JudgeSchedulerGrain runs just after midnight), then, when
/// reports are sent that day, one more judgement at 00:05 with them received (DemoReplay submits a day's reports of a
/// target × unit together, in AsOf order, five minutes after midnight). A report the grain would refuse
/// (<see cref="ReportRules.CheckHistory"/>) is skipped. Each judgement is <see cref="TargetEvaluator.Evaluate"/> with the
/// previous judgement's light as <c>previous</c> (the grain keeps its last light in state and starts at grey), so
/// hysteresis is applied exactly as in the grains.</para>
/// <para><b>Ground truth.</b> For count, range and growth targets the generator draws each report as the plan curve's
/// expected value E(d) × the unit's pace on d × noise (±5%, floored for whole counts). The true cumulative is
/// E(d) × pace(d), without noise; its true 较序时 is (pace(d) − 1) × E(d) / annual target × 100 pp, judged against the
/// target's thresholds with <see cref="LightRules.Raw"/>. Ratio, rank and milestone targets have no such truth and only
/// count for flaps.</para>
/// <para><b>False red on a stepwise target.</b> Stepwise targets (<see cref="IsStepwise"/>): count, range and growth
/// targets whose curve is a step function of the date (a step schedule such as the 高企 batches, or a growth target's
/// baseline of last year's quarterly statistics). A red episode is a maximal run of consecutive judgements with a red
/// light. It is false when the unit finishes the year at or above its annual target (final effective value), or when
/// on the day it turned red the true 较序时 was above −YellowPoints (the unit was truly within tolerance).</para>
/// <para><b>Lagging units caught late.</b> A lag episode is a maximal run of days on which the true 较序时 is at or below
/// −YellowPoints (the truth would be yellow or red). It is caught at the first judgement inside the run (from its first
/// day through its last) that shows yellow, red or 未报送; the delay is the number of days from the run's first day to that
/// judgement's day. A run with no such judgement was never caught. As the other side of the same coin, the replay counts
/// the judgements made on days the truth was within tolerance and how many of them still showed yellow or red.</para>
/// <para><b>Flaps.</b> A light change is two consecutive judgements with different lights (grey included). A change
/// A → B flaps when the very next change of the same target × unit is B → A within <c>flapDays</c> Shanghai calendar
/// days. A light that goes green → yellow → green → yellow flaps twice. A change made less than a week after the
/// previous one is a <see cref="QuickChange"/> unless it goes green ↔ red (the issue: a light changes at most once a
/// week unless it crosses two bands).</para>
/// <para><b>Lag 督办.</b> After each judgement the alert rules run on it as the alerts grain runs them
/// (<see cref="TargetAlerts.Observe(TargetAlertState, TargetDefinition, TargetEvaluation, DateTimeOffset, HolidayCalendar)"/>;
/// nobody answers). Every behind, will-miss or falling-fast alert it opens is a <see cref="LagAlert"/> with the light of
/// that judgement and the truth of that day: what a unit would have been told to answer, and whether it was right.</para>
/// <para><b>待核实 marks.</b> Each report is checked on arrival exactly as TargetGrain does: after
/// <see cref="ReportRules.CheckHistory"/>, <see cref="DataQuality.Check"/> with the target's settings against every report
/// accepted before it (those still 待核实 flagged, so the rule leaves them out of the trusted history); a report that
/// settles an earlier mark (<see cref="DataQuality.Settles"/>) clears it; the new report is kept marked when the rule
/// found something. Nobody confirms a mark in the replay (the demo has no city office), unless
/// <c>confirmMarks</c> is set, which reads as the office confirming each mark before the unit's next report. The marks
/// do not change the lights (a 待核实 figure still counts), so every other count is the same either way.</para>
/// <para><b>City tiles.</b> For every count, range and growth target the units' judgements are rolled up to the city at
/// every instant any unit was judged, by the live roll-up CityTargetGrain runs (<see cref="CityTile.Roll"/>), and the
/// city's light is measured as a unit's is against the city's truth: its units' true cumulative values summed against
/// the city's plan curve (<see cref="CityTruth"/>). Nothing of it feeds back into the units' judgements.</para>
/// </remarks>
public static class SignalQuality
{
    /// <summary>The default flap window in days.</summary>
    public const int DefaultFlapDays = 14;

    /// <summary>Forecasts are checked on the 1st of each month from this month on (July: the issue's "from July on").</summary>
    public const int ForecastFromMonth = 7;

    /// <summary>When the daily judge runs after midnight (as JudgeSchedulerGrain does).</summary>
    public static readonly TimeSpan JudgeAfterMidnight = TimeSpan.FromSeconds(1);

    /// <summary>When a day's reports are received after midnight (as the demo replay sends them).</summary>
    public static readonly TimeSpan ReportsAfterMidnight = TimeSpan.FromMinutes(5);

    /// <summary>Replays the demo year <see cref="DemoYear.Generate"/> makes for <paramref name="seed"/>, with the units'
    /// <see cref="DemoYear.ProfileOf"/> paces as the ground truth.</summary>
    public static SignalQualityResult Replay(PlanDocument plan, int seed, int flapDays = DefaultFlapDays, bool confirmMarks = false) =>
        Replay(plan, DemoYear.Generate(plan, seed), (unit, date) => DemoYear.ProfileOf(seed, unit).PaceOn(date), flapDays, confirmMarks);

    /// <summary>Replays <paramref name="reports"/> (sent on their <see cref="DemoReport.SendOn"/> day) against
    /// <paramref name="plan"/>; <paramref name="pace"/> gives a unit's true pace on a date (1 = on plan).</summary>
    /// <param name="confirmMarks">Each 待核实 mark is confirmed before the next report arrives (else none ever is).</param>
    public static SignalQualityResult Replay(PlanDocument plan, IReadOnlyList<DemoReport> reports, Func<string, DateOnly, double> pace,
        int flapDays = DefaultFlapDays, bool confirmMarks = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flapDays);
        var byPair = reports
            .GroupBy(r => (r.TargetId, r.UnitId))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.SendOn).ThenBy(r => r.AsOf).ToList());
        var reds = ImmutableArray.CreateBuilder<StepwiseRed>();
        var lags = ImmutableArray.CreateBuilder<LagCatch>();
        var flaps = ImmutableArray.CreateBuilder<LightFlap>();
        var quick = ImmutableArray.CreateBuilder<QuickChange>();
        var marks = ImmutableArray.CreateBuilder<QualityMark>();
        var forecasts = ImmutableArray.CreateBuilder<ForecastCheck>();
        var checkedByTarget = new Dictionary<string, int>(StringComparer.Ordinal);
        var raisedByTarget = new Dictionary<string, int>(StringComparer.Ordinal);
        var raisedByUnit = new Dictionary<string, int>(StringComparer.Ordinal);
        var ratios = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var notices = ImmutableArray.CreateBuilder<LateRelease>();
        var lagAlerts = ImmutableArray.CreateBuilder<LagAlert>();
        var cityTiles = ImmutableArray.CreateBuilder<CityTileQuality>();
        var calendar = HolidayCalendar.WeekdaysOnly(plan.Year);
        int pairs = 0, judgements = 0, changes = 0, onPlan = 0, onPlanRaised = 0, acceptedReports = 0, checkedReports = 0, notReported = 0, inhibited = 0, belowRed = 0;
        var unitPaces = ReplayUnitPace.OwnPaces(plan, byPair);
        foreach (var target in plan.Targets)
        {
            var late = LateReleases(plan, target, byPair);
            notices.AddRange(late.Where((l, i) => l is not null && (i == 0 || late[i - 1]?.PeriodEnd != l.PeriodEnd))!);
            // The city tile of a target with a truth: every unit judgement, each counted unit and its final value.
            List<UnitJudgement>? cityInputs = HasPaceTruth(target) ? [] : null;
            var counted = new List<Assignment>();
            var finals = new List<(double Final, double Annual)>();
            foreach (var a in target.Assignments)
            {
                if (plan.FindUnit(a.UnitId) is not { Kind: not UnitKind.Overlay }) continue;
                pairs++;
                var sent = byPair.GetValueOrDefault((target.Id, a.UnitId)) ?? [];
                var (timeline, accepted, found, forecastsMade, opened) = Judge(plan, target, a, sent, confirmMarks, ratios.TryGetValue(target.Id, out var seen) ? seen : ratios[target.Id] = [], late,
                    unitPaces.GetValueOrDefault(a.UnitId) ?? [], calendar, cityInputs);
                judgements += timeline.Count;
                notReported += timeline.Count(j => j.NotReported);
                inhibited += timeline.Count(j => j.Inhibited);
                belowRed += timeline.Count(j => j.DuBanBelowRed);
                acceptedReports += accepted.Count;
                if (DataQuality.IsChecked(target.Kind))
                {
                    checkedReports += accepted.Count;
                    checkedByTarget[target.Id] = checkedByTarget.GetValueOrDefault(target.Id) + accepted.Count;
                }
                marks.AddRange(found.Select(f => Mark(target.Id, a.UnitId, f, pace)));
                var lightChanges = Changes(timeline);
                changes += lightChanges.Count;
                flaps.AddRange(Flaps(target.Id, a.UnitId, lightChanges, flapDays));
                quick.AddRange(QuickChange.Find(target.Id, a.UnitId, lightChanges.Select(c => (c.At, c.From, c.To)).ToList()));
                var truthOrNull = HasPaceTruth(target) ? TruthLagging(plan, target, a, pace) : null;
                lagAlerts.AddRange(opened.Select(o => new LagAlert(target.Id, a.UnitId, o.Key.Rule, o.Severity, o.RaisedAt,
                    o.Light, truthOrNull?[ShanghaiTime.DateOf(o.RaisedAt).DayOfYear - 1])));
                if (truthOrNull is not { } truth) continue;
                var finalSeries = ReportSeries.Effective(accepted);
                var final = finalSeries.IsEmpty ? 0 : finalSeries[^1].Value;
                counted.Add(a);
                finals.Add((final, a.Target));
                forecasts.AddRange(forecastsMade.Select(f => new ForecastCheck(target.Id, a.UnitId, f.On, f.Forecast, final)));
                foreach (var j in timeline.Where(j => !truth[ShanghaiTime.DateOf(j.At).DayOfYear - 1]))
                {
                    onPlan++;
                    if (j.Light is not (Light.Yellow or Light.Red)) continue;
                    onPlanRaised++;
                    raisedByTarget[target.Id] = raisedByTarget.GetValueOrDefault(target.Id) + 1;
                    raisedByUnit[a.UnitId] = raisedByUnit.GetValueOrDefault(a.UnitId) + 1;
                }
                if (IsStepwise(target)) reds.AddRange(Reds(target, a, timeline, accepted, truth));
                lags.AddRange(Lags(target.Id, a.UnitId, timeline, truth, plan.Year));
            }
            if (cityInputs is null) continue;
            var city = CityTile.Roll(plan, target, cityInputs);
            cityTiles.Add(CityTile.Measure(target.Id, [.. city.Select(c => (c.At, c.City.Light))], CityTruth.Lagging(plan, target, counted, pace),
                CityTruth.Finished(finals), flapDays, plan.Year));
        }
        return new SignalQualityResult(flapDays, pairs, judgements, changes, onPlan, onPlanRaised,
            reds.ToImmutable(), lags.ToImmutable(), flaps.ToImmutable())
        {
            Reports = acceptedReports,
            CheckedReports = checkedReports,
            CheckedByTarget = checkedByTarget.ToImmutableDictionary(StringComparer.Ordinal),
            ChangeToAllowance = ratios.Where(p => p.Value.Count > 0).ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal),
            QualityMarks = marks.ToImmutable(),
            Forecasts = forecasts.ToImmutable(),
            OnPlanRaisedByTarget = raisedByTarget.ToImmutableDictionary(StringComparer.Ordinal),
            OnPlanRaisedByUnit = raisedByUnit.ToImmutableDictionary(StringComparer.Ordinal),
            LateReleases = notices.ToImmutable(),
            QuickChanges = quick.ToImmutable(),
            LagAlerts = lagAlerts.ToImmutable(),
            NotReportedJudgements = notReported,
            InhibitedJudgements = inhibited,
            RedLightDuBanBelow = belowRed,
            CityTiles = cityTiles.ToImmutable(),
        };
    }

    /// <summary>Per day of the year (index DayOfYear − 1), the city's late-release notice for <paramref name="target"/> as
    /// CityTargetGrain finds it after the daily judge (<see cref="ReleaseInhibition.Check(PlanDocument, TargetDefinition, IReadOnlyList{DateOnly?}, DateOnly, double)"/> over every counted unit's
    /// newest AsOf among the reports sent before that day); null when none.</summary>
    private static LateRelease?[] LateReleases(PlanDocument plan, TargetDefinition target,
        Dictionary<(string TargetId, string UnitId), List<DemoReport>> byPair)
    {
        var units = target.Assignments.Where(a => plan.FindUnit(a.UnitId) is { Kind: not UnitKind.Overlay })
            .Select(a => byPair.GetValueOrDefault((target.Id, a.UnitId)) ?? []).ToList();
        var first = new DateOnly(plan.Year, 1, 1);
        var days = new LateRelease?[PlanCurve.DaysInYear(plan.Year)];
        for (var i = 0; i < days.Length; i++)
        {
            var d = first.AddDays(i);
            var newest = units.Select(sent => sent.Where(r => r.SendOn < d).Select(r => (DateOnly?)r.AsOf).Max()).ToList();
            days[i] = ReleaseInhibition.Check(plan, target, newest, d);
        }
        return days;
    }

    /// <summary>A demo report as the replay's grain stores it, received at <paramref name="receivedAt"/>.</summary>
    internal static ReportEntry Entry(DemoReport r, DateTimeOffset receivedAt) =>
        new(r.ReportId, r.AsOf, r.Value, r.Numerator, r.Denominator, false, r.Note, receivedAt, DemoYear.Reporter, DemoYear.ReplaySource);

    /// <summary>Count, range and growth targets whose plan curve steps (a step schedule, or a growth target's baseline).</summary>
    public static bool IsStepwise(TargetDefinition target) =>
        HasPaceTruth(target)
        && target.Curve.Interpolation == Interpolation.Step
        && target.Curve.Kind is CurveKind.Schedule or CurveKind.Baseline;

    /// <summary>Targets whose demo reports follow the plan curve at the unit's pace: counts, ranges, growth.</summary>
    public static bool HasPaceTruth(TargetDefinition target) => target.Kind is TargetKind.Count or TargetKind.Range or TargetKind.Growth;

    /// <summary>The judgements of one target × unit through the year: the daily judge, and one more on days reports arrive;
    /// the reports accepted (with their 待核实 marks as they stand at year end) and every finding of the 待核实 rule; each
    /// judgement's evaluation is added to <paramref name="cityInputs"/> when given (the unit's update to its city).</summary>
    private static (List<Judgement> Timeline, List<ReportEntry> Accepted, List<Found> Found, List<(DateOnly On, Forecast Forecast)> Forecasts,
        List<(AlertKey Key, AlertSeverity Severity, DateTimeOffset RaisedAt, Light Light)> Opened) Judge(PlanDocument plan, TargetDefinition target,
        Assignment a, List<DemoReport> sent, bool confirmMarks, List<double> ratios, LateRelease?[] late, List<OwnPace?[]> unitPaces, HolidayCalendar calendar,
        List<UnitJudgement>? cityInputs)
    {
        // The alerts grain's work after each judgement, for the lag rules' 督办 (never answered here).
        var alerts = TargetAlertState.Empty(target.Id, a.UnitId);
        var opened = new List<(AlertKey, AlertSeverity, DateTimeOffset, Light)>();
        var timeline = new List<Judgement>();
        var accepted = new List<ReportEntry>();
        var found = new List<Found>();
        var forecasts = new List<(DateOnly, Forecast)>();
        var previous = new PreviousLight(Light.Grey, null);
        var next = 0;
        var last = new DateOnly(plan.Year, 12, 31);
        for (var d = new DateOnly(plan.Year, 1, 1); d <= last; d = d.AddDays(1))
        {
            previous = Add(ShanghaiTime.StartOf(d) + JudgeAfterMidnight, d.Month >= ForecastFromMonth && d.Day == 1);
            var receivedAt = ShanghaiTime.StartOf(d) + ReportsAfterMidnight;
            var any = false;
            while (next < sent.Count && sent[next].SendOn <= d)
            {
                var r = sent[next++];
                var entry = Entry(r, receivedAt);
                if (ReportRules.CheckHistory(target, accepted, entry) is not null) continue;
                // As TargetGrain.Decide: check against the stored history as it is, settle what the report settles, keep it marked.
                var finding = DataQuality.Check(target, a, accepted, entry, target.DataQuality);
                var afterUnconfirmed = accepted.Any(e => e.AwaitingReview);
                if (ChangeToAllowance(target, a, accepted, entry) is { } ratio) ratios.Add(ratio);
                for (var i = 0; i < accepted.Count; i++)
                {
                    if (accepted[i].AwaitingReview && DataQuality.Settles(entry, accepted[i])) accepted[i] = accepted[i] with { AwaitingReview = false };
                }
                if (finding is not null)
                {
                    var before = accepted.Where(e => e.AsOf < entry.AsOf).Select(e => (DateOnly?)e.AsOf).Max();
                    found.Add(new Found(entry, d, finding, before, afterUnconfirmed));
                }
                accepted.Add(entry with { AwaitingReview = finding is not null && !confirmMarks });
                any = true;
            }
            if (any) previous = Add(receivedAt, false);
        }
        return (timeline, accepted, found, forecasts, opened);

        PreviousLight Add(DateTimeOffset at, bool checkpoint)
        {
            var day = ShanghaiTime.DateOf(at).DayOfYear - 1;
            var notice = late[day];
            var unit = UnitPace.Borrow(unitPaces.Select(p => p[day]).OfType<OwnPace>(), target.Id);
            var e = TargetEvaluator.Evaluate(plan, target, a, accepted, at, previous, notice, unit);
            cityInputs?.Add(new UnitJudgement(at, new UnitResult(a.UnitId, e)));
            var newest = ReportSeries.EffectiveAt(accepted, at, ShanghaiTime.DateOf(at));
            if (checkpoint && e.Forecast is { } f) forecasts.Add((ShanghaiTime.DateOf(at), f));
            var step = TargetAlerts.Observe(alerts, target, e, at, calendar);
            alerts = step.State;
            timeline.Add(new Judgement(at, e.Light, e.NotReported,
                ReleaseInhibition.Covers(notice, target.ReportingCycle, newest.IsEmpty ? null : newest[^1].AsOf),
                e.Light == Light.Red && BelowTheLight(alerts)));
            opened.AddRange(step.Notices.Where(n => n.Transition == AlertTransition.Opened && AlertTracker.UsesHold(n.Key.Rule))
                .Select(n => (n.Key, n.Severity, n.RaisedAt, e.Light)));
            return new PreviousLight(e.Light, e.LightSince);
        }
    }

    /// <summary>The report's change over the rule's allowance, from <see cref="DataQuality.Check"/> itself: with k and the
    /// two shares scaled by a tiny s, the allowance scales by s (it is a maximum of products of them) and any change
    /// beyond it is reported with that scaled allowance. Null when the rule had no trusted history to compare with.</summary>
    private static double? ChangeToAllowance(TargetDefinition target, Assignment a, List<ReportEntry> accepted, ReportEntry entry)
    {
        const double S = 1e-6;
        var s = target.DataQuality;
        var scaled = new DataQualitySettings(s.JumpFactor * S, s.JumpShare * S, s.DropShare * S);
        var rise = DataQuality.Check(target, a, accepted, entry, scaled);
        if (rise is not null) return rise.Change / (rise.Allowance / S);
        // No finding even at a millionth of the allowance: unchanged, or no trusted report to compare with.
        return DataQuality.IsChecked(target.Kind) && accepted.Any(e => !e.AwaitingReview && e.AsOf < entry.AsOf) ? 0 : null;
    }

    private static QualityMark Mark(string targetId, string unitId, Found f, Func<string, DateOnly, double> pace)
    {
        var now = pace(unitId, f.Entry.AsOf);
        var then = pace(unitId, f.PreviousAsOf ?? new DateOnly(f.Entry.AsOf.Year, 1, 1));
        return new QualityMark(targetId, unitId, f.Entry.ReportId, f.Entry.AsOf, f.ReceivedOn, f.Finding.Issue, f.Finding.Change,
            f.Finding.Allowance, now, Math.Abs(now - then) > 1e-9, f.AfterUnconfirmed);
    }

    /// <summary>Per day of the year (index DayOfYear − 1): true when the true cumulative is at or below −YellowPoints.</summary>
    private static bool[] TruthLagging(PlanDocument plan, TargetDefinition target, Assignment a, Func<string, DateOnly, double> pace)
    {
        var curve = Trajectory.Build(plan, target, [a]);
        var lagging = new bool[curve.Length];
        for (var i = 0; i < curve.Length; i++)
        {
            var p = curve[i];
            var gap = a.Target > 0 ? (pace(a.UnitId, p.Date) - 1) * p.Expected / a.Target * 100 : 0;
            lagging[i] = LightRules.Raw(gap, target.Thresholds) != Light.Green;
        }
        return lagging;
    }

    internal static List<Change> Changes(List<Judgement> timeline)
    {
        var changes = new List<Change>();
        var light = Light.Grey;
        foreach (var j in timeline)
        {
            if (j.Light != light) changes.Add(new Change(j.At, light, j.Light));
            light = j.Light;
        }
        return changes;
    }

    internal static IEnumerable<LightFlap> Flaps(string targetId, string unitId, List<Change> changes, int flapDays)
    {
        for (var i = 0; i + 1 < changes.Count; i++)
        {
            var (c, n) = (changes[i], changes[i + 1]);
            var days = DaysBetween(c.At, n.At);
            if (n.To == c.From && days <= flapDays) yield return new LightFlap(targetId, unitId, c.From, c.To, c.At, n.At, days);
        }
    }

    private static IEnumerable<StepwiseRed> Reds(TargetDefinition target, Assignment a, List<Judgement> timeline, List<ReportEntry> accepted,
        bool[] lagging)
    {
        var effective = ReportSeries.Effective(accepted);
        var finished = !effective.IsEmpty && effective[^1].Value >= a.Target - LightRules.Epsilon;
        return RedEpisodes(target.Id, a.UnitId, timeline, finished, lagging);
    }

    /// <summary>The red episodes of a timeline: maximal runs of red judgements, each false when <paramref name="finished"/>
    /// or when <paramref name="lagging"/> was false on the day it began.</summary>
    internal static IEnumerable<StepwiseRed> RedEpisodes(string targetId, string unitId, List<Judgement> timeline, bool finished, bool[] lagging)
    {
        DateTimeOffset? from = null;
        foreach (var j in timeline)
        {
            if (j.Light == Light.Red && from is null) from = j.At;
            if (j.Light != Light.Red && from is { } start)
            {
                yield return Red(start, j.At);
                from = null;
            }
        }
        if (from is { } open) yield return Red(open, null);

        StepwiseRed Red(DateTimeOffset start, DateTimeOffset? until)
        {
            var startDay = ShanghaiTime.DateOf(start);
            var days = until is { } u ? DaysBetween(start, u) : new DateOnly(startDay.Year, 12, 31).DayNumber - startDay.DayNumber;
            return new StepwiseRed(targetId, unitId, start, until, days, finished, !lagging[startDay.DayOfYear - 1]);
        }
    }

    internal static IEnumerable<LagCatch> Lags(string targetId, string unitId, List<Judgement> timeline, bool[] lagging, int year)
    {
        var first = new DateOnly(year, 1, 1);
        var i = 0;
        while (i < lagging.Length)
        {
            if (!lagging[i])
            {
                i++;
                continue;
            }
            var start = i;
            while (i < lagging.Length && lagging[i]) i++;
            var (onset, end) = (first.AddDays(start), first.AddDays(i - 1));
            var before = timeline.LastOrDefault(j => ShanghaiTime.DateOf(j.At) < onset)?.Raised ?? false;
            var caught = timeline.FirstOrDefault(j =>
                j.Raised && ShanghaiTime.DateOf(j.At) >= onset && ShanghaiTime.DateOf(j.At) <= end);
            yield return caught is null
                ? new LagCatch(targetId, unitId, onset, end, null, null, null, before)
                : new LagCatch(targetId, unitId, onset, end, caught.At, ShanghaiTime.DateOf(caught.At).DayNumber - onset.DayNumber,
                    caught.Light switch { Light.Red => "red", Light.Yellow => "yellow", _ => "未报送" }, before);
        }
    }

    private static int DaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        ShanghaiTime.DateOf(to).DayNumber - ShanghaiTime.DateOf(from).DayNumber;

    /// <summary>One judgement: its instant, light and 未报送 flag.</summary>
    /// <summary>The pair has a live lag 督办 and none of them is red (read under a red light: the 督办 is below the light).</summary>
    private static bool BelowTheLight(TargetAlertState alerts)
    {
        var live = alerts.Alerts.Where(x => x.IsLive && AlertTracker.UsesHold(x.Key.Rule)).ToList();
        return live.Count > 0 && live.All(x => x.Severity < AlertSeverity.Red);
    }

    internal sealed record Judgement(DateTimeOffset At, Light Light, bool NotReported, bool Inhibited, bool DuBanBelowRed = false)
    {
        public bool Raised => Light is Light.Yellow or Light.Red || NotReported;
    }

    internal sealed record Change(DateTimeOffset At, Light From, Light To);

    /// <summary>A report the 待核实 rule marked, with the AsOf of the unit's previous accepted report (null: none).</summary>
    private sealed record Found(ReportEntry Entry, DateOnly ReceivedOn, QualityFinding Finding, DateOnly? PreviousAsOf, bool AfterUnconfirmed);
}
