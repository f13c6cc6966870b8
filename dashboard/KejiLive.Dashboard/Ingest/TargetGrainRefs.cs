using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KejiLive.Grains.Abstractions.Interfaces;

namespace KejiLive.Dashboard.Ingest;

/// <summary>Target × unit grain references, made once per key and grain factory. Orleans' <c>GetGrain</c> resolves the
/// interface type by reflection and builds a new proxy through dependency injection on every call, which cost about
/// as much as the rest of the web side of a report (issue 13's profile). Keys reach here only after the plan accepted
/// the target and the unit, so the cache holds at most one entry per target × unit of the plan.</summary>
public static class TargetGrainRefs
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<string, ITargetGrain>> ByFactory = new();

    public static ITargetGrain Get(IGrainFactory grains, string key)
    {
        var refs = ByFactory.GetValue(grains, static _ => new ConcurrentDictionary<string, ITargetGrain>(StringComparer.Ordinal));
        return refs.TryGetValue(key, out var grain) ? grain : refs.GetOrAdd(key, grains.GetGrain<ITargetGrain>(key));
    }
}
