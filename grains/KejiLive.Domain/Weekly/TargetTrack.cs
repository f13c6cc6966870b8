using System.Collections.Immutable;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>A target × unit (or a city target) judged at the end of every day from 1 January to the cut-off, the way
/// the live grain judges it (each day's light is the previous day's light with hysteresis and dwell), kept as what the
/// pack reads of it: the judgement at the cut-off and at the previous week's end, when its current run of yellow or red
/// began and its actual value as a step line. Not every day's judgement: at 2,850 units that was 9 million of them held
/// at once.</summary>
/// <param name="Current">The judgement at the cut-off.</param>
/// <param name="Previous">The judgement at the end of the previous week.</param>
/// <param name="BehindSince">The first day of the current run of yellow or red lights; null when the light now is neither.</param>
/// <param name="Actuals">The actual value as a step line: the first day, every day it changed, and the last day.</param>
/// <param name="Note">The note of the newest report that counts at the cut-off (what the unit typed), if any.</param>
/// <param name="AwaitingReview">待核实: the figure at the cut-off rests on a report awaiting the city office's
/// confirmation then (unit tracks only).</param>
internal sealed record TargetTrack(
    TargetEvaluation Current,
    TargetEvaluation Previous,
    DateOnly? BehindSince,
    ImmutableArray<DatedValue> Actuals,
    string? Note = null,
    bool AwaitingReview = false)
{
    /// <summary>The first day of the current run of yellow or red lights; null when the light now is neither.</summary>
    public DateOnly? Since() => BehindSince;

    /// <summary>The actual value as a step line: the first day, every day it changed, and the last day.</summary>
    public ImmutableArray<DatedValue> ActualLine() => Actuals;

    public static bool IsBehind(Light light) => light is Light.Yellow or Light.Red;
}
