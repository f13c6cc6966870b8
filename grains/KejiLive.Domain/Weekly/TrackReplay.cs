using System.Collections.Immutable;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>Replays judgements day by day, so a past week is judged as it stood then: only reports received by each
/// day's end count, and each light carries the previous day's light and since when it shows (hysteresis and dwell, as
/// the live grain keeps them; the grain starts grey).</summary>
/// <remarks>Day after day over every target × unit at once, rolling each city target up from that day's unit
/// judgements: only one day's judgements are held at a time, so a plan of 2,850 units × 16 targets keeps 45,600 of them
/// rather than a year's worth of each.</remarks>
internal static class TrackReplay
{
    /// <summary>Every target × unit and city track of <paramref name="plan"/> at <paramref name="cutOff"/> (the last
    /// judgement is at the cut-off instant itself) and at <paramref name="previousEnd"/>. At the cut-off a unit's
    /// forecast reads its pace on its other targets then (<see cref="UnitPace.Borrow"/>), as the unit grain lends it to
    /// the target page, so the pack's year-end forecast is the page's (the borrowed pace never moves a range, so never a
    /// light). A unit track is 待核实 when the figure at the cut-off rests on a report awaiting review then
    /// (<see cref="PackReview"/>; the marks as stored, null or missing when unknown).</summary>
    /// <param name="parallelism">Threads the day's judgements may use.</param>
    public static PackTracks All(PlanDocument plan, IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>> histories,
        IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReviewMark>>? reviews, DateTimeOffset cutOff, DateTimeOffset previousEnd,
        int parallelism)
    {
        var instants = Instants(plan, cutOff);
        var pairs = plan.Targets.SelectMany(t => t.Assignments.Select(a => (Target: t, Assignment: a))).ToArray();
        var reports = pairs.Select(p => histories.TryGetValue((p.Target.Id, p.Assignment.UnitId), out var list) ? list : []).ToArray();
        var units = new UnitReplay[pairs.Length];
        var cities = plan.Targets.Select(t => new CityReplay(t)).ToArray();
        var firstPair = new int[plan.Targets.Length];
        for (int t = 0, k = 0; t < plan.Targets.Length; k += plan.Targets[t].Assignments.Length, t++) firstPair[t] = k;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };

        for (var day = 0; day < instants.Length; day++)
        {
            var now = instants[day];
            var d = day;
            Parallel.For(0, pairs.Length, options, k =>
            {
                var (t, a) = pairs[k];
                var e = TargetEvaluator.Evaluate(plan, t, a, reports[k], now, units[k]?.Light ?? new PreviousLight(Light.Grey, null));
                (units[k] ??= new UnitReplay()).Judged(d, e, now == previousEnd);
            });
            if (day < instants.Length - 1) RollCities(plan, cities, firstPair, pairs, units, day, now, previousEnd);
        }

        // The cut-off once more with the unit's pace on its other targets, then the cities' last day from those.
        var paces = Enumerable.Range(0, pairs.Length).Where(k => units[k].Current.OwnPace is not null)
            .ToLookup(k => pairs[k].Assignment.UnitId, k => units[k].Current.OwnPace!, StringComparer.Ordinal);
        Parallel.For(0, pairs.Length, options, k =>
        {
            var (t, a) = pairs[k];
            if (units[k].Current.OwnPace is null || UnitPace.Borrow(paces[a.UnitId], t.Id) is not { } lent) return;
            units[k].Current = TargetEvaluator.Evaluate(plan, t, a, reports[k], cutOff, units[k].DayBefore, unitPace: lent);
        });
        RollCities(plan, cities, firstPair, pairs, units, instants.Length - 1, instants[^1], previousEnd);

        var unitTracks = new Dictionary<(string TargetId, string UnitId), TargetTrack>(pairs.Length);
        for (var k = 0; k < pairs.Length; k++)
        {
            var (t, a) = pairs[k];
            var u = units[k];
            u.Previous ??= TargetEvaluator.Evaluate(plan, t, a, reports[k], previousEnd, Light.Grey);
            var marks = reviews is not null && reviews.TryGetValue((t.Id, a.UnitId), out var m) ? m : null;
            var series = ReportSeries.EffectiveAt(PackReview.AsOf(reports[k], marks, instants[^1]), instants[^1], u.Current.Date);
            unitTracks[(t.Id, a.UnitId)] = u.Track(series.IsEmpty ? null : series[^1].Note, DataQuality.RestsOnUnconfirmed(series));
        }
        var cityTracks = new Dictionary<string, TargetTrack>(StringComparer.Ordinal);
        for (var t = 0; t < plan.Targets.Length; t++)
        {
            var target = plan.Targets[t];
            var city = cities[t];
            city.Previous ??= CityRollUp.Roll(plan, target,
                [.. target.Assignments.Select(a => new UnitResult(a.UnitId, unitTracks[(target.Id, a.UnitId)].Previous))], previousEnd, Light.Grey).City;
            cityTracks[target.Id] = city.Track();
        }
        return new PackTracks(unitTracks, cityTracks);
    }

    private static void RollCities(PlanDocument plan, CityReplay[] cities, int[] firstPair, (TargetDefinition Target, Assignment Assignment)[] pairs,
        UnitReplay[] units, int day, DateTimeOffset now, DateTimeOffset previousEnd)
    {
        for (var t = 0; t < cities.Length; t++)
        {
            var target = cities[t].Target;
            var results = new UnitResult[target.Assignments.Length];
            for (var j = 0; j < results.Length; j++)
            {
                var k = firstPair[t] + j;
                results[j] = new UnitResult(pairs[k].Assignment.UnitId, units[k].Current);
            }
            cities[t].Judged(day, CityRollUp.Roll(plan, target, results, now, cities[t].Light).City, now == previousEnd);
        }
    }

    /// <summary>One track as it is replayed: the newest judgement and the one before it, the light to carry, the
    /// previous week's end, the current run of yellow or red and the step line of the actual value.</summary>
    private sealed class UnitReplay
    {
        private readonly ImmutableArray<DatedValue>.Builder _actuals = ImmutableArray.CreateBuilder<DatedValue>();
        private int _lastChange = -1;
        private int _lastDay;

        public TargetEvaluation Current { get; set; } = null!;

        public PreviousLight DayBefore { get; private set; } = new(Progress.Light.Grey, null);

        public PreviousLight Light => new(Current.Light, Current.LightSince);

        public TargetEvaluation? Previous { get; set; }

        public DateOnly? BehindSince { get; private set; }

        public void Judged(int day, TargetEvaluation e, bool isPreviousEnd)
        {
            if (day > 0) DayBefore = Light;
            var before = day > 0 ? Current : null;
            Current = e;
            if (isPreviousEnd) Previous = e;
            if (!TargetTrack.IsBehind(e.Light)) BehindSince = null;
            else if (before is null || !TargetTrack.IsBehind(before.Light)) BehindSince = e.Date;
            if (before is null || e.Actual != before.Actual)
            {
                _actuals.Add(new DatedValue(e.Date, e.Actual));
                _lastChange = day;
            }
            _lastDay = day;
        }

        public TargetTrack Track(string? note = null, bool awaitingReview = false)
        {
            var actuals = _actuals.ToImmutable();
            // The step line ends on the last day (the cut-off's judgement, which may carry the unit's pace).
            if (_lastChange != _lastDay) actuals = actuals.Add(new DatedValue(Current.Date, Current.Actual));
            else actuals = actuals.SetItem(actuals.Length - 1, new DatedValue(Current.Date, Current.Actual));
            return new TargetTrack(Current, Previous!, TargetTrack.IsBehind(Current.Light) ? BehindSince : null, actuals, note, awaitingReview);
        }
    }

    /// <summary>A city target as it is replayed (its light with its own hysteresis).</summary>
    private sealed class CityReplay(TargetDefinition target)
    {
        private readonly UnitReplay _track = new();

        public TargetDefinition Target { get; } = target;

        public Light Light => _track.Current is null ? Light.Grey : _track.Current.Light;

        public TargetEvaluation? Previous { get => _track.Previous; set => _track.Previous = value; }

        public void Judged(int day, TargetEvaluation e, bool isPreviousEnd) => _track.Judged(day, e, isPreviousEnd);

        public TargetTrack Track() => _track.Track();
    }

    /// <summary>The end of every day of the plan year up to the cut-off's day, the last replaced by the cut-off.</summary>
    private static DateTimeOffset[] Instants(PlanDocument plan, DateTimeOffset cutOff)
    {
        var first = new DateOnly(plan.Year, 1, 1);
        var start = PlanWeeks.PlanStart(plan);
        var last = cutOff <= start ? first : ShanghaiTime.DateOf(cutOff > PlanWeeks.PlanEnd(plan) ? PlanWeeks.PlanEnd(plan) : cutOff);
        var count = last.DayNumber - first.DayNumber + 1;
        var instants = new DateTimeOffset[count];
        for (var i = 0; i < count; i++) instants[i] = ShanghaiTime.StartOf(first.AddDays(i + 1)).AddTicks(-1);
        instants[^1] = cutOff < instants[^1] ? cutOff : instants[^1];
        return instants;
    }
}
