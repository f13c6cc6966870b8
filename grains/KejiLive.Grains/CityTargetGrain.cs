using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Mapping;

namespace KejiLive.Grains;

/// <summary>A city target's roll-up. Holds no storage of its own: its view is rebuilt from the target grains on
/// activation and kept current by their one-way updates; the maths is <see cref="CityRollUp"/>.</summary>
public sealed class CityTargetGrain(PlanDocument plan, PlanClock clock) : Grain, ICityTargetGrain
{
    private readonly Dictionary<string, TargetSnapshot> _units = new(StringComparer.Ordinal);
    private TargetDefinition _target = null!;
    private Light _cityLight = Light.Grey;
    private TargetSnapshot? _published;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _target = plan.FindTarget(id) ?? throw new InvalidOperationException($"Target '{id}' is not in plan '{plan.Id}'.");
        var snapshots = await Task.WhenAll(_target.Assignments.Select(a =>
            GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(_target.Id, a.UnitId)).GetSnapshotAsync()));
        foreach (var s in snapshots) Keep(s);
    }

    public async Task UpdateUnitAsync(TargetSnapshot snapshot)
    {
        Keep(snapshot);
        await PublishAsync(Roll());
    }

    public Task<CitySnapshot> GetAsync() => Task.FromResult(Roll());

    public async Task<int> JudgeAsync()
    {
        var snapshots = await Task.WhenAll(_target.Assignments.Select(a =>
            GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(_target.Id, a.UnitId)).JudgeAsync()));
        foreach (var s in snapshots) Keep(s);
        await PublishAsync(Roll());
        return snapshots.Length;
    }

    private void Keep(TargetSnapshot snapshot)
    {
        // One-way updates may arrive out of order: never replace a newer judgement with an older one.
        if (_units.TryGetValue(snapshot.Unit, out var known) && known.JudgedAt > snapshot.JudgedAt) return;
        _units[snapshot.Unit] = snapshot;
    }

    private CitySnapshot Roll()
    {
        var now = clock.GetUtcNow();
        var results = _units.Values.Select(s => new UnitResult(s.Unit, SnapshotMapper.ToEvaluation(s))).ToList();
        var rolled = CityRollUp.Roll(plan, _target, results, now, _cityLight);
        _cityLight = rolled.City.Light;
        var order = _target.Assignments.Select(a => a.UnitId).ToList();
        return new CitySnapshot
        {
            City = SnapshotMapper.ToSnapshot(_target.Id, CityUnit.Id, rolled.City, now, _units.Values.Sum(s => s.ReportCount)) with
            {
                LastReceivedAt = _units.Values.Max(s => s.LastReceivedAt),
                // The city figure sums its units' figures, so it counts their 待核实 reports too.
                PendingReviews = _units.Values.Sum(s => s.PendingReviews),
            },
            Units = [.. _units.Values.OrderBy(s => order.IndexOf(s.Unit))],
            Shortfalls = [.. rolled.Shortfalls.Select(s => new ShortfallLine { Unit = s.UnitId, Amount = s.Amount, Share = s.Share })],
            UnitsReporting = rolled.UnitsReporting,
            UnitsNotReported = rolled.UnitsNotReported,
        };
    }

    /// <summary>Pushes the city figures when something a viewer can see changed.</summary>
    private async Task PublishAsync(CitySnapshot rolled)
    {
        var city = rolled.City;
        if (_published is not null && _published with { JudgedAt = default } == city with { JudgedAt = default }) return;
        _published = city;
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).PublishAsync(new LiveChanges { Cities = [city] });
    }
}
