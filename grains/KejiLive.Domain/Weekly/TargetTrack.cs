using System.Collections.Immutable;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>A target × unit (or a city target) judged at the end of every day from 1 January to the cut-off, the way
/// the live grain judges it (each day's light is the previous day's light with hysteresis), plus the judgement at the
/// previous week's end.</summary>
/// <param name="Daily">One judgement per day; the last one is at the cut-off itself.</param>
/// <param name="Previous">The judgement at the end of the previous week.</param>
/// <param name="Note">The note of the newest report that counts at the cut-off (what the unit typed), if any.</param>
/// <param name="AwaitingReview">待核实: the figure at the cut-off rests on a report awaiting the city office's
/// confirmation then (unit tracks only).</param>
internal sealed record TargetTrack(TargetEvaluation[] Daily, TargetEvaluation Previous, string? Note = null, bool AwaitingReview = false)
{
    public TargetEvaluation Current => Daily[^1];

    /// <summary>The first day of the current run of yellow or red lights; null when the light now is neither.</summary>
    public DateOnly? Since()
    {
        if (!IsBehind(Current.Light)) return null;
        var i = Daily.Length - 1;
        while (i > 0 && IsBehind(Daily[i - 1].Light)) i--;
        return Daily[i].Date;
    }

    /// <summary>The actual value as a step line: the first day, every day it changed, and the last day.</summary>
    public ImmutableArray<DatedValue> ActualLine()
    {
        var points = ImmutableArray.CreateBuilder<DatedValue>();
        for (var i = 0; i < Daily.Length; i++)
        {
            if (i == 0 || i == Daily.Length - 1 || Daily[i].Actual != Daily[i - 1].Actual)
            {
                points.Add(new DatedValue(Daily[i].Date, Daily[i].Actual));
            }
        }
        return points.ToImmutable();
    }

    public static bool IsBehind(Light light) => light is Light.Yellow or Light.Red;
}
