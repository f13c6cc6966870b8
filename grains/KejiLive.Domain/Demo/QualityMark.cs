using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>A demo report the 待核实 rule (<see cref="DataQuality.Check"/>) marked on arrival in a
/// <see cref="SignalQuality"/> replay. The demo's figures carry no real errors, so every mark is a false alarm.</summary>
/// <param name="ReceivedOn">The Shanghai day it arrived.</param>
/// <param name="Change">The change since the last trusted report (negative for a drop), in the target's measure.</param>
/// <param name="Allowance">The largest change the rule let pass, in the target's measure.</param>
/// <param name="Pace">The unit's generated (true) pace on <paramref name="AsOf"/> (1 = on plan).</param>
/// <param name="PaceChanged">The generated pace on <paramref name="AsOf"/> differs from the pace on the AsOf of the
/// unit's previous accepted report (or 1 January): the unit was catching up between the two.</param>
/// <param name="AfterUnconfirmed">An earlier report of the same target × unit was still 待核实 when this one arrived, so
/// the rule compared it with an older trusted report.</param>
public sealed record QualityMark(
    string TargetId,
    string UnitId,
    string ReportId,
    DateOnly AsOf,
    DateOnly ReceivedOn,
    QualityIssue Issue,
    double Change,
    double Allowance,
    double Pace,
    bool PaceChanged,
    bool AfterUnconfirmed)
{
    /// <summary>Pace of at least this is a unit near plan (the demo's near-plan units run 0.92–1.17).</summary>
    public const double NearPlanPace = 0.9;

    /// <summary>The unit's generated pace was the same since its previous report: the figure follows the same curve.</summary>
    public bool SteadyPace => !PaceChanged;

    /// <summary>A unit near plan at a steady pace: nothing in the generated data moved, the mark is the rule's alone.</summary>
    public bool NearPlan => Pace >= NearPlanPace && !PaceChanged;
}
