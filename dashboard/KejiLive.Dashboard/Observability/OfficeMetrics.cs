using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KejiLive.Dashboard.Observability;

/// <summary>The office's backlog on /metrics: 督办 by state and age, overdue 督办, each contact point's outbox, and the
/// age of the last judging sweep. A background loop reads the grains every <c>Metrics:RefreshInterval</c> (default 15 s;
/// one call to the alert index, one to the judge scheduler and one per contact point) into an <see cref="OfficeSnapshot"/>;
/// the observable gauges read that snapshot, so scrapes cost no grain calls. Every web node reports the same
/// cluster-wide numbers: aggregate them with max(), not sum().</summary>
public sealed class OfficeMetrics : BackgroundService
{
    public const string RefreshIntervalKey = "Metrics:RefreshInterval";
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(15);

    /// <summary>The states of a 督办 not yet closed (销号).</summary>
    public static readonly ImmutableArray<AlertState> LiveStates = [AlertState.Open, AlertState.Acknowledged, AlertState.Resolved];

    private readonly IGrainFactory _grains;
    private readonly PlanDocument _plan;
    private readonly PlanClock _clock;
    private readonly HolidayCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly ILogger<OfficeMetrics> _logger;
    private readonly TimeSpan _interval;
    private readonly ImmutableArray<(string Id, string Channel)> _contactPoints;
    private readonly Meter _meter;
    private readonly Lock _store = new();
    private volatile OfficeSnapshot? _snapshot;
    private long _readsStarted;
    private long _storedRead;

    public OfficeMetrics(IMeterFactory meters, IGrainFactory grains, PlanDocument plan, PlanClock clock, HolidayCalendar calendar,
        IConfiguration configuration, TimeProvider time, ILogger<OfficeMetrics> logger)
    {
        _grains = grains;
        _plan = plan;
        _clock = clock;
        _calendar = calendar;
        _time = time;
        _logger = logger;
        _interval = configuration.GetValue(RefreshIntervalKey, DefaultRefreshInterval);
        if (_interval <= TimeSpan.Zero) throw new InvalidOperationException($"{RefreshIntervalKey} must be positive, e.g. 00:00:15.");
        _contactPoints = [.. configuration.GetSection("Alerts:ContactPoints").GetChildren()
            .Select(c => (c.Key, (c["Kind"] ?? "unknown").ToLowerInvariant())).OrderBy(c => c.Key, StringComparer.Ordinal)];

        _meter = meters.Create(KejiMetrics.MeterName);
        _meter.CreateObservableGauge("keji.alerts.open", ObserveAlerts, "{alert}",
            "督办 not yet closed (销号), by state (open | acknowledged | resolved) and age since opened in plan days (0-3d | 3-7d | 7-14d | 14-30d | 30d+).");
        _meter.CreateObservableGauge("keji.alerts.overdue", ObserveOverdue, "{alert}",
            "督办 past a deadline, by reason: unanswered (open after the acknowledgement deadline) | promise_missed (acknowledged, promised date over).");
        _meter.CreateObservableGauge("keji.outbox.pending", () => Outboxes(o => o.Pending), "{notification}",
            "Notifications waiting in a contact point's outbox (backlog), by contact_point and channel.");
        _meter.CreateObservableGauge("keji.outbox.failed", () => Outboxes(o => o.Failed), "{notification}",
            "Notifications a contact point's outbox gave up on and keeps as failed, by contact_point and channel.");
        _meter.CreateObservableCounter("keji.outbox.sent", () => Outboxes(o => o.Sent), "{message}",
            "Messages a contact point's receiver accepted since its outbox was created, by contact_point and channel.");
        _meter.CreateObservableGauge("keji.outbox.overflow", () => Outboxes(o => o.Overflow), "{notification}",
            "Notifications waiting in a full outbox's overflow for room in its queue (Alerts:MaxOverflow), by contact_point and channel.");
        _meter.CreateObservableCounter("keji.outbox.refused", () => Outboxes(o => o.Refused), "{notification}",
            "Notifications a contact point's outbox turned away because its queue and overflow were full, by contact_point and channel.");
        _meter.CreateObservableGauge("keji.judge.last_sweep.age", ObserveSweepAge, "s",
            "Real time since the last complete judging sweep finished (absent before the first).");
    }

    /// <summary>The latest snapshot; null until the first read succeeded.</summary>
    public OfficeSnapshot? Snapshot => _snapshot;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The cluster may be starting or gone; the previous snapshot stays until a read succeeds.
                    _logger.LogWarning(e, "Could not read the office's backlog for /metrics; retrying in {Interval}", _interval);
                }
                await Task.Delay(_interval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Reads the grains now and keeps the result for the gauges (the loop does this every interval). Of two
    /// reads that overlap, the one that started later wins, so a slow older read never replaces a newer one.</summary>
    public async Task RefreshAsync(CancellationToken cancellation = default)
    {
        var read = Interlocked.Increment(ref _readsStarted);
        var snapshot = await ReadAsync(cancellation);
        lock (_store)
        {
            if (read < _storedRead) return;
            _storedRead = read;
            _snapshot = snapshot;
        }
    }

    /// <summary>One read of the grains.</summary>
    public async Task<OfficeSnapshot> ReadAsync(CancellationToken cancellation)
    {
        var alertsTask = _grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(_plan.Id)).QueryAsync(null, null);
        var progressTask = _grains.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(_plan.Id)).GetProgressAsync();
        var outboxTasks = _contactPoints.Select(async c =>
        {
            var status = await _grains.GetGrain<IOutboxGrain>(c.Id).GetStatusAsync(recent: 0);
            return new OutboxLine(c.Id, c.Channel, status.Pending, status.Failed, status.Sent, status.Overflow, status.Refused);
        }).ToList();
        var alerts = await alertsTask.WaitAsync(cancellation);
        var progress = await progressTask.WaitAsync(cancellation);
        var outboxes = await Task.WhenAll(outboxTasks).WaitAsync(cancellation);

        var now = _clock.GetUtcNow();
        var byStateAge = LiveStates.SelectMany(s => AlertBacklog.AgeBuckets.Select(b => (State: Label(s), Age: b.Label)))
            .ToDictionary(k => k, _ => 0);
        var overdue = Enum.GetValues<AlertOverdue>().ToDictionary(Label, _ => 0, StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            if (!Enum.TryParse<AlertState>(alert.State, ignoreCase: true, out var state) || !LiveStates.Contains(state)) continue;
            byStateAge[(Label(state), AlertBacklog.AgeBucket(alert.OpenedAt, now))]++;
            if (AlertBacklog.Overdue(state, alert.AwaitingSince, alert.PromisedBy, now, _plan.Alerts, _calendar) is { } reason) overdue[Label(reason)]++;
        }
        return new OfficeSnapshot(byStateAge.ToImmutableDictionary(), overdue.ToImmutableDictionary(), [.. outboxes], progress.Last?.JudgedAt);
    }

    private IEnumerable<Measurement<int>> ObserveAlerts() =>
        _snapshot is { } s
            ? s.Alerts.Select(a => new Measurement<int>(a.Value, new("state", a.Key.State), new("age", a.Key.Age)))
            : [];

    private IEnumerable<Measurement<int>> ObserveOverdue() =>
        _snapshot is { } s ? s.Overdue.Select(o => new Measurement<int>(o.Value, new KeyValuePair<string, object?>("reason", o.Key))) : [];

    private IEnumerable<Measurement<long>> Outboxes(Func<OutboxLine, long> value) =>
        (_snapshot?.Outboxes ?? []).Select(o => new Measurement<long>(value(o), new("contact_point", o.ContactPoint), new("channel", o.Channel)));

    private IEnumerable<Measurement<double>> ObserveSweepAge()
    {
        if (_snapshot?.LastSweepAt is not { } at) return [];
        // The plan clock may run faster than real time (demo): report real seconds.
        var real = Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds / _clock.Speed);
        return [new Measurement<double>(real)];
    }

    private static string Label(AlertState state) => state.ToString().ToLowerInvariant();

    private static string Label(AlertOverdue reason) => reason switch
    {
        AlertOverdue.Unanswered => "unanswered",
        AlertOverdue.PromiseMissed => "promise_missed",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
