using System.Collections.Immutable;

namespace KejiLive.Domain.Views;

/// <summary>The 赛马 ranking kept in order as scores change: a change costs O(log n) and no read sorts.</summary>
/// <remarks>Order: score rounded to 0.01, highest first, then unit id (ordinal) — a strict total order, since ids are
/// unique. Place: 1 + the number of units with a strictly higher rounded score, so units whose scores agree to 0.01 share
/// a place (并列) and the next place skips (1, 2, 2, 4). The leaders and laggards are read by walking the ends of the
/// order (O(k + log n)); a unit's place and the whole list come from a materialised copy rebuilt in O(n) by walking the
/// order only after a change.</remarks>
public sealed class RankingOrder
{
    private readonly SortedSet<Entry> _order = new(EntryOrder.Instance);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<double, int> _tieSizes = [];
    private ImmutableArray<RankedUnit>? _all;
    private Dictionary<string, int>? _places;

    /// <summary>The number of ranked units (units with a score).</summary>
    public int Count => _order.Count;

    /// <summary>Sets a unit's score (null removes it from the ranking). O(log n). True when the score changed.</summary>
    public bool Set(string unit, double? score)
    {
        var had = _entries.TryGetValue(unit, out var old);
        if (had && score is { } same && same.Equals(old!.Score)) return false;
        if (!had && score is null) return false;
        if (had)
        {
            _order.Remove(old!);
            _entries.Remove(unit);
            if (--_tieSizes[old!.Key] == 0) _tieSizes.Remove(old.Key);
        }
        if (score is { } s)
        {
            var entry = new Entry(unit, s, Math.Round(s, 2));
            _order.Add(entry);
            _entries[unit] = entry;
            _tieSizes[entry.Key] = _tieSizes.GetValueOrDefault(entry.Key) + 1;
        }
        _all = null;
        _places = null;
        return true;
    }

    /// <summary>A unit's score, or null when it is not ranked.</summary>
    public double? ScoreOf(string unit) => _entries.TryGetValue(unit, out var e) ? e.Score : null;

    /// <summary>A unit's place, or null when it is not ranked.</summary>
    public int? PlaceOf(string unit)
    {
        if (!_entries.ContainsKey(unit)) return null;
        if (_places is null)
        {
            var all = All();
            _places = new Dictionary<string, int>(all.Length, StringComparer.Ordinal);
            foreach (var r in all) _places[r.Unit] = r.Rank;
        }
        return _places[unit];
    }

    /// <summary>Every ranked unit, best first (materialised once per change by walking the order: no sort).</summary>
    public ImmutableArray<RankedUnit> All()
    {
        if (_all is { } cached) return cached;
        var result = ImmutableArray.CreateBuilder<RankedUnit>(_order.Count);
        foreach (var r in Leading(_order.Count)) result.Add(r);
        var built = result.MoveToImmutable();
        _all = built;
        return built;
    }

    /// <summary>The best <paramref name="count"/> units, best first: O(count + log n).</summary>
    public ImmutableArray<RankedUnit> Top(int count) => [.. Leading(Math.Min(count, _order.Count))];

    /// <summary>The last <paramref name="count"/> units, best first (so the very last is last): O(count + log n).</summary>
    public ImmutableArray<RankedUnit> Bottom(int count)
    {
        var take = Math.Min(count, _order.Count);
        var result = new RankedUnit[take];
        var below = 0;          // units strictly below the current tie group
        var walked = 0;
        double? groupKey = null;
        var groupBelow = 0;
        foreach (var e in _order.Reverse())
        {
            if (walked == take) break;
            if (groupKey != e.Key)
            {
                groupKey = e.Key;
                groupBelow = below;
            }
            // Place = 1 + units strictly above = n − (units below the group + the group's size) + 1.
            var rank = _order.Count - groupBelow - _tieSizes[e.Key] + 1;
            result[take - 1 - walked] = new RankedUnit(e.Unit, e.Score, rank);
            walked++;
            below++;
        }
        return [.. result];
    }

    /// <summary>What a wall shows: every unit when there are at most <paramref name="showAllUpTo"/>, else the
    /// <paramref name="leaders"/> best and the <paramref name="laggards"/> last, best first.</summary>
    public ImmutableArray<RankedUnit> ForWall(int showAllUpTo, int leaders, int laggards)
    {
        if (_order.Count <= showAllUpTo) return All();
        var top = Top(leaders);
        var bottom = Bottom(Math.Min(laggards, _order.Count - top.Length));
        return top.AddRange(bottom);
    }

    private IEnumerable<RankedUnit> Leading(int count)
    {
        var i = 0;
        var rank = 0;
        double? previousKey = null;
        foreach (var e in _order)
        {
            if (i == count) yield break;
            if (previousKey != e.Key) rank = i + 1;
            previousKey = e.Key;
            yield return new RankedUnit(e.Unit, e.Score, rank);
            i++;
        }
    }

    private sealed record Entry(string Unit, double Score, double Key);

    /// <summary>Rounded score descending, then unit id ascending (ordinal).</summary>
    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var byKey = y.Key.CompareTo(x.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(x.Unit, y.Unit);
        }
    }
}
