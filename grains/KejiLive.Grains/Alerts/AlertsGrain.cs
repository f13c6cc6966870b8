using System.Collections.Immutable;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Mapping;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Alerts;

/// <summary>The 督办 of one target × unit, or a unit's 未报送. Load state, call the domain (<see cref="TargetAlerts"/>,
/// <see cref="UnitAlerts"/>, <see cref="AlertLifecycle"/>, <see cref="MuteWindows"/>), persist, then hand due notices to
/// the outboxes (which store them before answering) and tell the index and the wall.</summary>
public sealed class AlertsGrain(
    [PersistentState("alerts", StorageNames.Keji)] IPersistentState<AlertsState> state,
    PlanDocument plan,
    PlanClock clock,
    HolidayCalendar calendar,
    IOptions<AlertRoutingOptions> routing,
    IProgressChartRenderer charts,
    AlertFigurePublisher figures,
    ILogger<AlertsGrain> logger) : Grain, IAlertsGrain
{
    private string? _targetId;
    private string _unitId = "";
    private TargetDefinition? _target;
    private IAlertIndexGrain? _index;
    private ILiveFeedGrain? _feed;
    private ISilenceGrain? _silences;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (target, unit) = GrainKeys.ParseTarget(this.GetPrimaryKeyString());
        _unitId = unit;
        if (target != GrainKeys.NoTarget)
        {
            _targetId = target;
            _target = plan.FindTarget(target) ?? throw new InvalidOperationException($"Target '{target}' is not in plan '{plan.Id}'.");
        }
        return Task.CompletedTask;
    }

    public async Task ObserveAsync(TargetSnapshot snapshot)
    {
        // A unit that has never reported a target is 未报送 (one alert per unit), not behind on each of its targets;
        // milestones are the exception: a due milestone nobody reported done is overdue.
        if (_target is null || (snapshot.ReportCount == 0 && _target.Kind != TargetKind.Milestone)) return;
        var now = clock.GetUtcNow();
        var before = state.State.Target ?? TargetAlertState.Empty(_target.Id, _unitId);
        var step = TargetAlerts.Observe(before, _target, SnapshotMapper.ToEvaluation(snapshot), now, calendar);
        if (step.OnlyFiguresMoved(before))
        {
            // Only derived figures moved (the gap history, an open alert's gap; no alert changed otherwise, no notice):
            // kept in memory, stored within SaveDelay. An alert whose gap moved reaches the index and the wall in the
            // silo's next batch, so the 督办 pages show the gap the tiles show.
            KeepUnsaved(Next(target: step.State), before.Alerts, step.State.Alerts);
            return;
        }
        await AfterChangeAsync(Next(target: step.State), step.Notices, before.Alerts, step.State.Alerts, now);
    }

    public async Task ObserveUnitAsync(ImmutableArray<TargetSnapshot> targets)
    {
        if (_target is not null) return;
        var now = clock.GetUtcNow();
        var before = state.State.Unit ?? AlertTrack.New(AlertKey.ForUnit(_unitId, AlertRule.NotReported));
        var step = UnitAlerts.ObserveNotReported(before, targets.Select(t => (t.Target, t.NotReported)), plan.Alerts, now, calendar,
            id => plan.FindTarget(id)?.Name ?? id);
        if (step.Notices.Length == 0 && step.Track == before) return;
        if (step.OnlyFigureMoved(before))
        {
            // Only the count of targets 未报送 moved (one of them reported): kept in memory and stored within SaveDelay,
            // as a target's moving gap is; the index and the wall get the count in the silo's next batch. Writing the
            // whole state here cost every report of a unit with an open 未报送 alert one more fsynced write.
            KeepUnsaved(Next(unit: step.Track), Alerts(before), Alerts(step.Track));
            return;
        }

        await AfterChangeAsync(Next(unit: step.Track), step.Notices, Alerts(before), Alerts(step.Track), now);
    }

    public Task<ImmutableArray<AlertView>> GetAsync() => Task.FromResult(Current().Select(View).ToImmutableArray());

    public async Task<AlertCommandResult> AcknowledgeAsync(string alertId, string actor, string remedy, DateOnly promisedBy)
    {
        var now = clock.GetUtcNow();
        return await ApplyAsync(alertId, a => AlertLifecycle.Acknowledge(a, actor, remedy, promisedBy, now, plan.Year), now);
    }

    public async Task<AlertCommandResult> CloseAsync(string alertId, string actor, string? note)
    {
        var now = clock.GetUtcNow();
        return await ApplyAsync(alertId, a => AlertLifecycle.Close(a, actor, note, now), now);
    }

    public async Task<AlertCommandResult> ReopenAsync(string alertId, string actor, string reason)
    {
        var now = clock.GetUtcNow();
        var tracks = state.State.Target is { } target ? (IEnumerable<AlertTrack>)(target.Tracks.IsDefault ? [] : target.Tracks)
            : state.State.Unit is { } unit ? [unit] : [];
        foreach (var track in tracks)
        {
            if (AlertTracker.Reopen(track, alertId, actor, reason, now) is not { } found) continue;
            var (nextTrack, result) = found;
            if (result.Refusal is { } refusal) return new AlertCommandResult { Field = refusal.Field, Message = refusal.Message };
            var before = track.Kept.Single();
            var changed = result.Alert!;
            var next = state.State.Target is { } t ? Next(target: t.With(nextTrack)) : Next(unit: nextTrack);
            await AfterChangeAsync(next, [.. AlertNotices.Between(before, changed)], [before], [changed], now);
            return new AlertCommandResult { Alert = View(changed) };
        }
        return new AlertCommandResult { NotFound = true };
    }

    private async Task<AlertCommandResult> ApplyAsync(string alertId, Func<Alert, AlertResult> transition, DateTimeOffset now)
    {
        var alert = Current().FirstOrDefault(a => a.Id == alertId);
        if (alert is null) return new AlertCommandResult { NotFound = true };
        var result = transition(alert);
        if (result.Refusal is { } refusal) return new AlertCommandResult { Field = refusal.Field, Message = refusal.Message };
        var changed = result.Alert!;
        var next = state.State.Target is { } t ? Next(target: t.WithAlert(changed))
            : state.State.Unit is { } u ? Next(unit: u with { Alert = changed })
            : Next();
        await AfterChangeAsync(next, [.. AlertNotices.Between(alert, changed)], [alert], [changed], now);
        return new AlertCommandResult { Alert = View(changed) };
    }

    /// <summary>How long a change of derived figures alone (<see cref="TargetAlertStep.OnlyFiguresMoved"/>: the gap
    /// history, an open alert's gap) may stay in memory before it is stored.</summary>
    /// <remarks>Both are derived from the reports (each judgement records the day's gap and the alert's current gap);
    /// storing them with every report rewrote this grain's whole state per report and was most of what a report cost
    /// the disk. They are stored with the next change of an alert, when the activation ends, or after this delay,
    /// whichever comes first. A crash loses at most this much of the day's samples and gap, which the next judgement
    /// (the hourly sweep at the latest) records again; alerts, answers and notices are always stored before anything
    /// is sent.</remarks>
    public static readonly TimeSpan SaveDelay = TimeSpan.FromMinutes(5);

    private bool _unsaved;
    private IGrainTimer? _saveTimer;

    /// <summary>Keeps a change of derived figures alone in memory (stored within <see cref="SaveDelay"/>) and hands the
    /// alerts whose figure moved (<paramref name="before"/> → <paramref name="after"/>) to the silo's figure batches.</summary>
    private void KeepUnsaved(AlertsState next, IEnumerable<Alert> before, IEnumerable<Alert> after)
    {
        foreach (var moved in FiguresMoved(before, after)) figures.Publish(moved);
        state.State = next;
        _unsaved = true;
        _saveTimer ??= this.RegisterGrainTimer(SaveUnsavedAsync, new GrainTimerCreationOptions(SaveDelay, SaveDelay) { KeepAlive = false });
    }

    private async Task SaveUnsavedAsync(CancellationToken cancellationToken)
    {
        if (_unsaved) await state.WriteStateAsync(cancellationToken);
        _unsaved = false;
        _saveTimer?.Dispose();
        _saveTimer = null;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_unsaved) return;
        try
        {
            await SaveUnsavedAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "The gap history of {Grain} could not be stored at deactivation; the next judgement records it again", this.GetPrimaryKeyString());
        }
    }

    /// <summary>Persists the new state with its notices queued (mute windows decide when each may go), hands the due ones
    /// to the outboxes, and publishes alerts that changed. Write-then-apply: memory takes <paramref name="next"/> only
    /// once it is stored, so a failed write leaves the grain as it was and the caller's retry starts from there. A crash
    /// after the write re-sends queued notices on the next observation; the outboxes drop repeated idempotency keys.</summary>
    private async Task AfterChangeAsync(AlertsState next, IReadOnlyList<AlertNotice> notices, IEnumerable<Alert> before, IEnumerable<Alert> after, DateTimeOffset now)
    {
        if (notices.Count > 0)
        {
            var silences = (await (_silences ??= GrainFactory.GetGrain<ISilenceGrain>(GrainKeys.Plan(plan.Id))).ListAsync()).Select(AlertMapper.ToDomain).ToList();
            var settings = _target?.Alerts ?? plan.Alerts;
            var queued = new List<PendingNotice>(notices.Count);
            foreach (var notice in notices)
            {
                var pending = new PendingNotice(notice, MuteWindows.NextDeliveryInstant(now, notice.Key, settings, calendar, silences));
                // Due now and heard by no contact point: DeliverDueAsync would drop it right after this write, with a
                // second write of the whole state. Not queued at all (a muted one waits: routes are read when it is due).
                if (pending.DeliverAt <= now && Routes(notice.Audience).Length == 0)
                {
                    WarnNoRoute(notice);
                    continue;
                }
                queued.Add(pending);
            }
            next.Pending = next.Pending.AddRange(queued);
        }
        await state.WriteAsync(next);
        _unsaved = false;
        await DeliverDueAsync(now);

        var old = before.ToDictionary(a => a.Id);
        // A changed alert, or one whose figure alone moved (a unit's 未报送 count): the pages show both.
        var changed = after.Where(a => !old.TryGetValue(a.Id, out var was) || was.Sequence != a.Sequence || was.Points != a.Points)
            .Select(View).ToImmutableArray();
        if (changed.IsEmpty) return;
        await (_index ??= GrainFactory.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id))).UpdateAsync(changed);
        await (_feed ??= GrainFactory.GetGrain<ILiveFeedGrain>(0)).PublishAsync(new LiveChanges { Alerts = changed });
    }

    private async Task DeliverDueAsync(DateTimeOffset now)
    {
        var due = state.State.Pending.Where(p => p.DeliverAt <= now).ToList();
        if (due.Count == 0) return;
        var alerts = Current().ToDictionary(a => a.Id);
        byte[]? chart = null;
        var kept = new List<PendingNotice>();
        foreach (var pending in due)
        {
            var notice = pending.Notice;
            if (!alerts.TryGetValue(notice.AlertId, out var alert)) continue;
            var routes = Routes(notice.Audience);
            if (routes.Length == 0) WarnNoRoute(notice);
            if (routes.Length > 0 && chart is null && ShowsChart(notice)) chart = await ChartAsync(now);
            foreach (var contactPoint in routes)
            {
                var message = AlertMessages.Build(plan, notice, alert, contactPoint, routing.Value.PublicUrl, now);
                var outcome = await GrainFactory.GetGrain<IOutboxGrain>(contactPoint).EnqueueAsync(ShowsChart(notice) ? message with { ImagePng = chart } : message);
                // A full outbox refuses: the notice stays queued here and is offered again with the next observation
                // (the outboxes that took it drop the repeat by its idempotency key).
                if (outcome == EnqueueOutcome.Refused && !kept.Contains(pending)) kept.Add(pending);
            }
        }
        due.RemoveAll(kept.Contains);
        if (due.Count == 0) return;
        try
        {
            await state.WriteAsync(Next(pending: state.State.Pending.RemoveRange(due)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The change itself is stored; the notices stay queued (memory as stored) and go again with the next
            // observation, where the outboxes drop the repeated idempotency keys.
            logger.LogWarning(e, "Delivered notices of {Grain} could not be marked sent; they stay queued", this.GetPrimaryKeyString());
        }
    }

    /// <summary>Alerts of <paramref name="after"/> whose figure (<see cref="Alert.Points"/>) differs from the same alert in
    /// <paramref name="before"/>, as views.</summary>
    /// <remarks>On every report of a unit behind plan: a few tracks each side, compared in place.</remarks>
    private List<AlertView> FiguresMoved(IEnumerable<Alert> before, IEnumerable<Alert> after)
    {
        List<AlertView>? moved = null;
        foreach (var a in after)
        {
            foreach (var was in before)
            {
                if (was.Id != a.Id) continue;
                if (was.Points != a.Points) (moved ??= []).Add(View(a));
                break;
            }
        }
        return moved ?? [];
    }

    /// <summary>The alert as pages and the API show it, with the day its answer is due under this target's settings.</summary>
    private AlertView View(Alert alert) =>
        AlertMapper.ToView(alert) with { AnswerBy = AlertSchedule.AnswerBy(alert, _target?.Alerts ?? plan.Alerts, calendar) };

    /// <summary>A copy of the current state with the given parts replaced (the parts are immutable records).</summary>
    private AlertsState Next(TargetAlertState? target = null, AlertTrack? unit = null, ImmutableArray<PendingNotice>? pending = null) => new()
    {
        Target = target ?? state.State.Target,
        Unit = unit ?? state.State.Unit,
        Pending = pending ?? state.State.Pending,
    };

    /// <summary>New or worse 督办 about a target carry the target's chart.</summary>
    private bool ShowsChart(AlertNotice notice) => _target is not null
        && notice.Transition is AlertTransition.Opened or AlertTransition.Reopened or AlertTransition.SeverityRaised;

    /// <summary>The target × unit's progress chart: plan curve with its band, the reported values, the forecast.</summary>
    private async Task<byte[]?> ChartAsync(DateTimeOffset now)
    {
        var target = _target!;
        if (target.AssignmentFor(_unitId) is not { } assignment) return null;
        var detail = await GrainFactory.GetGrain<ITargetGrain>(this.GetPrimaryKeyString()).GetDetailAsync();
        var actual = ReportSeries.Effective([.. detail.History.Select(h => h.ToEntry())]);
        var s = detail.Snapshot;
        var today = ShanghaiTime.DateOf(now);
        // The reported values as a step line that holds its last value up to today.
        var line = actual.Select(e => new DatedValue(e.AsOf, e.Value)).ToList();
        if (line.Count > 0 && line[^1].Date < today) line.Add(new DatedValue(today, line[^1].Value));
        var forecast = s.Forecast is { } f ? new Forecast(f.Value, f.Low, f.High) : null;
        var series = new ProgressSeries($"{target.Id}.{_unitId}", $"{plan.FindUnit(_unitId)?.Name} · {target.Name}", target.Measure,
            target.Kind, LightNames.Parse(s.Light), Trajectory.Build(plan, target, [assignment]),
            [.. line], today, forecast, forecast is null ? null : s.ReportedAsOf);
        try
        {
            return charts.Render(series);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A chart is a courtesy: the 督办 goes out without it rather than not at all.
            logger.LogWarning(e, "Could not draw the chart for {Target}/{Unit}", target.Id, _unitId);
            return null;
        }
    }

    /// <summary>Audiences already warned about in this process: a plan without contact points would otherwise log one
    /// warning per notice (thousands on a national plan, each a console write on the report path).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<AlertAudience, bool> NoRouteWarned = new();

    private void WarnNoRoute(AlertNotice notice)
    {
        if (NoRouteWarned.TryAdd(notice.Audience, true))
        {
            logger.LogWarning("No route for {Audience} notice {Key} (Alerts:Routes); further notices without a route for this audience are logged at Debug level",
                notice.Audience, notice.IdempotencyKey);
            return;
        }
        logger.LogDebug("No route for {Audience} notice {Key}", notice.Audience, notice.IdempotencyKey);
    }

    private string[] Routes(AlertAudience audience) => AlertRoutes.For(plan, routing.Value, audience, _unitId);

    /// <summary>Every alert held, the tracks' latest closed ones included (listed, reopenable, their queued notices go).</summary>
    private IEnumerable<Alert> Current() => state.State.Target?.Kept ?? state.State.Unit?.Kept ?? [];

    private static IEnumerable<Alert> Alerts(AlertTrack? track) => track?.Alert is { } a ? [a] : [];
}
