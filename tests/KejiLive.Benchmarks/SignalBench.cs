using System.Globalization;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Demo;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Planning;

namespace KejiLive.Benchmarks;

/// <summary>Replays the demo year for one or more seeds through <see cref="SignalQuality"/> and prints the counts for the
/// issue note: false reds on stepwise targets, lagging units caught late or never, flapping lights, and last the city
/// tiles of the wall against the city's truth (<see cref="CityTile"/>). Pure domain, no silo.
/// Settings: <c>seed=2025</c> (or a list, <c>seed=2025,1,7</c>), <c>flap=14</c> (days), <c>plan=path</c>; <c>seeds=1..20</c>
/// (or a list) replays each seed and prints one summary line per seed and the sweep's totals instead of the full report;
/// <c>statsLate=N</c> sends every third-quarter figure of quarterly counts, ranges and growth targets N days later (a
/// statistics release late for everyone, to see the inhibition at work); <c>trace=target:unit</c> prints one pair's year;
/// <c>forecastDetail=1</c> adds to a sweep the point ±10% share per target, generated pace and month of the check.</summary>
internal static class SignalBench
{
    public static Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var plan = PlanLoader.LoadFile(settings.GetValueOrDefault("plan", Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json")));
        var flapDays = int.Parse(settings.GetValueOrDefault("flap", SignalQuality.DefaultFlapDays.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        _statsLate = int.Parse(settings.GetValueOrDefault("statsLate", "0"), CultureInfo.InvariantCulture);
        if (settings.TryGetValue("trace", out var pair))
        {
            SignalTrace.Print(plan, int.Parse(settings.GetValueOrDefault("seed", "2025"), CultureInfo.InvariantCulture), pair);
            return Task.CompletedTask;
        }
        if (settings.TryGetValue("seeds", out var sweep))
        {
            Sweep(plan, Seeds(sweep), flapDays, settings.GetValueOrDefault("forecastDetail") == "1");
            return Task.CompletedTask;
        }
        var seeds = settings.GetValueOrDefault("seed", "2025").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        foreach (var seed in seeds)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = Replay(plan, seed, flapDays);
            Print(plan, seed, result, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            PrintForecasts(plan, result);
            PrintLateReleases(result);
            PrintMarks(plan, result, Replay(plan, seed, flapDays, confirmMarks: true));
            PrintCityTiles(result);
        }
        return Task.CompletedTask;
    }

    private static void Print(PlanDocument plan, int seed, SignalQualityResult r, TimeSpan elapsed)
    {
        Console.WriteLine($"== Signal quality of the demo year: plan {plan.Id}, seed {seed}, flap window {r.FlapDays} days (示例数据) ==");
        Console.WriteLine($"Replayed {r.TargetUnits} target × unit, {r.Judgements:N0} judgements, {r.LightChanges} light changes in {elapsed.TotalSeconds:0.0} s.");
        var paces = plan.Units.Where(u => u.Kind != UnitKind.Overlay).Select(u => DemoYear.ProfileOf(seed, u.Id)).ToList();
        Console.WriteLine($"Units by generated pace: {paces.Count(p => p is { CatchesUp: false, Pace: < 0.9 })} behind (0.62), " +
            $"{paces.Count(p => p.CatchesUp)} catching up (0.70 → 1.10), {paces.Count(p => p.Pace >= 0.9)} near plan (0.92–1.17); " +
            $"{paces.Count(p => p.Late)} report late.");

        Console.WriteLine();
        Console.WriteLine("False reds on stepwise targets (red episodes; false = finished the year, or truly within the yellow tolerance when it turned red)");
        Console.WriteLine($"  {"target",-24} {"pairs",5} {"reds",5} {"false",6} {"finished",9} {"on plan",8} {"after step",11} {"median days",12} {"≤10 d",6} {"unit target≤2",14}");
        foreach (var t in plan.Targets.Where(SignalQuality.IsStepwise))
        {
            var reds = r.StepwiseReds.Where(x => x.TargetId == t.Id).ToList();
            var pairs = t.Assignments.Count(a => plan.FindUnit(a.UnitId)?.Kind != UnitKind.Overlay);
            Console.WriteLine($"  {t.Id,-24} {pairs,5} {reds.Count,5} {reds.Count(x => x.IsFalse),6} {reds.Count(x => x.FinishedYear),9} " +
                $"{reds.Count(x => x.TruthOnPlan),8} {reds.Count(x => x.IsFalse && AfterStep(plan, x)),11} {Median(reds.Where(x => x.IsFalse).Select(x => x.Days)),12} {reds.Count(x => x.IsFalse && x.Days <= 10),6} {reds.Count(x => x.IsFalse && Small(plan, x)),14}");
        }
        Console.WriteLine($"  {"total",-24} {"",5} {r.StepwiseReds.Length,5} {r.FalseReds,6} {r.StepwiseReds.Count(x => x.FinishedYear),9} " +
            $"{r.StepwiseReds.Count(x => x.TruthOnPlan),8} {r.StepwiseReds.Count(x => x.IsFalse && AfterStep(plan, x)),11} " +
            $"{Median(r.StepwiseReds.Where(x => x.IsFalse).Select(x => x.Days)),12} {r.StepwiseReds.Count(x => x.IsFalse && x.Days <= 10),6} " +
            $"{r.StepwiseReds.Count(x => x.IsFalse && Small(plan, x)),14}");
        Console.WriteLine("  (after step: false reds that began within 31 days after a step of the curve; median days: how long the false reds lasted;");
        Console.WriteLine("   ≤10 d: false reds over within 10 days, i.e. until the step's figure arrived; unit target≤2: false reds of counts whose unit target is 1 or 2)");

        Console.WriteLine();
        Console.WriteLine("Lagging units (true 较序时 at or below −yellow; caught = first yellow, red or 未报送 while it lasts)");
        Console.WriteLine($"  {"target",-24} {"lags",5} {"caught",7} {"never",6} {"delay median",13} {"p90",5} {"max",5} {">31 d",6} {"by light",9} {"by 未报送",9} {"led",5}");
        foreach (var g in r.Lags.GroupBy(l => l.TargetId))
        {
            LagRow(g.Key, [.. g]);
        }
        LagRow("total", [.. r.Lags]);
        LagRow("monthly targets", [.. r.Lags.Where(l => Cycle(plan, l) == ReportingCycle.Monthly)]);
        LagRow("quarterly targets", [.. r.Lags.Where(l => Cycle(plan, l) == ReportingCycle.Quarterly)]);
        Console.WriteLine("  (led: yellow, red or 未报送 already showed the day before the truth fell behind)");
        Console.WriteLine($"  The other side: {r.OnPlanRaised:N0} of {r.OnPlanJudgements:N0} judgements made while the unit was truly within tolerance " +
            $"showed yellow or red ({100.0 * r.OnPlanRaised / Math.Max(1, r.OnPlanJudgements):0.0}%).");
        Console.WriteLine($"  by target: {string.Join(", ", r.OnPlanRaisedByTarget.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))}");

        Console.WriteLine();
        Console.WriteLine($"Flapping lights (a change undone by the next change within {r.FlapDays} days)");
        var byPair = r.FlapsByTargetUnit;
        Console.WriteLine($"  total flaps {r.Flaps.Length} over {byPair.Length} target × unit (of {r.TargetUnits}); most in one pair {(byPair.IsEmpty ? 0 : byPair[0].Value)}");
        foreach (var g in r.Flaps.GroupBy(f => $"{Name(f.From)}→{Name(f.To)}→{Name(f.From)}").OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {g.Key,-22} {g.Count(),5}   median {Median(g.Select(f => f.Days))} days");
        }
        foreach (var g in r.Flaps.GroupBy(f => f.TargetId).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {g.Key,-34} {g.Count(),5} flaps in {g.Select(f => f.UnitId).Distinct().Count()} units");
        }
        Console.WriteLine($"  {QuickLine(r.QuickChanges, r.LightChanges)}");
        Console.WriteLine($"  {LagAlertLine(r.LagAlerts)}");
        Console.WriteLine($"  {BelowRedLine(r.RedLightDuBanBelow)}");
        foreach (var q in r.QuickChanges.Take(10))
        {
            Console.WriteLine($"    {q.TargetId} × {q.UnitId}: {Name(q.From)}→{Name(q.To)} on {ShanghaiTime.DateOf(q.At):MM-dd}, {q.Days} days after the change on {ShanghaiTime.DateOf(q.PreviousAt):MM-dd}");
        }
        Console.WriteLine();
    }

    /// <summary>The 督办 the lag rules opened, against the light shown and the truth: a unit told to answer for a target
    /// the wall shows green, or while it is truly on plan, is the false alarm that costs most (it escalates to a leader).</summary>
    private static string LagAlertLine(IReadOnlyCollection<LagAlert> alerts) =>
        $"lag 督办 opened: {alerts.Count}, under a green light {alerts.Count(a => a.Light == Light.Green)}, while truly within tolerance " +
        $"{alerts.Count(a => a.WhileOnPlan)} of {alerts.Count(a => a.TrulyLagging is not null)} with a truth " +
        $"({string.Join("; ", alerts.GroupBy(a => a.Rule).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}, green {g.Count(a => a.Light == Light.Green)} (on plan {g.Count(a => a.Light == Light.Green && a.WhileOnPlan)}), on plan {g.Count(a => a.WhileOnPlan)} of {g.Count(a => a.TrulyLagging is not null)}"))})";

    /// <summary>Judgements under a red light whose pair's live lag 督办 were all below red (a 黄 督办 beside a 红灯).</summary>
    private static string BelowRedLine(int judgements) =>
        $"red-light judgements with the pair's lag 督办 below red (goal 0): {judgements:N0}";

    /// <summary>The issue's "a unit's light changes at most once a week unless it crosses two bands", counted.</summary>
    private static string QuickLine(IReadOnlyCollection<QuickChange> quick, int changes) =>
        $"light changes under {QuickChange.WeekDays} days after the previous one, not green↔red (goal 0): {quick.Count} of {changes:N0} changes" +
        (quick.Count == 0 ? "" : $" ({string.Join(", ", quick.GroupBy(q => $"{Name(q.From)}→{Name(q.To)}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))})");

    /// <summary>The 待核实 counts: every mark is a false alarm (the demo's figures carry no errors); split by the unit's
    /// generated pace, and compared with a replay in which the city office confirms each mark before the next report.</summary>
    private static void PrintMarks(PlanDocument plan, SignalQualityResult r, SignalQualityResult confirmed)
    {
        var marks = r.QualityMarks;
        Console.WriteLine("待核实 marks (DataQuality on arrival as TargetGrain does; nobody confirms; no demo figure is wrong, so every mark is false)");
        Console.WriteLine($"  reports accepted {r.Reports:N0} ({r.CheckedReports:N0} of checked kinds: count, range, growth); marked {marks.Length} " +
            $"= {100.0 * r.MarkedShare:0.00}% of all, {100.0 * marks.Length / Math.Max(1, r.CheckedReports):0.00}% of checked; jumps {r.Jumps}, drops {r.Drops}");
        Console.WriteLine($"  by the unit's generated pace: near plan and steady (≥ {QualityMark.NearPlanPace:0.0}) {marks.Count(m => m.NearPlan)}, " +
            $"behind and steady {marks.Count(m => m is { SteadyPace: true, NearPlan: false })}, pace changing (catching up) {marks.Count(m => m.PaceChanged)}; " +
            $"on a steady pace (false marks on normal data) {marks.Count(m => m.SteadyPace)}");
        Console.WriteLine($"  {marks.Count(m => m.AfterUnconfirmed)} arrived while an earlier mark of the same pair was still open; " +
            $"{marks.Select(m => (m.TargetId, m.UnitId)).Distinct().Count()} target × unit marked at least once (of {r.TargetUnits})");
        Console.WriteLine($"  {"target",-24} {"cycle",-9} {"checked",8} {"marked",7} {"share",7} {"jump",5} {"drop",5} {"near",5} {"behind",7} {"chg",4} {"open",5} {"unit≤2",7} {"closest",8} {">0.5",5}");
        foreach (var t in plan.Targets.Where(t => Progress(t.Kind)))
        {
            var mine = marks.Where(m => m.TargetId == t.Id).ToList();
            var reports = r.CheckedByTarget.GetValueOrDefault(t.Id);
            if (mine.Count == 0 && reports == 0) continue;
            var small = mine.Count(m => t.AssignmentFor(m.UnitId)!.Target <= 2);
            var closest = r.ChangeToAllowance.GetValueOrDefault(t.Id, []);
            Console.WriteLine($"  {t.Id,-24} {t.ReportingCycle,-9} {reports,8} {mine.Count,7} {100.0 * mine.Count / Math.Max(1, reports),6:0.0}% " +
                $"{mine.Count(m => m.Issue == KejiLive.Domain.Progress.QualityIssue.Jump),5} {mine.Count(m => m.Issue == KejiLive.Domain.Progress.QualityIssue.Drop),5} " +
                $"{mine.Count(m => m.NearPlan),5} {mine.Count(m => m is { SteadyPace: true, NearPlan: false }),7} {mine.Count(m => m.PaceChanged),4} " +
                $"{mine.Count(m => m.AfterUnconfirmed),5} {small,7} {(closest.IsEmpty ? "-" : closest.Max().ToString("0.00", CultureInfo.InvariantCulture)),8} {closest.Count(x => x > 0.5),5}");
        }
        Console.WriteLine("  (near/behind: steady generated pace ≥ 0.9 / < 0.9; chg: pace changed since the previous report; open: an earlier mark still");
        Console.WriteLine("   open; unit≤2: unit's annual target 1 or 2; closest: the largest change ÷ allowance of any report (> 1 is marked);");
        Console.WriteLine("   >0.5: reports that used more than half the allowance)");
        var all = r.ChangeToAllowance.Values.SelectMany(x => x).Order().ToList();
        if (all.Count > 0) Console.WriteLine($"  change ÷ allowance over {all.Count} compared reports: median {all[(all.Count - 1) / 2]:0.00}, " +
            $"p99 {all[(int)Math.Ceiling(0.99 * all.Count) - 1]:0.00}, max {all[^1]:0.00}");
        Console.WriteLine($"  If the city office confirmed each mark before the unit's next report: marked {confirmed.QualityMarks.Length} " +
            $"({100.0 * confirmed.MarkedShare:0.00}% of all), jumps {confirmed.Jumps}, drops {confirmed.Drops}, near plan and steady {confirmed.QualityMarks.Count(m => m.NearPlan)}");
        Console.WriteLine();
    }

    /// <summary>The forecast section: from July, the share of forecasts whose range held the final value and whose point
    /// was within ±10% of it, per target (goals: ≥ 90% and ≥ 80%).</summary>
    private static void PrintForecasts(PlanDocument plan, SignalQualityResult r)
    {
        Console.WriteLine($"Year-end forecasts (daily judge on the 1st of each month from July; final = the unit's final effective value)");
        Console.WriteLine($"  {"target",-24} {"checks",7} {"in range",9} {"point ±10%",11} {"median width",13}");
        foreach (var g in r.Forecasts.GroupBy(f => f.TargetId))
        {
            ForecastRow(g.Key, [.. g]);
        }
        ForecastRow("total", [.. r.Forecasts]);
        Console.WriteLine("  (in range: the final value lay within the forecast's low–high; point ±10%: the point forecast within 10% of the final");
        Console.WriteLine("   value, or of 1 when it finished below 1; median width: (high − low) ÷ the point forecast)");
        Console.WriteLine();
    }

    private static void ForecastRow(string name, List<ForecastCheck> checks)
    {
        Console.WriteLine($"  {name,-24} {checks.Count,7} {Pct(checks.Count(c => c.WithinRange), checks.Count),9} " +
            $"{Pct(checks.Count(c => c.PointWithin), checks.Count),11} {MedianWidth(checks),13}");
    }

    private static string MedianWidth(List<ForecastCheck> checks)
    {
        var w = checks.Where(c => c.Final > 0).Select(c => (c.Forecast.High - c.Forecast.Low) / Math.Max(c.Forecast.Value, 1e-9)).Order().ToList();
        return w.Count == 0 ? "-" : w[(w.Count - 1) / 2].ToString("0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>One line per seed and the sweep's totals: false stepwise reds, on-plan yellow/red share, flaps, lags never
    /// caught and the median catch delay of monthly and quarterly targets, forecast range and point shares.</summary>
    private static void Sweep(PlanDocument plan, List<int> seeds, int flapDays, bool forecastDetail)
    {
        Console.WriteLine($"== Seed sweep: plan {plan.Id}, seeds {seeds[0]}..{seeds[^1]} ({seeds.Count}), flap window {flapDays} days (示例数据) ==");
        Console.WriteLine("Goals: false reds on stepwise ≤ 5; on plan yet yellow/red ≤ 2%; never caught 0; median delay ≤ 7 d monthly, ≤ 92 d quarterly;");
        Console.WriteLine("       flaps ≤ 20; forecasts from July: in range ≥ 90%, point ±10% ≥ 80%");
        Console.WriteLine($"  {"seed",6} {"false reds",11} {"on plan y/r",12} {"flaps",6} {"lags",5} {"never",6} {"med M",6} {"med Q",6} {"max",5} {"in range",9} {"point",7}");
        var all = new List<SignalQualityResult>();
        foreach (var seed in seeds)
        {
            var r = Replay(plan, seed, flapDays);
            all.Add(r);
            Console.WriteLine($"  {seed,6} {r.FalseReds,11} {Pct(r.OnPlanRaised, r.OnPlanJudgements),12} {r.Flaps.Length,6} {r.Lags.Length,5} {r.NeverCaught,6} " +
                $"{MedianDelay(plan, r.Lags, ReportingCycle.Monthly),6} {MedianDelay(plan, r.Lags, ReportingCycle.Quarterly),6} " +
                $"{(r.Lags.Any(l => l.Caught) ? r.Lags.Where(l => l.Caught).Max(l => l.DelayDays!.Value).ToString(CultureInfo.InvariantCulture) : "-"),5} " +
                $"{Pct(r.Forecasts.Count(f => f.WithinRange), r.Forecasts.Length),9} {Pct(r.Forecasts.Count(f => f.PointWithin), r.Forecasts.Length),7}");
        }
        var lags = all.SelectMany(r => r.Lags).ToList();
        var forecasts = all.SelectMany(r => r.Forecasts).ToList();
        Console.WriteLine($"  {"all",6} {all.Sum(r => r.FalseReds),11} {Pct(all.Sum(r => r.OnPlanRaised), all.Sum(r => r.OnPlanJudgements)),12} " +
            $"{all.Sum(r => r.Flaps.Length),6} {lags.Count,5} {lags.Count(l => !l.Caught),6} {MedianDelay(plan, lags, ReportingCycle.Monthly),6} " +
            $"{MedianDelay(plan, lags, ReportingCycle.Quarterly),6} {(lags.Any(l => l.Caught) ? lags.Where(l => l.Caught).Max(l => l.DelayDays!.Value).ToString(CultureInfo.InvariantCulture) : "-"),5} " +
            $"{Pct(forecasts.Count(f => f.WithinRange), forecasts.Count),9} {Pct(forecasts.Count(f => f.PointWithin), forecasts.Count),7}");
        Console.WriteLine($"  worst seed: false reds {all.Max(r => r.FalseReds)}, on plan y/r {100 * all.Max(r => r.OnPlanRaisedShare):0.0}%, flaps {all.Max(r => r.Flaps.Length)}, " +
            $"in range {100 * all.Min(r => r.ForecastRangeShare):0.0}%, point {100 * all.Min(r => r.ForecastPointShare):0.0}%");
        foreach (var l in lags.Where(l => !l.Caught))
        {
            Console.WriteLine($"  never caught: {l.TargetId} × {l.UnitId}, {l.Onset:MM-dd}–{l.End:MM-dd}");
        }
        Console.WriteLine($"  on plan yet yellow/red by target: {string.Join(", ", all.SelectMany(r => r.OnPlanRaisedByTarget).GroupBy(p => p.Key).Select(g => (g.Key, Sum: g.Sum(p => p.Value))).OrderByDescending(p => p.Sum).Select(p => $"{p.Key} {p.Sum}"))}");
        var byProfile = seeds.Zip(all).SelectMany(p => p.Second.OnPlanRaisedByUnit.Select(u => (Profile: DemoYear.ProfileOf(p.First, u.Key), u.Value))).ToList();
        Console.WriteLine($"  on plan yet yellow/red by the unit's generated pace: behind {byProfile.Where(p => p.Profile is { CatchesUp: false, Pace: < 0.9 }).Sum(p => p.Value)}, " +
            $"catching up {byProfile.Where(p => p.Profile.CatchesUp).Sum(p => p.Value)}, near plan {byProfile.Where(p => p.Profile.Pace >= 0.9).Sum(p => p.Value)}");
        Console.WriteLine($"  late-release notices {all.Sum(r => r.LateReleases.Length)}, judgements inhibited {all.Sum(r => r.InhibitedJudgements):N0}, 未报送 judgements {all.Sum(r => r.NotReportedJudgements):N0}");
        Console.WriteLine($"  {QuickLine(all.SelectMany(r => r.QuickChanges).ToList(), all.Sum(r => r.LightChanges))}");
        Console.WriteLine($"  {LagAlertLine(all.SelectMany(r => r.LagAlerts).ToList())}");
        Console.WriteLine($"  {BelowRedLine(all.Sum(r => r.RedLightDuBanBelow))}");
        Console.WriteLine($"  flaps by target: {string.Join(", ", all.SelectMany(r => r.Flaps).GroupBy(f => f.TargetId).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        var checks = seeds.Zip(all).SelectMany(p => p.Second.Forecasts.Select(f => (Profile: DemoYear.ProfileOf(p.First, f.UnitId), Check: f))).ToList();
        Console.WriteLine($"  forecast point ±10% by the unit's generated pace: {string.Join(", ", new[] { "behind", "catching up", "near plan" }.Select(k =>
        {
            var mine = checks.Where(c => Kind(c.Profile) == k).ToList();
            return $"{k} {Pct(mine.Count(c => c.Check.PointWithin), mine.Count)} of {mine.Count}";
        }))}");
        if (forecastDetail)
        {
            Console.WriteLine($"  {"point ±10% by target, generated pace and month of the check",-60} {"checks",6} {"point",7}");
            foreach (var g in checks.GroupBy(c => (c.Check.TargetId, Kind(c.Profile), c.Check.On.Month)).OrderBy(g => g.Key))
            {
                Console.WriteLine($"    {g.Key.TargetId,-24} {g.Key.Item2,-12} {g.Key.Month,2} {"",19} {g.Count(),6} {Pct(g.Count(c => c.Check.PointWithin), g.Count()),7}");
            }
        }
        Console.WriteLine("  Forecasts per target over the sweep:");
        Console.WriteLine($"  {"target",-24} {"checks",7} {"in range",9} {"point ±10%",11} {"median width",13}");
        foreach (var g in forecasts.GroupBy(f => f.TargetId))
        {
            ForecastRow(g.Key, [.. g]);
        }
        SweepCityTiles(seeds, all);
        Console.WriteLine();
    }

    /// <summary>The city tiles' lines of a sweep (after every line the sweep printed before them, so those compare across
    /// versions): one per seed and the total, then per target over the sweep.</summary>
    private static void SweepCityTiles(List<int> seeds, List<SignalQualityResult> all)
    {
        Console.WriteLine("  City lights (the wall's target tiles) per seed: city judgements yellow/red while the city is truly within tolerance,");
        Console.WriteLine("  false city reds, city lags never caught and the median catch delay, city flaps");
        Console.WriteLine($"  {"seed",6} {"judgements",11} {"y/r on plan",12} {"reds",5} {"false reds",11} {"lags",5} {"never",6} {"median",7} {"flaps",6}");
        foreach (var (seed, r) in seeds.Zip(all))
        {
            CitySeedRow(seed.ToString(CultureInfo.InvariantCulture), [.. r.CityTiles]);
        }
        CitySeedRow("all", [.. all.SelectMany(r => r.CityTiles)]);
        Console.WriteLine($"  worst seed: city y/r on plan {all.Max(r => CityShare(r.CityTiles)):0.0}%, false city reds {all.Max(r => r.CityTiles.Sum(t => t.FalseReds))}, " +
            $"city flaps {all.Max(r => r.CityTiles.Sum(t => t.Flaps.Length))}");
        Console.WriteLine("  City lights per target over the sweep:");
        CityTable([.. all.SelectMany(r => r.CityTiles)]);
    }

    private static void CitySeedRow(string name, List<CityTileQuality> tiles)
    {
        var lags = tiles.SelectMany(t => t.Lags).ToList();
        Console.WriteLine($"  {name,6} {tiles.Sum(t => t.Judgements),11:N0} {Pct(tiles.Sum(t => t.OnPlanRaised), tiles.Sum(t => t.OnPlanJudgements)),12} " +
            $"{tiles.Sum(t => t.Reds.Length),5} {tiles.Sum(t => t.FalseReds),11} {lags.Count,5} {lags.Count(l => !l.Caught),6} " +
            $"{Median(lags.Where(l => l.Caught).Select(l => l.DelayDays!.Value)),7} {tiles.Sum(t => t.Flaps.Length),6}");
    }

    private static double CityShare(IEnumerable<CityTileQuality> tiles)
    {
        var list = tiles.ToList();
        return 100.0 * list.Sum(t => t.OnPlanRaised) / Math.Max(1, list.Sum(t => t.OnPlanJudgements));
    }

    /// <summary>The wall's city tiles (issue 17's eighth round): each count, range and growth target's units rolled up at
    /// every judgement as CityTargetGrain rolls them (<see cref="CityTile"/>), against the city's truth
    /// (<see cref="CityTruth"/>). A tile yellow or red while the city is truly on plan is the false alarm leaders see first.</summary>
    private static void PrintCityTiles(SignalQualityResult r)
    {
        Console.WriteLine("City lights (the wall's target tiles)");
        Console.WriteLine("  (counts, ranges and growth: the units' judgements rolled up at every judgement by CityTargetGrain's roll-up and CityLight;");
        Console.WriteLine("   truth: the units' true cumulative values summed, against the city's plan curve, as a unit's truth)");
        CityTable([.. r.CityTiles]);
        Console.WriteLine();
    }

    private static void CityTable(List<CityTileQuality> tiles)
    {
        Console.WriteLine($"  {"target",-24} {"judgements",11} {"on plan",8} {"y/r",6} {"share",7} {"reds",5} {"false",6} {"finished",9} {"on plan",8} " +
            $"{"lags",5} {"caught",7} {"never",6} {"median",7} {"max",5} {"flaps",6}");
        foreach (var g in tiles.GroupBy(t => t.TargetId))
        {
            CityRow(g.Key, [.. g]);
        }
        CityRow("total", tiles);
        Console.WriteLine("  (on plan / y/r / share: city judgements made while the city was truly within tolerance, those showing yellow or red, their");
        Console.WriteLine("   share; false: red episodes of a city that finished the year (finished) or truly within tolerance when it turned red");
        Console.WriteLine("   (on plan); lags: runs of days the city was truly at or below −yellow, caught by the first yellow or red city light,");
        Console.WriteLine("   median and max delay in days; flaps: a city light change undone by the next within the flap window)");
    }

    private static void CityRow(string name, List<CityTileQuality> tiles)
    {
        var reds = tiles.SelectMany(t => t.Reds).ToList();
        var lags = tiles.SelectMany(t => t.Lags).ToList();
        var delays = lags.Where(l => l.Caught).Select(l => l.DelayDays!.Value).ToList();
        Console.WriteLine($"  {name,-24} {tiles.Sum(t => t.Judgements),11:N0} {tiles.Sum(t => t.OnPlanJudgements),8:N0} {tiles.Sum(t => t.OnPlanRaised),6:N0} " +
            $"{Pct(tiles.Sum(t => t.OnPlanRaised), tiles.Sum(t => t.OnPlanJudgements)),7} {reds.Count,5} {reds.Count(x => x.IsFalse),6} " +
            $"{reds.Count(x => x.FinishedYear),9} {reds.Count(x => x.TruthOnPlan),8} {lags.Count,5} {delays.Count,7} {lags.Count(l => !l.Caught),6} " +
            $"{Median(delays),7} {(delays.Count == 0 ? "-" : delays.Max().ToString(CultureInfo.InvariantCulture)),5} {tiles.Sum(t => t.Flaps.Length),6}");
    }

    private static string Kind(DemoUnitProfile p) => p.CatchesUp ? "catching up" : p.Pace < 0.9 ? "behind" : "near plan";

    private static int _statsLate;

    /// <summary>The demo year's replay; with <c>statsLate</c>, every Q3 figure of a quarterly count, range or growth
    /// target is sent that many days later (as when the statistics bureau publishes late for everyone).</summary>
    private static SignalQualityResult Replay(PlanDocument plan, int seed, int flapDays, bool confirmMarks = false)
    {
        if (_statsLate == 0) return SignalQuality.Replay(plan, seed, flapDays, confirmMarks);
        var q3 = new DateOnly(plan.Year, 9, 30);
        var reports = DemoYear.Generate(plan, seed).Select(r =>
            r.AsOf == q3 && plan.FindTarget(r.TargetId) is { ReportingCycle: ReportingCycle.Quarterly } t && SignalQuality.HasPaceTruth(t)
                ? r with { SendOn = r.SendOn.AddDays(_statsLate) }
                : r).OrderBy(r => r.SendOn).ToList();
        return SignalQuality.Replay(plan, reports, (unit, date) => DemoYear.ProfileOf(seed, unit).PaceOn(date), flapDays, confirmMarks);
    }

    /// <summary>Issue 17's inhibition: the late-release notices the city saw, and the unit judgements they covered.</summary>
    private static void PrintLateReleases(SignalQualityResult r)
    {
        Console.WriteLine($"Late releases (one city notice instead of a 未报送 per unit; statsLate {_statsLate} days)");
        Console.WriteLine($"  notices {r.LateReleases.Length}; unit judgements inhibited {r.InhibitedJudgements:N0}; judgements still flagged 未报送 {r.NotReportedJudgements:N0}");
        foreach (var n in r.LateReleases)
        {
            Console.WriteLine($"  {n.TargetId,-24} period {n.PeriodEnd:MM-dd}, release {n.Release:MM-dd}: {n.Missing} of {n.Units} reporting units missing");
        }
        Console.WriteLine();
    }

    private static List<int> Seeds(string text)
    {
        if (text.Split("..") is [var from, var to])
        {
            var (a, b) = (int.Parse(from, CultureInfo.InvariantCulture), int.Parse(to, CultureInfo.InvariantCulture));
            return [.. Enumerable.Range(a, b - a + 1)];
        }
        return [.. text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
    }

    private static string MedianDelay(PlanDocument plan, IEnumerable<LagCatch> lags, ReportingCycle cycle) =>
        Median(lags.Where(l => l.Caught && Cycle(plan, l) == cycle).Select(l => l.DelayDays!.Value));

    private static ReportingCycle Cycle(PlanDocument plan, LagCatch lag) => plan.FindTarget(lag.TargetId)!.ReportingCycle;

    private static string Pct(int part, int whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static bool Progress(TargetKind kind) => KejiLive.Domain.Progress.DataQuality.IsChecked(kind);

    private static void LagRow(string name, List<LagCatch> lags)
    {
        var delays = lags.Where(l => l.Caught).Select(l => l.DelayDays!.Value).Order().ToList();
        var p90 = delays.Count == 0 ? "-" : delays[(int)Math.Ceiling(0.9 * delays.Count) - 1].ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"  {name,-24} {lags.Count,5} {delays.Count,7} {lags.Count(l => !l.Caught),6} {Median(delays),13} {p90,5} " +
            $"{(delays.Count == 0 ? "-" : delays[^1].ToString(CultureInfo.InvariantCulture)),5} {lags.Count(l => l.DelayDays > 31),6} " +
            $"{lags.Count(l => l.CaughtBy is "yellow" or "red"),9} {lags.Count(l => l.CaughtBy == "未报送"),9} {lags.Count(l => l.RaisedBeforeOnset),5}");
    }

    /// <summary>True when the red began within 31 days after a date on which the target's curve steps up.</summary>
    private static bool AfterStep(PlanDocument plan, StepwiseRed red)
    {
        var target = plan.FindTarget(red.TargetId)!;
        var day = DateOnly.FromDateTime(red.From.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var steps = target.Curve.Kind == CurveKind.Baseline
            ? target.AssignmentFor(red.UnitId)!.Baseline.Select(b => b.Date.AddYears(1))
            : target.Curve.Points.Select(p => p.Date);
        return steps.Any(s => day >= s && day.DayNumber - s.DayNumber <= 31);
    }

    /// <summary>A count whose unit target is 1 or 2: a step to 50% or 62.5% cannot be met in whole units before the last step.</summary>
    private static bool Small(PlanDocument plan, StepwiseRed red) =>
        plan.FindTarget(red.TargetId) is { Kind: TargetKind.Count or TargetKind.Range } t && t.AssignmentFor(red.UnitId)!.Target <= 2;

    private static string Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? "-" : sorted[(sorted.Count - 1) / 2].ToString(CultureInfo.InvariantCulture);
    }

    private static string Name(KejiLive.Domain.Progress.Light light) => light.ToString().ToLowerInvariant();
}
