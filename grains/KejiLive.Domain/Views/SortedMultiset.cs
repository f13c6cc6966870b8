namespace KejiLive.Domain.Views;

/// <summary>A multiset kept in order: add and remove in O(log n), the smallest and largest value in O(log n). Used by
/// the maintained views for "earliest date among the units" and "latest report" without walking every unit.</summary>
/// <typeparam name="T">The value type; equal values are counted, not repeated in the tree.</typeparam>
public sealed class SortedMultiset<T>
    where T : notnull
{
    private readonly SortedSet<T> _values;
    private readonly Dictionary<T, int> _counts;

    /// <summary>An empty multiset ordered by <paramref name="comparer"/> (the default order when null).</summary>
    public SortedMultiset(IComparer<T>? comparer = null)
    {
        _values = new SortedSet<T>(comparer ?? Comparer<T>.Default);
        _counts = [];
    }

    /// <summary>How many values are held, counting repeats.</summary>
    public int Count { get; private set; }

    /// <summary>The smallest value; undefined (default) when empty.</summary>
    public T? Min => _values.Min;

    /// <summary>The largest value; undefined (default) when empty.</summary>
    public T? Max => _values.Max;

    /// <summary>How many values held (counting repeats) are strictly less than <paramref name="bound"/>. O(distinct
    /// values below the bound): meant for few distinct values held by many, e.g. the units' figure dates.</summary>
    public int CountBelow(T bound)
    {
        var comparer = _values.Comparer;
        var below = 0;
        foreach (var value in _values)
        {
            if (comparer.Compare(value, bound) >= 0) break;
            below += _counts[value];
        }
        return below;
    }

    /// <summary>Adds one occurrence of <paramref name="value"/>.</summary>
    public void Add(T value)
    {
        _counts[value] = _counts.TryGetValue(value, out var n) ? n + 1 : 1;
        if (n == 0) _values.Add(value);
        Count++;
    }

    /// <summary>Removes one occurrence of <paramref name="value"/>; false when it was not held.</summary>
    public bool Remove(T value)
    {
        if (!_counts.TryGetValue(value, out var n)) return false;
        if (n == 1)
        {
            _counts.Remove(value);
            _values.Remove(value);
        }
        else
        {
            _counts[value] = n - 1;
        }
        Count--;
        return true;
    }
}
