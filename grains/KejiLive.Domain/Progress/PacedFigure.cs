namespace KejiLive.Domain.Progress;

/// <summary>A cumulative figure with the plan's share of the target at its date, for the point forecast's pace
/// (<see cref="ForecastModel.FiguresPace"/>).</summary>
internal readonly record struct PacedFigure(double Value, double Share);
