using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>Replays judgements day by day, so a past week is judged as it stood then: only reports received by each
/// day's end count, and each light carries the previous day's light for hysteresis (the live grain starts grey).</summary>
internal static class TrackReplay
{
    /// <summary>Judges one unit's share at the end of each day up to <paramref name="cutOff"/> (the last judgement is at
    /// the cut-off instant itself) and at <paramref name="previousEnd"/>. The track is 待核实 when the figure at the
    /// cut-off rests on a report awaiting review then (<see cref="PackReview"/>; <paramref name="marks"/> as stored, null
    /// when unknown).</summary>
    public static TargetTrack Unit(PlanDocument plan, TargetDefinition target, Assignment assignment,
        IReadOnlyList<ReportEntry> reports, IReadOnlyList<ReviewMark>? marks, DateTimeOffset cutOff, DateTimeOffset previousEnd)
    {
        var instants = Instants(plan, cutOff);
        var daily = new TargetEvaluation[instants.Length];
        var light = Light.Grey;
        TargetEvaluation? previous = null;
        for (var i = 0; i < instants.Length; i++)
        {
            daily[i] = TargetEvaluator.Evaluate(plan, target, assignment, reports, instants[i], light);
            light = daily[i].Light;
            if (instants[i] == previousEnd) previous = daily[i];
        }
        previous ??= TargetEvaluator.Evaluate(plan, target, assignment, reports, previousEnd, Light.Grey);
        var series = ReportSeries.EffectiveAt(PackReview.AsOf(reports, marks, instants[^1]), instants[^1], daily[^1].Date);
        return new TargetTrack(daily, previous, series.IsEmpty ? null : series[^1].Note, DataQuality.RestsOnUnconfirmed(series));
    }

    /// <summary>The track with its judgement at the cut-off made again with what the unit's other targets say of its pace
    /// then (<see cref="UnitPace.Borrow"/>), as the unit grain lends it to the target page: the year-end forecast the pack
    /// shows is the page's. Only the forecast can differ (the borrowed pace never moves a range, so never a light).</summary>
    public static TargetTrack WithUnitPace(PlanDocument plan, TargetDefinition target, Assignment assignment,
        IReadOnlyList<ReportEntry> reports, TargetTrack track, DateTimeOffset cutOff, BorrowedPace? unitPace)
    {
        if (unitPace is null || track.Current.OwnPace is null) return track;
        var daily = (TargetEvaluation[])track.Daily.Clone();
        var previous = daily.Length > 1 ? daily[^2].Light : Light.Grey;
        daily[^1] = TargetEvaluator.Evaluate(plan, target, assignment, reports, cutOff, previous, unitPace: unitPace);
        return track with { Daily = daily };
    }

    /// <summary>Rolls the units' daily judgements up to the city, day by day, with the city light's own hysteresis.</summary>
    public static TargetTrack City(PlanDocument plan, TargetDefinition target, IReadOnlyList<(string UnitId, TargetTrack Track)> units,
        DateTimeOffset cutOff, DateTimeOffset previousEnd)
    {
        var instants = Instants(plan, cutOff);
        var daily = new TargetEvaluation[instants.Length];
        var light = Light.Grey;
        TargetEvaluation? previous = null;
        for (var i = 0; i < instants.Length; i++)
        {
            var day = i;
            var results = units.Select(u => new UnitResult(u.UnitId, u.Track.Daily[day])).ToList();
            daily[i] = CityRollUp.Roll(plan, target, results, instants[i], light).City;
            light = daily[i].Light;
            if (instants[i] == previousEnd) previous = daily[i];
        }
        previous ??= CityRollUp.Roll(plan, target, [.. units.Select(u => new UnitResult(u.UnitId, u.Track.Previous))], previousEnd, Light.Grey).City;
        return new TargetTrack(daily, previous);
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
