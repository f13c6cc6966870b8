namespace KejiLive.Domain.Demo;

/// <summary>A synthetic report of the demo year: the figure as of <paramref name="AsOf"/>, sent on <paramref name="SendOn"/>
/// (reports arrive some days after the period they cover; late units later still).</summary>
public sealed record DemoReport(
    string ReportId,
    string TargetId,
    string UnitId,
    DateOnly AsOf,
    DateOnly SendOn,
    double Value,
    double? Numerator,
    double? Denominator,
    string Note);
