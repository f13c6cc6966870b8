using System.Collections.Concurrent;

namespace KejiLive.Grains;

/// <summary>Grain references of one interface, made once per key and kept (for the silo's publishers, which send to
/// the same grains batch after batch).</summary>
/// <remarks>Orleans' <c>GetGrain</c> resolves the interface type by reflection and builds a proxy on every call: on the
/// report path that was a few per cent of a report's CPU. A reference is a small immutable handle that stays valid
/// wherever its grain lives, so keeping it changes nothing but the cost.</remarks>
public sealed class GrainRefs<T>(IGrainFactory grains)
    where T : IGrainWithStringKey
{
    private readonly ConcurrentDictionary<string, T> _refs = new(StringComparer.Ordinal);

    /// <summary>The reference to grain <paramref name="key"/>.</summary>
    public T this[string key] => _refs.TryGetValue(key, out var known) ? known : _refs.GetOrAdd(key, grains.GetGrain<T>(key));
}
