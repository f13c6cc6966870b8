namespace KejiLive.Domain.Demo;

/// <summary>One red episode of a target × unit whose plan curve is stepwise (see <see cref="SignalQuality.IsStepwise"/>):
/// the light turned red at <paramref name="From"/> and left red at <paramref name="Until"/> (null: still red at year end).
/// A city tile's red episode has the same shape, on any curve (<see cref="CityTileQuality.Reds"/>).</summary>
/// <param name="Days">Shanghai calendar days from the day it turned red to the day it left red (or to 31 Dec); 0 when it
/// turned back the same day.</param>
/// <param name="FinishedYear">The unit's final effective value is at or above its annual target.</param>
/// <param name="TruthOnPlan">On the day the red began, the generator's true cumulative was within the yellow tolerance
/// (its true 较序时 was above −YellowPoints).</param>
public sealed record StepwiseRed(
    string TargetId,
    string UnitId,
    DateTimeOffset From,
    DateTimeOffset? Until,
    int Days,
    bool FinishedYear,
    bool TruthOnPlan)
{
    /// <summary>A false red: the unit finished the year or truly was on plan when the red began.</summary>
    public bool IsFalse => FinishedYear || TruthOnPlan;
}
