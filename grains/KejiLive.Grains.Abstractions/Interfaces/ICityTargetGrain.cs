using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>A city target (key: target id): the roll-up over its units, the per-unit breakdown and the shortfall. Its
/// view is rebuilt from the target grains on activation and kept current by their one-way updates.</summary>
public interface ICityTargetGrain : IGrainWithStringKey
{
    /// <summary>New states of some of its units (a batch from one silo's <c>JudgementPublisher</c>). One-way: a target
    /// grain never waits on the views.</summary>
    [OneWay]
    Task UpdateUnitsAsync(ImmutableArray<TargetSnapshot> snapshots);

    /// <summary>The roll-up judged now, with the per-unit breakdown in assignment order: every unit when there are at
    /// most 500, else the first 500 (<see cref="CitySnapshot.UnitCount"/> tells the total).</summary>
    Task<CitySnapshot> GetAsync();

    /// <summary>The roll-up judged now with one page of the per-unit breakdown: units from <paramref name="offset"/>
    /// (0-based, assignment order), at most <paramref name="limit"/> of them (null: the default page of
    /// <see cref="GetAsync"/>). The city figures and counts cover every unit; the shortfalls listed are the largest, as
    /// many as the page's limit (<see cref="CitySnapshot.ShortfallCount"/> tells the total).</summary>
    Task<CitySnapshot> GetPageAsync(int offset, int? limit);

    /// <summary>Like <see cref="GetPageAsync"/> with the breakdown ordered worst first (red, yellow, green, grey; 未报送
    /// first; lowest 较序时 first; then assignment order) across every unit, from a maintained order (no sort per read).</summary>
    Task<CitySnapshot> GetWorstFirstPageAsync(int offset, int limit);

    /// <summary>One page of the units behind (差额 &gt; 0), largest first, each with its own light: from
    /// <paramref name="offset"/>, at most <paramref name="limit"/>, with the total.</summary>
    Task<ShortfallPage> GetShortfallsAsync(int offset, int limit);

    /// <summary>Judges the city against the clock: a figure may now be overdue for most units (a late release), and the
    /// notice is sent to the units when it begins, changes period or ends. The judge scheduler calls it after each sweep.</summary>
    Task<TargetSnapshot> JudgeAsync();

    /// <summary>The city figures judged now, without the breakdown or shortfalls (what a wall shows of a target).</summary>
    Task<TargetSnapshot> GetCityAsync();
}
