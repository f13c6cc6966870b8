using System.Collections.Immutable;
using KejiLive.Domain.Alerts;
using KejiLive.Grains.Abstractions.Alerts;

namespace KejiLive.Grains.Alerts;

/// <summary>Every alert of the plan by id, with the orders and figures the pages read kept up to date as alerts change
/// (O(log n) per change): newest change first, most urgent first, live alerts per unit and the open ones by how long they have waited for an answer. A read
/// walks the maintained order it needs; nothing is sorted per read.</summary>
/// <remarks>Not thread-safe: owned by the alert index grain.</remarks>
public sealed class AlertBook(long firstVersion = 0)
{
    /// <summary>How many units a tally names as having the most live 督办.</summary>
    public const int TopUnits = 3;

    private readonly Dictionary<string, AlertView> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<AlertView> _byChange = new(Comparer<AlertView>.Create(CompareNewestChange));
    private readonly SortedSet<AlertView> _byUrgency = new(Comparer<AlertView>.Create(CompareUrgency));
    private readonly SortedSet<AlertView> _openByAge = new(Comparer<AlertView>.Create(CompareAwaiting));
    private readonly Dictionary<string, int> _liveByUnit = new(StringComparer.Ordinal);
    private readonly SortedSet<UnitAlertCount> _unitsByCount = new(Comparer<UnitAlertCount>.Create(CompareMost));
    private int _open;
    private int _acknowledged;

    /// <summary>Grows by one with every change applied.</summary>
    public long Version { get; private set; } = firstVersion;

    public int Count => _byId.Count;

    public IEnumerable<AlertView> All => _byId.Values;

    public static bool IsLive(AlertView a) => a.State is "open" or "acknowledged";

    /// <summary>Keeps <paramref name="alert"/> unless the book holds a newer view of it (a longer history). True when it
    /// was kept.</summary>
    public bool Keep(AlertView alert)
    {
        if (_byId.TryGetValue(alert.Id, out var held))
        {
            if (held.History.Length > alert.History.Length) return false;
            Forget(held);
        }
        _byId[alert.Id] = alert;
        _byChange.Add(alert);
        _byUrgency.Add(alert);
        if (alert.State == "open")
        {
            _open++;
            _openByAge.Add(alert);
        }
        else if (alert.State == "acknowledged") _acknowledged++;
        if (IsLive(alert)) CountLive(alert.Unit, +1);
        Version++;
        return true;
    }

    /// <summary>The tally of every unit (null) or of one unit. Every unit's is read from the maintained figures; one
    /// unit's walks the book once.</summary>
    public AlertTally Tally(string? unit)
    {
        if (unit is null)
        {
            var oldest = _openByAge.Count > 0 ? _openByAge.Min : null;
            return new AlertTally
            {
                Version = Version,
                Open = _open,
                Acknowledged = _acknowledged,
                TopUnits = [.. _unitsByCount.Take(TopUnits)],
                OldestOpen = oldest is null ? null : Ref(oldest),
            };
        }
        var mine = _byId.Values.Where(a => a.Unit == unit && IsLive(a)).ToList();
        var first = mine.Where(a => a.State == "open").OrderBy(a => a, Comparer<AlertView>.Create(CompareAwaiting)).FirstOrDefault();
        return new AlertTally
        {
            Version = Version,
            Unit = unit,
            Open = mine.Count(a => a.State == "open"),
            Acknowledged = mine.Count(a => a.State == "acknowledged"),
            TopUnits = mine.Count > 0 ? [new UnitAlertCount(unit, mine.Count)] : [],
            OldestOpen = first is null ? null : Ref(first),
        };
    }

    /// <summary>The newest live alerts (newest change first) of a unit or of every unit, at most <paramref name="limit"/>
    /// (all for null).</summary>
    public ImmutableArray<AlertView> NewestLive(string? unit, int? limit) =>
        [.. _byChange.Where(a => IsLive(a) && (unit is null || a.Unit == unit)).Take(limit ?? int.MaxValue)];

    /// <summary>One page of <paramref name="query"/>: one walk of the maintained order, counting as it goes.</summary>
    public AlertPage Page(AlertPageQuery query)
    {
        var order = query.Order == AlertOrders.Urgent ? _byUrgency : _byChange;
        int open = 0, acknowledged = 0, resolved = 0, closed = 0, red = 0, orange = 0, yellow = 0, escalated = 0, total = 0;
        var limit = query.Limit ?? int.MaxValue;
        var items = ImmutableArray.CreateBuilder<AlertView>();
        foreach (var a in order)
        {
            if (query.Unit is not null && a.Unit != query.Unit) continue;
            if (query.Target is not null && (a.Target ?? "") != query.Target) continue;
            switch (a.State)
            {
                case "open": open++; break;
                case "acknowledged": acknowledged++; break;
                case "resolved": resolved++; break;
                case "closed": closed++; break;
            }
            if (a.EscalationLevel > 0 && a.State != "closed") escalated++;
            if (!StateMatches(a, query.State) || (query.Severity is not null && a.Severity != query.Severity)) continue;
            switch (a.Severity)
            {
                case "red": red++; break;
                case "orange": orange++; break;
                case "yellow": yellow++; break;
            }
            if (total >= query.Offset && items.Count < limit) items.Add(a);
            total++;
        }
        return new AlertPage
        {
            Items = items.ToImmutable(),
            Total = total,
            Counts = new AlertCounts
            {
                Open = open, Acknowledged = acknowledged, Resolved = resolved, Closed = closed,
                Red = red, Orange = orange, Yellow = yellow, Escalated = escalated,
            },
            Tally = Tally(query.Unit),
        };
    }

    private static bool StateMatches(AlertView a, string? state) =>
        state is null || (state == "live" ? IsLive(a) : a.State == state);

    private void Forget(AlertView held)
    {
        _byChange.Remove(held);
        _byUrgency.Remove(held);
        if (held.State == "open")
        {
            _open--;
            _openByAge.Remove(held);
        }
        else if (held.State == "acknowledged") _acknowledged--;
        if (IsLive(held)) CountLive(held.Unit, -1);
    }

    private void CountLive(string unit, int by)
    {
        var before = _liveByUnit.GetValueOrDefault(unit);
        if (before > 0) _unitsByCount.Remove(new UnitAlertCount(unit, before));
        var after = before + by;
        if (after > 0)
        {
            _liveByUnit[unit] = after;
            _unitsByCount.Add(new UnitAlertCount(unit, after));
        }
        else _liveByUnit.Remove(unit);
    }

    private static AlertRef Ref(AlertView a) => new(a.Id, a.Unit, a.Target, a.OpenedAt) { AwaitingSince = a.AwaitingSince };

    private static int CompareNewestChange(AlertView? x, AlertView? y) =>
        y!.ChangedAt.CompareTo(x!.ChangedAt) is var c and not 0 ? c : string.CompareOrdinal(x.Id, y.Id);

    private static int CompareUrgency(AlertView? x, AlertView? y)
    {
        var c = StateRank(x!).CompareTo(StateRank(y!));
        if (c == 0) c = AlertNames.UrgencyRank(x!.Severity).CompareTo(AlertNames.UrgencyRank(y!.Severity));
        if (c == 0) c = x!.OpenedAt.CompareTo(y!.OpenedAt);
        return c != 0 ? c : string.CompareOrdinal(x!.Id, y!.Id);
    }

    private static int CompareAwaiting(AlertView? x, AlertView? y) =>
        x!.AwaitingSince.CompareTo(y!.AwaitingSince) is var c and not 0 ? c : string.CompareOrdinal(x.Id, y!.Id);

    private static int CompareMost(UnitAlertCount? x, UnitAlertCount? y) =>
        y!.Count.CompareTo(x!.Count) is var c and not 0 ? c : string.CompareOrdinal(x.Unit, y.Unit);

    /// <summary>Live first, then resolved, then closed.</summary>
    private static int StateRank(AlertView a) => a.State switch { "open" or "acknowledged" => 0, "resolved" => 1, _ => 2 };

}
