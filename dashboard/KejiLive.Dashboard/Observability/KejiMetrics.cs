using System.Diagnostics.Metrics;

namespace KejiLive.Dashboard.Observability;

/// <summary>The service's own instruments, exported at /metrics through OpenTelemetry's Prometheus exporter.</summary>
public sealed class KejiMetrics : IDisposable
{
    public const string MeterName = "KejiLive";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _ingest;

    public KejiMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _accepted = _meter.CreateCounter<long>("keji.reports.accepted", "{report}", "Reports accepted (outcome: created | duplicate).");
        _refused = _meter.CreateCounter<long>("keji.reports.refused", "{report}", "Reports refused (reason: size | json | field | history | conflict).");
        _ingest = _meter.CreateHistogram<double>("keji.ingest.duration", "s", "Time from request to durable answer for POST /api/reports.");
    }

    public void Accepted(string outcome, int count = 1) => _accepted.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refused(string reason, int count = 1) => _refused.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void IngestDuration(TimeSpan elapsed) => _ingest.Record(elapsed.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}
