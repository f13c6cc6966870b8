using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Views;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Mapping;
using KejiLive.Grains.State;

namespace KejiLive.Grains;

/// <summary>A city target's roll-up. Its view is rebuilt from the target grains on activation and kept current by their
/// one-way updates through <see cref="IncrementalCityRollUp"/>: a unit's change costs O(log n), a read lists the units
/// in assignment order without searching. Only the city light is stored (hysteresis survives a restart).</summary>
public sealed class CityTargetGrain(
    [PersistentState("city-target", StorageNames.Keji)] IPersistentState<CityTargetState> state,
    PlanDocument plan,
    PlanClock clock) : Grain, ICityTargetGrain
{
    /// <summary>Units listed by <see cref="GetAsync"/> when no page is asked for: all of them up to this many, else the
    /// first this many (the answer carries the total).</summary>
    public const int DefaultPageSize = TargetPageLimits.Units;

    private readonly Dictionary<string, TargetSnapshot> _units = new(StringComparer.Ordinal);
    private readonly SortedMultiset<DateTimeOffset> _lastReceived = new();
    private IncrementalCityRollUp _book = null!;
    private readonly WorstFirstOrder _worst = new();
    private TargetDefinition _target = null!;
    private int _reportCount;
    private int _pendingReviews;
    private TargetSnapshot? _published;
    private LateRelease? _lateRelease;
    private HashSet<string> _counted = [];
    // The newest figure date of every counted unit that has one: the late-release rule counts from it in O(dates).
    private readonly SortedMultiset<DateOnly> _reportedAsOf = new();
    private bool _asOfChanged = true;
    private DateOnly _lateCheckedOn;
    private ILiveFeedGrain? _feed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _target = plan.FindTarget(id) ?? throw new InvalidOperationException($"Target '{id}' is not in plan '{plan.Id}'.");
        _book = new IncrementalCityRollUp(plan, _target);
        _counted = new HashSet<string>(_target.Assignments.Where(a => plan.FindUnit(a.UnitId)?.Kind != UnitKind.Overlay).Select(a => a.UnitId), StringComparer.Ordinal);
        var snapshots = await Task.WhenAll(_target.Assignments.Select(a =>
            GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(_target.Id, a.UnitId)).GetSnapshotAsync()));
        foreach (var s in snapshots) Keep(s);
    }

    public async Task UpdateUnitsAsync(ImmutableArray<TargetSnapshot> snapshots)
    {
        foreach (var snapshot in snapshots) Keep(snapshot);
        await PublishAsync(await CityAsync());
    }

    public Task<CitySnapshot> GetAsync() => GetPageAsync(0, null);

    public async Task<CitySnapshot> GetPageAsync(int offset, int? limit)
    {
        var city = await CityAsync();
        var order = _book.UnitsInOrder();
        var start = Math.Clamp(offset, 0, order.Length);
        var take = Math.Min(limit ?? (order.Length <= DefaultPageSize ? order.Length : DefaultPageSize), order.Length - start);
        return Page(city, "plan", start, [.. order.Skip(start).Take(Math.Max(0, take))], limit ?? DefaultPageSize);
    }

    public async Task<CitySnapshot> GetWorstFirstPageAsync(int offset, int limit)
    {
        var city = await CityAsync();
        var start = Math.Clamp(offset, 0, _worst.Count);
        return Page(city, "worst", start, [.. _worst.Page(start, limit)], limit);
    }

    public Task<ShortfallPage> GetShortfallsAsync(int offset, int limit)
    {
        var start = Math.Clamp(offset, 0, _book.ShortfallCount);
        return Task.FromResult(new ShortfallPage
        {
            Target = _target.Id,
            ShortfallCount = _book.ShortfallCount,
            Offset = start,
            Shortfalls = Lines(start, limit),
            UnitsReporting = _book.UnitsReporting,
            UnitsNotReported = _book.UnitsNotReported,
        });
    }

    private CitySnapshot Page(TargetSnapshot city, string order, int start, IReadOnlyList<string> units, int shortfalls) => new()
    {
        City = city,
        Units = [.. units.Select(u => _units[u])],
        Shortfalls = Lines(0, shortfalls),
        ShortfallCount = _book.ShortfallCount,
        UnitsReporting = _book.UnitsReporting,
        UnitsNotReported = _book.UnitsNotReported,
        LateRelease = _lateRelease is null ? null : ToNotice(_lateRelease),
        UnitCount = _units.Count,
        Offset = start,
        Order = order,
    };

    /// <summary>Shortfall lines from <paramref name="offset"/>, at most <paramref name="limit"/>, each with its unit's
    /// own light, 较序时 and 判灯依据.</summary>
    private ImmutableArray<ShortfallLine> Lines(int offset, int limit) =>
    [
        .. _book.Shortfalls(offset, limit).Select(s =>
        {
            var u = _units.GetValueOrDefault(s.UnitId);
            return new ShortfallLine
            {
                Unit = s.UnitId, Amount = s.Amount, Share = s.Share,
                Light = u?.Light ?? "grey", GapPoints = u?.GapPoints ?? 0, Explanation = u?.Explanation, NotReported = u?.NotReported ?? false,
                ExplanationCode = u?.ExplanationCode,
                RatioShort = _target.Kind == TargetKind.Ratio && u is not null ? RatioShortfall.Of(u.AnnualTarget, u.Actual) : null,
            };
        }),
    ];

    public Task<TargetSnapshot> GetCityAsync() => CityAsync();

    public async Task<TargetSnapshot> JudgeAsync()
    {
        var city = await CityAsync();
        await PublishAsync(city);
        return city;
    }

    /// <summary>Issue 17's inhibition: when most units miss the same period's figure, one notice for the city and the units
    /// told (one-way) not to be judged on it; they are told again when the notice begins, moves to another period or ends.</summary>
    private async Task<LateRelease?> LateReleaseAsync(DateTimeOffset now)
    {
        // Only when a unit's newest figure date or the day changed (not on every light change); O(distinct dates).
        var today = Domain.Calendar.ShanghaiTime.DateOf(now);
        if (!_asOfChanged && today == _lateCheckedOn) return _lateRelease;
        _asOfChanged = false;
        _lateCheckedOn = today;
        var late = ReleaseInhibition.Check(plan, _target, _reportedAsOf.Count, _reportedAsOf.CountBelow, today);
        if (late?.PeriodEnd != _lateRelease?.PeriodEnd)
        {
            var notice = late is null ? null : ToNotice(late);
            foreach (var a in _target.Assignments)
            {
                await GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(_target.Id, a.UnitId)).SetLateReleaseAsync(notice);
            }
        }
        _lateRelease = late;
        return late;
    }

    private static LateReleaseNotice ToNotice(LateRelease late) => new()
    {
        PeriodEnd = late.PeriodEnd,
        Release = late.Release,
        Missing = late.Missing,
        Units = late.Units,
        Message = late.Message,
    };

    private void Keep(TargetSnapshot snapshot)
    {
        // One-way updates may arrive out of order: never replace a newer judgement with an older one.
        if (_units.TryGetValue(snapshot.Unit, out var known))
        {
            if (known.JudgedAt > snapshot.JudgedAt) return;
            _reportCount -= known.ReportCount;
            _pendingReviews -= known.PendingReviews;
            if (known.LastReceivedAt is { } r) _lastReceived.Remove(r);
        }
        if (known?.ReportedAsOf != snapshot.ReportedAsOf)
        {
            _asOfChanged = true;
            if (_counted.Contains(snapshot.Unit))
            {
                if (known?.ReportedAsOf is { } before) _reportedAsOf.Remove(before);
                if (snapshot.ReportedAsOf is { } after) _reportedAsOf.Add(after);
            }
        }
        _units[snapshot.Unit] = snapshot;
        _reportCount += snapshot.ReportCount;
        _pendingReviews += snapshot.PendingReviews;
        if (snapshot.LastReceivedAt is { } received) _lastReceived.Add(received);
        _book.Set(new UnitResult(snapshot.Unit, SnapshotMapper.ToEvaluation(snapshot)));
        _worst.Set(snapshot.Unit, snapshot.Light, snapshot.NotReported, snapshot.GapPoints, Position(snapshot.Unit));
    }

    /// <summary>A unit's assignment order (units holding none after every assigned one).</summary>
    private int Position(string unit) => _book.OrderOf(unit) is var i and >= 0 ? i : int.MaxValue;

    /// <summary>The city figures judged now (O(log n)); stores the city light when it changed.</summary>
    private async Task<TargetSnapshot> CityAsync()
    {
        var now = clock.GetUtcNow();
        var late = await LateReleaseAsync(now);
        var evaluation = _book.City(now, LightNames.Parse(state.State.Light));
        var light = LightNames.ToName(evaluation.Light);
        if (light != state.State.Light)
        {
            state.State = state.State with { Light = light, JudgedAt = now };
            await state.WriteStateAsync();
        }
        return SnapshotMapper.ToSnapshot(_target.Id, CityUnit.Id, evaluation, now, _reportCount) with
        {
            LastReceivedAt = _lastReceived.Count == 0 ? null : _lastReceived.Max,
            // The city figure sums its units' figures, so it counts their 待核实 reports too.
            PendingReviews = _pendingReviews,
            UnitsRed = _target.Kind is TargetKind.Milestone or TargetKind.Rank ? null : _book.UnitsRed,
            UnitsDueSoon = _target.Kind is TargetKind.Milestone or TargetKind.Rank ? null : _book.UnitsDueSoon,
            // Why the city's light is what it is (CityLight), then the city's one notice when a release is late for most
            // units (its units are not flagged one by one).
            Explanation = late is null ? evaluation.Explanation : $"{evaluation.Explanation}{late.Message}",
        };
    }

    /// <summary>Pushes the city figures when something a viewer can see changed.</summary>
    private async Task PublishAsync(TargetSnapshot city)
    {
        if (_published is not null && _published with { JudgedAt = default } == city with { JudgedAt = default }) return;
        _published = city;
        await (_feed ??= GrainFactory.GetGrain<ILiveFeedGrain>(0)).PublishAsync(new LiveChanges { Cities = [city] });
    }
}
