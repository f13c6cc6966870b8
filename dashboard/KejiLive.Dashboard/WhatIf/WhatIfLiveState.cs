using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.WhatIf;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.WhatIf;

/// <summary>Reads what a proposal is computed on, without changing anything: the city roll-up (every unit's current
/// judgement and the city's light) and the report histories of the touched units only.</summary>
public static class WhatIfLiveState
{
    /// <summary>Every unit's current judgement of <paramref name="target"/> and the light the city shows.</summary>
    public static async Task<(List<UnitResult> Units, Light CityLight)> ReadAsync(IGrainFactory grains, TargetDefinition target)
    {
        var city = await grains.GetGrain<ICityTargetGrain>(target.Id).GetPageAsync(0, int.MaxValue);
        return ([.. city.Units.Select(s => new UnitResult(s.Unit, ToEvaluation(s)))], Parse(city.City.Light));
    }

    /// <summary>The accepted reports of each touched unit, as the domain judges them.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<ReportEntry>>> HistoriesAsync(IGrainFactory grains, TargetDefinition target, WhatIfProposal proposal)
    {
        var units = WhatIfCalculator.Touched(proposal).Distinct(StringComparer.Ordinal).ToList();
        var details = await Task.WhenAll(units.Select(u => grains.GetGrain<ITargetGrain>(GrainKeys.Target(target.Id, u)).GetDetailAsync()));
        return units.Zip(details).ToDictionary(p => p.First, p => (IReadOnlyList<ReportEntry>)[.. p.Second.History.Select(h => h.ToEntry())], StringComparer.Ordinal);
    }

    /// <summary>What each touched unit's other count, range and growth targets say of its pace, read from their current
    /// snapshots as the unit grain reads them (<see cref="UnitPace.Borrow"/>), so the proposal's forecasts start where the
    /// target page's do.</summary>
    public static async Task<Dictionary<string, BorrowedPace?>> UnitPacesAsync(IGrainFactory grains, PlanDocument plan, TargetDefinition target, WhatIfProposal proposal)
    {
        var units = WhatIfCalculator.Touched(proposal).Distinct(StringComparer.Ordinal).ToList();
        var paces = await Task.WhenAll(units.Select(async unit =>
        {
            var others = plan.Targets.Where(t => t.Id != target.Id && (t.Kind is TargetKind.Count or TargetKind.Range or TargetKind.Growth) && t.AssignmentFor(unit) is not null);
            var snapshots = await Task.WhenAll(others.Select(t => grains.GetGrain<ITargetGrain>(GrainKeys.Target(t.Id, unit)).GetSnapshotAsync()));
            return UnitPace.Borrow(snapshots.Select(s => s.ToOwnPace()).OfType<OwnPace>(), target.Id);
        }));
        return units.Zip(paces).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>A unit's snapshot back as the domain's judgement (for the city roll-up of untouched units).</summary>
    internal static TargetEvaluation ToEvaluation(TargetSnapshot s) => new(
        ShanghaiTime.DateOf(s.JudgedAt), s.AnnualTarget, s.Stretch, s.Actual, s.Expected, s.CompletionRate, s.ScheduleRate, s.GapPoints,
        Parse(s.Light), s.NotReported, s.ReportedAsOf, s.Forecast is { } f ? new Forecast(f.Value, f.Low, f.High) : null,
        s.RequiredPerMonth, s.WillMiss, s.DaysOverdue, s.Numerator, s.Denominator)
    {
        AwaitingReview = s.PendingReview,
        ScheduleDate = s.ScheduleDate == default ? ShanghaiTime.DateOf(s.JudgedAt) : s.ScheduleDate,
        Explanation = s.Explanation,
    };

    private static Light Parse(string light) => light switch
    {
        "green" => Light.Green,
        "yellow" => Light.Yellow,
        "red" => Light.Red,
        _ => Light.Grey,
    };
}
