using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Views;

/// <summary>A city target's roll-up kept current one unit at a time: each unit's contribution is held, so replacing a
/// unit's evaluation updates the city's sums and counts in O(1) and its ordered parts (earliest schedule date, latest
/// report, shortfalls) in O(log n). <see cref="Roll"/> gives what <see cref="CityRollUp.Roll"/> gives over the same
/// units (sums exact in decimal, so equal up to the last bits of a double).</summary>
/// <remarks>Units are listed in the plan's assignment order through a precomputed index, never searched. Overlay units
/// are held (and listed) but never summed, counted or listed in shortfalls. Milestones and ranks have one owner: the
/// city figure is the owner's (the first assigned unit; else the first held unit in assignment order).</remarks>
public sealed class IncrementalCityRollUp
{
    private readonly PlanDocument _plan;
    private readonly TargetDefinition _target;
    private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);
    private readonly HashSet<string> _overlays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetEvaluation> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitContribution> _counted = new(StringComparer.Ordinal);
    private readonly SortedMultiset<DateOnly> _scheduleDates = new();
    private readonly SortedMultiset<DateOnly> _reportedAsOf = new();
    private readonly SortedSet<Shortfall> _shortfalls = new(ShortfallOrder.Instance);
    private readonly Dictionary<string, Shortfall> _shortfallOf = new(StringComparer.Ordinal);
    private decimal _annual, _actual, _expected, _owed, _fValue, _fLow, _fHigh, _numerator, _denominator, _shortfallTotal;
    private int _withForecast, _withRatio, _reporting, _notReported, _red, _dueSoon;

    /// <summary>An empty roll-up of <paramref name="target"/> in <paramref name="plan"/>.</summary>
    public IncrementalCityRollUp(PlanDocument plan, TargetDefinition target)
    {
        _plan = plan;
        _target = target;
        var assignments = target.Assignments.IsDefault ? [] : target.Assignments;
        for (var i = 0; i < assignments.Length; i++) _order.TryAdd(assignments[i].UnitId, i);
        foreach (var u in plan.Units)
        {
            if (u.Kind == UnitKind.Overlay) _overlays.Add(u.Id);
        }
    }

    /// <summary>The number of units held (overlays included).</summary>
    public int Count => _units.Count;

    /// <summary>Counted units whose newest report has a date.</summary>
    public int UnitsReporting => _reporting;

    /// <summary>Counted units that are 未报送.</summary>
    public int UnitsNotReported => _notReported;

    /// <summary>Counted units whose own light is red.</summary>
    public int UnitsRed => _red;

    /// <summary>Counted units that are 临期 (<see cref="TargetEvaluation.DueSoon"/>): an item not done falls due soon.</summary>
    public int UnitsDueSoon => _dueSoon;

    /// <summary>The position of <paramref name="unitId"/> in the target's assignments, or −1 when it holds none
    /// (O(1): a precomputed index).</summary>
    public int OrderOf(string unitId) => _order.TryGetValue(unitId, out var i) ? i : -1;

    /// <summary>The evaluation held for a unit, or null.</summary>
    public TargetEvaluation? Find(string unitId) => _units.GetValueOrDefault(unitId);

    /// <summary>Sets (adds or replaces) one unit's evaluation: O(log n).</summary>
    public void Set(UnitResult unit)
    {
        Remove(unit.UnitId);
        _units[unit.UnitId] = unit.Evaluation;
        if (_overlays.Contains(unit.UnitId)) return;
        var c = UnitContribution.Of(_target, unit.Evaluation);
        _counted[unit.UnitId] = c;
        Apply(c, +1);
        if (c.ReportedAsOf is { } r) _reportedAsOf.Add(r);
        _scheduleDates.Add(c.ScheduleDate);
        if (c.Shortfall > 0)
        {
            var s = new Shortfall(unit.UnitId, c.Shortfall, 0);
            _shortfalls.Add(s);
            _shortfallOf[unit.UnitId] = s;
        }
    }

    /// <summary>Removes a unit: O(log n). False when it was not held.</summary>
    public bool Remove(string unitId)
    {
        if (!_units.Remove(unitId)) return false;
        if (!_counted.Remove(unitId, out var c)) return true;
        Apply(c, -1);
        if (c.ReportedAsOf is { } r) _reportedAsOf.Remove(r);
        _scheduleDates.Remove(c.ScheduleDate);
        if (_shortfallOf.Remove(unitId, out var s)) _shortfalls.Remove(s);
        return true;
    }

    private void Apply(UnitContribution c, int sign)
    {
        _annual += sign * c.Annual;
        _actual += sign * c.Actual;
        _expected += sign * c.Expected;
        _owed += sign * c.Owed;
        _fValue += sign * c.ForecastValue;
        _fLow += sign * c.ForecastLow;
        _fHigh += sign * c.ForecastHigh;
        _withForecast += c.HasForecast ? sign : 0;
        _numerator += sign * c.Numerator;
        _denominator += sign * c.Denominator;
        _withRatio += c.HasRatio ? sign : 0;
        _reporting += c.Reporting ? sign : 0;
        _notReported += c.NotReported ? sign : 0;
        _red += c.Red ? sign : 0;
        _dueSoon += c.DueSoon ? sign : 0;
        _shortfallTotal += sign * UnitContribution.Exact(c.Shortfall);
    }

    /// <summary>The city's own figures at <paramref name="now"/>, with hysteresis against <paramref name="previous"/>:
    /// O(log n), whatever the number of units.</summary>
    public TargetEvaluation City(DateTimeOffset now, Light previous)
    {
        var date = PlanCurve.JudgedDate(_plan.Year, now);
        return _target.Kind switch
        {
            TargetKind.Milestone or TargetKind.Rank => Owner(date),
            TargetKind.Ratio => Ratio(date, previous),
            _ => Cumulative(date, previous),
        };
    }

    /// <summary>The whole roll-up as <see cref="CityRollUp.Roll"/> gives it; the shortfalls are read from the
    /// maintained order (O(k) for k units behind), not sorted.</summary>
    public CityEvaluation Roll(DateTimeOffset now, Light previous) =>
        new(City(now, previous), _reporting, _notReported, Shortfalls(), _red);

    /// <summary>Units behind (差额 &gt; 0), largest first, then by unit id; shares of the total shortfall.</summary>
    public ImmutableArray<Shortfall> Shortfalls() => Shortfalls(0, _shortfalls.Count);

    /// <summary>How many units are behind (差额 &gt; 0).</summary>
    public int ShortfallCount => _shortfalls.Count;

    /// <summary>One page of <see cref="Shortfalls()"/>: from <paramref name="offset"/> (0-based), at most
    /// <paramref name="limit"/>; O(offset + limit), shares of the whole total.</summary>
    public ImmutableArray<Shortfall> Shortfalls(int offset, int limit)
    {
        if (_shortfalls.Count == 0 || limit <= 0) return [];
        var total = (double)_shortfallTotal;
        return [.. _shortfalls.Skip(Math.Max(0, offset)).Take(limit).Select(s => s with { Share = s.Amount / total })];
    }

    /// <summary>The held units' ids in assignment order (units holding no assignment last, by id): O(n), no search.</summary>
    public ImmutableArray<string> UnitsInOrder()
    {
        var slots = new string?[_order.Count];
        List<string>? extra = null;
        foreach (var id in _units.Keys)
        {
            if (_order.TryGetValue(id, out var i)) slots[i] = id;
            else (extra ??= []).Add(id);
        }
        var result = ImmutableArray.CreateBuilder<string>(_units.Count);
        foreach (var id in slots)
        {
            if (id is not null) result.Add(id);
        }
        if (extra is not null) result.AddRange(extra.Order(StringComparer.Ordinal));
        return result.MoveToImmutable();
    }

    private TargetEvaluation Owner(DateOnly date)
    {
        var ownerId = _target.Assignments.IsDefaultOrEmpty ? null : _target.Assignments[0].UnitId;
        TargetEvaluation? owner = ownerId is not null ? _units.GetValueOrDefault(ownerId) : null;
        if (owner is null && _units.Count > 0) owner = _units[UnitsInOrder()[0]];
        if (owner is not null) return owner with { NotReported = false };
        var annual = _target.Kind == TargetKind.Milestone ? _target.Milestones.Length : _target.CityTarget;
        return new TargetEvaluation(date, annual, null, 0, 0, 0, 0, 0, Light.Grey, false, null, null, null, false, 0, null, null);
    }

    private TargetEvaluation Cumulative(DateOnly date, Light previous)
    {
        var annual = (double)_annual;
        var actual = (double)_actual;
        var expected = (double)_expected;
        var sr = annual > 0 ? expected / annual : 0;
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - sr) * 100;
        var forecast = _withForecast > 0 ? new Forecast((double)_fValue, (double)_fLow, (double)_fHigh) : null;
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        DateOnly? reportedAsOf = _reportedAsOf.Count > 0 ? _reportedAsOf.Max : null;
        // The owed sum and the red count are kept like the others: the city's rule needs no walk over the units.
        var (light, why, code) = CityLight.Judge(_target, annual, actual, (double)_owed, reportedAsOf is not null, _red, previous);
        double? stretch = _target.Kind == TargetKind.Range ? _target.Stretch : null;
        return new TargetEvaluation(
            date, annual, stretch, actual, expected, cr, sr, gap, light, false, reportedAsOf, forecast,
            TargetEvaluator.RequiredPerMonth(annual, actual, date), willMiss, 0, null, null)
        {
            ScheduleDate = _scheduleDates.Count == 0 ? date : _scheduleDates.Min,
            ScheduleDateLatest = _scheduleDates.Count == 0 || _scheduleDates.Max == _scheduleDates.Min ? null : _scheduleDates.Max,
            Explanation = why,
            ExplanationCode = code,
        };
    }

    private TargetEvaluation Ratio(DateOnly date, Light previous)
    {
        var any = _withRatio > 0;
        var sumN = (double)_numerator;
        var sumD = (double)_denominator;
        var annual = _target.CityTarget;
        var actual = any && sumD > 0 ? sumN / sumD * _target.RatioScale : 0;
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - 1) * 100;
        DateOnly? reportedAsOf = _reportedAsOf.Count > 0 ? _reportedAsOf.Max : null;
        var forecast = reportedAsOf is null ? null : ForecastModel.Ratio(actual, PlanCurve.LinearShare(date));
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        var light = TargetEvaluator.RatioLight(gap, reportedAsOf is not null, _target.Thresholds, previous);
        return new TargetEvaluation(
            date, annual, null, actual, annual, cr, 1, gap, light, false, reportedAsOf, forecast, null, willMiss, 0,
            any ? sumN : null, any ? sumD : null);
    }

    /// <summary>Largest shortfall first, then by unit id: a strict total order (unit ids are unique).</summary>
    private sealed class ShortfallOrder : IComparer<Shortfall>
    {
        public static readonly ShortfallOrder Instance = new();

        public int Compare(Shortfall? x, Shortfall? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var byAmount = y.Amount.CompareTo(x.Amount);
            return byAmount != 0 ? byAmount : string.CompareOrdinal(x.UnitId, y.UnitId);
        }
    }
}
