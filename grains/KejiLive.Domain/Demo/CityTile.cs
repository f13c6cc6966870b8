using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Views;

namespace KejiLive.Domain.Demo;

/// <summary>The wall's city tile of a target in the replay: its units' judgements rolled up through the year by the live
/// roll-up itself (<see cref="IncrementalCityRollUp"/>, the code CityTargetGrain runs, with <see cref="CityLight"/>), and
/// the tile measured against the city's truth (<see cref="CityTruth"/>).</summary>
public static class CityTile
{
    /// <summary>The unit id the city's episodes carry (as the grains name the city).</summary>
    public const string UnitId = "city";

    /// <summary>The city's judgements through the year: at every instant at which any unit was judged, every unit judged
    /// then is set in the roll-up (CityTargetGrain keeps each unit's newest snapshot) and the city is judged once, with the
    /// city's previous light for hysteresis (grey at the start, as CityTargetState). Instants in time order.</summary>
    public static List<(DateTimeOffset At, TargetEvaluation City)> Roll(PlanDocument plan, TargetDefinition target,
        IEnumerable<UnitJudgement> judgements)
    {
        var book = new IncrementalCityRollUp(plan, target);
        var previous = Light.Grey;
        var city = new List<(DateTimeOffset, TargetEvaluation)>();
        foreach (var instant in judgements.GroupBy(j => j.At).OrderBy(g => g.Key))
        {
            foreach (var j in instant) book.Set(j.Unit);
            var e = book.City(instant.Key, previous);
            previous = e.Light;
            city.Add((instant.Key, e));
        }
        return city;
    }

    /// <summary>Measures the city's <paramref name="lights"/> (in time order) against <paramref name="lagging"/> (per day
    /// of <paramref name="year"/>, <see cref="CityTruth.Lagging"/>) with the unit's definitions: yellow or red while truly
    /// within tolerance, red episodes (false when <paramref name="finished"/> or truly within tolerance when they began),
    /// lag runs and when a yellow or red first showed them, flaps within <paramref name="flapDays"/>.</summary>
    public static CityTileQuality Measure(string targetId, IReadOnlyList<(DateTimeOffset At, Light Light)> lights, bool[] lagging,
        bool finished, int flapDays, int year)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flapDays);
        var timeline = lights.Select(l => new SignalQuality.Judgement(l.At, l.Light, false, false)).ToList();
        var onPlan = timeline.Where(j => !lagging[ShanghaiTime.DateOf(j.At).DayOfYear - 1]).ToList();
        var changes = SignalQuality.Changes(timeline);
        return new CityTileQuality(targetId, timeline.Count, changes.Count, onPlan.Count,
            onPlan.Count(j => j.Light is Light.Yellow or Light.Red),
            [.. SignalQuality.RedEpisodes(targetId, UnitId, timeline, finished, lagging)],
            [.. SignalQuality.Lags(targetId, UnitId, timeline, lagging, year)],
            [.. SignalQuality.Flaps(targetId, UnitId, changes, flapDays)]);
    }
}
