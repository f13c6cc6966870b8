using System.Diagnostics.Metrics;

namespace KejiLive.Grains;

/// <summary>What the judging sweeps cost, on <c>/metrics</c> (meter <c>KejiLive</c>): the duration of each complete sweep
/// and the pairs judged, so an operator sees the cost grow with the plan.</summary>
public sealed class JudgeMetrics : IDisposable
{
    /// <summary>The meter every KejiLive instrument belongs to (the dashboard exports it).</summary>
    public const string MeterName = "KejiLive";

    private readonly Meter _meter;
    private readonly Histogram<double> _sweep;
    private readonly Counter<long> _judged;

    public JudgeMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _sweep = _meter.CreateHistogram<double>("keji.judge.sweep.duration", "s", "Time to judge every target × unit of the plan once.");
        _judged = _meter.CreateCounter<long>("keji.judge.pairs", "{pair}", "Target × unit pairs judged by the sweeps.");
    }

    public void Judged(int pairs) => _judged.Add(pairs);

    public void SweepCompleted(TimeSpan elapsed) => _sweep.Record(elapsed.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
