using System.Collections.Immutable;

namespace KejiLive.Domain.Demo;

/// <summary>How one city tile (a count, range or growth target rolled up to the city) did against the city's truth
/// (<see cref="CityTruth"/>) over a replayed year. Definitions are the unit's (<see cref="SignalQuality"/>), read for the
/// city: unit id <see cref="CityTile.UnitId"/>, no 未报送 flag.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Judgements">City judgements: one after every replay instant at which any of its units was judged.</param>
/// <param name="LightChanges">Judgements whose light differs from the one before (grey at the start of the year).</param>
/// <param name="OnPlanJudgements">Judgements made on days the city was truly within the yellow tolerance.</param>
/// <param name="OnPlanRaised">Of those, the judgements that showed yellow or red (the wall's false alarm).</param>
/// <param name="Reds">Every red episode of the city light; false when the city finished the year or was truly within
/// tolerance on the day it turned red (any curve, not only stepwise ones).</param>
/// <param name="Lags">Every run of days the city was truly at or below −YellowPoints, caught by a yellow or red city light
/// or not.</param>
/// <param name="Flaps">Every city light change undone by the next change within the flap window.</param>
public sealed record CityTileQuality(
    string TargetId,
    int Judgements,
    int LightChanges,
    int OnPlanJudgements,
    int OnPlanRaised,
    ImmutableArray<StepwiseRed> Reds,
    ImmutableArray<LagCatch> Lags,
    ImmutableArray<LightFlap> Flaps)
{
    /// <summary>Red episodes that were false.</summary>
    public int FalseReds => Reds.Count(r => r.IsFalse);

    /// <summary>Lag episodes no yellow or red city light showed while they lasted.</summary>
    public int NeverCaught => Lags.Count(l => !l.Caught);
}
