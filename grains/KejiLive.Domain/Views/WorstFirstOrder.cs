namespace KejiLive.Domain.Views;

/// <summary>A city target's units kept worst first as their lights change, so a page of the breakdown "由差到好" over
/// thousands of units is read without sorting: a change costs O(log n); a page from <c>offset</c> walks
/// O(offset + limit).</summary>
/// <remarks>Order (the target page's own, <c>worstFirst</c> in tables.js): light red, yellow, green, grey; then 未报送
/// first; then 较序时 lowest first; then the plan's assignment order — a strict total order, since positions are
/// unique.</remarks>
public sealed class WorstFirstOrder
{
    private readonly SortedSet<Entry> _order = new(EntryOrder.Instance);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The number of units held.</summary>
    public int Count => _order.Count;

    /// <summary>Sets (adds or replaces) a unit's place: <paramref name="position"/> is its assignment order (ties last).</summary>
    public void Set(string unit, string light, bool notReported, double gapPoints, int position)
    {
        var entry = new Entry(unit, LightRank(light), notReported, double.IsNaN(gapPoints) ? 0 : gapPoints, position);
        // Most updates of a unit leave its place as it was (a report that moves no light, 未报送 or gap).
        if (_entries.TryGetValue(unit, out var old) && old == entry) return;
        if (old is not null) _order.Remove(old);
        _order.Add(entry);
        _entries[unit] = entry;
    }

    /// <summary>Units from <paramref name="offset"/> (0-based, worst first), at most <paramref name="limit"/>.</summary>
    public IEnumerable<string> Page(int offset, int limit) => _order.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit)).Select(e => e.Unit);

    /// <summary>red 0, yellow 1, green 2, grey (or anything else) 3.</summary>
    public static int LightRank(string? light) => light switch
    {
        "red" => 0,
        "yellow" => 1,
        "green" => 2,
        _ => 3,
    };

    private sealed record Entry(string Unit, int Light, bool NotReported, double Gap, int Position);

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var c = x.Light.CompareTo(y.Light);
            if (c != 0) return c;
            if (x.NotReported != y.NotReported) return x.NotReported ? -1 : 1;
            c = x.Gap.CompareTo(y.Gap);
            if (c != 0) return c;
            c = x.Position.CompareTo(y.Position);
            return c != 0 ? c : string.CompareOrdinal(x.Unit, y.Unit);
        }
    }
}
