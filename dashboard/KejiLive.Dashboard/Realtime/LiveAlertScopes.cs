using System.Collections.Concurrent;

namespace KejiLive.Dashboard.Realtime;

/// <summary>The hub connections of unit users (role <c>unit</c>) in each group, with their unit: a unit user sees only
/// its own 督办, so <see cref="LiveBroadcaster"/> sends these connections each change with the other units' alerts left
/// out, and everyone else the whole change. A connection is registered before it joins a group and forgotten after it
/// left, so at no moment is a unit user in a group without being known here.</summary>
public sealed class LiveAlertScopes
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _groups = new(StringComparer.Ordinal);

    internal void Join(string group, string connectionId, string unit) =>
        _groups.GetOrAdd(group, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))[connectionId] = unit;

    internal void Leave(string group, string connectionId)
    {
        if (_groups.TryGetValue(group, out var members)) members.TryRemove(connectionId, out _);
    }

    internal void LeaveAll(string connectionId)
    {
        foreach (var members in _groups.Values) members.TryRemove(connectionId, out _);
    }

    /// <summary>The unit users in <paramref name="group"/>: connection id and unit.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> In(string group) =>
        _groups.TryGetValue(group, out var members) ? [.. members] : [];
}
