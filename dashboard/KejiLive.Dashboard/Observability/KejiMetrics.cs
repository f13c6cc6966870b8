using System.Diagnostics.Metrics;
using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.Realtime;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Observability;

/// <summary>This web node's own instruments, exported at /metrics through OpenTelemetry's Prometheus exporter (meter
/// <see cref="MeterName"/>): the ingest step, reports by unit and channel, the live feed's lag and the hub's
/// connections. The office's backlog (督办, outboxes, sweeps) is in <see cref="OfficeMetrics"/>.</summary>
public sealed class KejiMetrics : IDisposable
{
    public const string MeterName = "KejiLive";

    /// <summary>Report channels: the JSON API and the Excel upload (the /fill page uses the upload).</summary>
    public const string ApiChannel = "api";
    public const string ExcelChannel = "excel";

    /// <summary>The unit label of a report whose unit is not in the plan (or could not be read): keeps the label's
    /// values to the plan's units.</summary>
    public const string UnknownUnit = "unknown";

    /// <summary>Series kept per by-unit metric: every unit of a plan of up to 10,000 units on both channels.</summary>
    public const int UnitSeriesLimit = 20_001;

    private readonly Meter _meter;
    private readonly PlanDocument _plan;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _unitAccepted;
    private readonly Counter<long> _unitRejected;
    private readonly Histogram<double> _ingest;
    private readonly Histogram<double> _liveLag;

    public KejiMetrics(IMeterFactory meters, PlanDocument plan, LiveConnections connections)
    {
        _plan = plan;
        _meter = meters.Create(MeterName);
        _accepted = _meter.CreateCounter<long>("keji.ingest.accepted", "{report}", "Reports the ingest step accepted (outcome: created | duplicate).");
        _refused = _meter.CreateCounter<long>("keji.ingest.refused", "{report}", "Reports the ingest step refused (reason: size | json | field | history | conflict | forbidden | file).");
        _ingest = _meter.CreateHistogram<double>("keji.ingest.duration", "s", "Time from request to durable answer for POST /api/reports.");
        _unitAccepted = _meter.CreateCounter<long>("keji.reports.accepted", "{report}",
            "New reports stored, by unit and channel (api | excel); a repeat of an accepted reportId is not counted again.");
        _unitRejected = _meter.CreateCounter<long>("keji.reports.rejected", "{report}",
            "Reports refused after the request was read, by unit and channel (api | excel); a batch is refused whole.");
        _liveLag = _meter.CreateHistogram<double>("keji.live.feed.lag", "s",
            "Time from the live feed publishing a change (silo) to this web node receiving it, before it is merged for the screens.");
        _meter.CreateObservableGauge("keji.hub.connections", () => connections.Count, "{connection}", "Open SignalR connections to /hubs/live on this web node.");
    }

    public void Accepted(string outcome, int count = 1) => _accepted.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refused(string reason, int count = 1) => _refused.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void IngestDuration(TimeSpan elapsed) => _ingest.Record(elapsed.TotalSeconds);

    /// <summary>Counts what one request through <paramref name="channel"/> did, per unit: each stored report as
    /// accepted, each report of a refused request (or refused item) as rejected.</summary>
    public void Ingested(string channel, IReadOnlyList<ReportDraft?> drafts, IngestAnswer answer)
    {
        for (var i = 0; i < drafts.Count; i++)
        {
            var outcome = i < answer.Results.Length ? answer.Results[i].Outcome : (IngestOutcome?)null;
            var counter = outcome switch
            {
                IngestOutcome.Created => _unitAccepted,
                IngestOutcome.Duplicate => null,
                _ when answer.Refusal is not null || outcome is not null => _unitRejected,
                _ => null,
            };
            counter?.Add(1, new KeyValuePair<string, object?>("unit", UnitLabel(drafts[i]?.Unit)), new KeyValuePair<string, object?>("channel", channel));
        }
    }

    /// <summary>Records the delay of one batch of live changes stamped by the feed at <paramref name="publishedAt"/>.</summary>
    public void LiveChangesReceived(DateTimeOffset publishedAt, DateTimeOffset now) => _liveLag.Record(Math.Max(0, (now - publishedAt).TotalSeconds));

    private string UnitLabel(string? unit) => unit is not null && _plan.FindUnit(unit) is not null ? unit : UnknownUnit;

    public void Dispose() => _meter.Dispose();
}
