using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>What a progress chart draws: the plan curve with its tolerance band, the actual step line up to the week's
/// end, and the year-end forecast from the newest report.</summary>
/// <param name="Name">The chart's id (<see cref="ChartNames"/>).</param>
/// <param name="Plan">The whole year's plan curve and band (<see cref="Trajectory"/>).</param>
/// <param name="Actual">The actual value through the year up to the week's end, as a step line.</param>
/// <param name="ForecastFrom">The date the forecast starts from (the newest report's AsOf).</param>
public sealed record ProgressSeries(
    string Name,
    string Title,
    string Measure,
    TargetKind Kind,
    Light Light,
    ImmutableArray<TrajectoryPoint> Plan,
    ImmutableArray<DatedValue> Actual,
    DateOnly JudgedDate,
    Forecast? Forecast,
    DateOnly? ForecastFrom);
