using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>A city target (key: target id): the roll-up over its units, the per-unit breakdown and the shortfall. Its
/// view is rebuilt from the target grains on activation and kept current by their one-way updates.</summary>
public interface ICityTargetGrain : IGrainWithStringKey
{
    /// <summary>A unit's new state. One-way: a target grain never waits on the views.</summary>
    [OneWay]
    Task UpdateUnitAsync(TargetSnapshot snapshot);

    /// <summary>The roll-up judged now.</summary>
    Task<CitySnapshot> GetAsync();

    /// <summary>Re-judges every unit of this target, then the roll-up; returns the number of units judged.</summary>
    Task<int> JudgeAsync();
}
