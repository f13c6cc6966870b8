using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Mapping;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>One unit's share of one target. Load state, call the domain, persist, notify: the maths is in
/// <see cref="TargetEvaluator"/> and <see cref="ReportRules"/>.</summary>
public sealed class TargetGrain(
    [PersistentState("target", StorageNames.Keji)] IPersistentState<TargetState> state,
    PlanDocument plan,
    PlanClock clock,
    ILogger<TargetGrain> logger) : Grain, ITargetGrain
{
    private string _targetId = "";
    private string _unitId = "";
    private TargetDefinition _target = null!;
    private Assignment _assignment = null!;
    private ImmutableArray<ReportEntry> _entries = [];
    private TargetSnapshot? _published;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_targetId, _unitId) = GrainKeys.ParseTarget(this.GetPrimaryKeyString());
        _target = plan.FindTarget(_targetId)
            ?? throw new InvalidOperationException($"Target '{_targetId}' is not in plan '{plan.Id}'.");
        _assignment = _target.AssignmentFor(_unitId)
            ?? throw new InvalidOperationException($"Unit '{_unitId}' holds no share of target '{_targetId}'.");
        _entries = [.. state.State.Reports.Select(SnapshotMapper.ToEntry)];
        return Task.CompletedTask;
    }

    public async Task<IngestResult> SubmitAsync(ReportSubmission report)
    {
        var now = clock.GetUtcNow();
        if (Precheck(report, now) is { } answer) return answer;

        var stored = SnapshotMapper.ToStored(report, now);
        var entries = _entries.Add(SnapshotMapper.ToEntry(stored));
        var evaluation = Evaluate(entries, now);
        var previous = state.State;
        state.State = previous with
        {
            Reports = previous.Reports.Add(stored),
            Light = LightNames.ToName(evaluation.Light),
            JudgedAt = now,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing accepted unless stored: put memory back as it was and let the caller see the failure.
            state.State = previous;
            throw;
        }
        _entries = entries;
        var snapshot = await PublishAsync(evaluation, now);
        logger.LogDebug("Report {ReportId} accepted for {Target}/{Unit}", report.ReportId, _targetId, _unitId);
        return new IngestResult { Outcome = IngestOutcome.Created, Snapshot = snapshot };
    }

    public Task<IngestResult> CheckAsync(ReportSubmission report)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Precheck(report, now)
            ?? new IngestResult { Outcome = IngestOutcome.Created, Snapshot = Snapshot(Evaluate(_entries, now), now) });
    }

    public Task<TargetDetail> GetDetailAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(new TargetDetail
        {
            Snapshot = Snapshot(Evaluate(_entries, now), now),
            History = [.. state.State.Reports.Select(SnapshotMapper.ToRecord)],
        });
    }

    public Task<TargetSnapshot> GetSnapshotAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Snapshot(Evaluate(_entries, now), now));
    }

    public async Task<TargetSnapshot> JudgeAsync()
    {
        var now = clock.GetUtcNow();
        var evaluation = Evaluate(_entries, now);
        var light = LightNames.ToName(evaluation.Light);
        if (light != state.State.Light)
        {
            state.State = state.State with { Light = light, JudgedAt = now };
            await state.WriteStateAsync();
        }
        return await PublishAsync(evaluation, now);
    }

    /// <summary>Duplicate, conflicting reuse of a reportId, or a rule broken by the history: the answer without storing.</summary>
    private IngestResult? Precheck(ReportSubmission report, DateTimeOffset now)
    {
        foreach (var existing in state.State.Reports)
        {
            if (existing.ReportId != report.ReportId) continue;
            var snapshot = Snapshot(Evaluate(_entries, now), now);
            return SnapshotMapper.SameContent(existing, report)
                ? new IngestResult { Outcome = IngestOutcome.Duplicate, Snapshot = snapshot }
                : new IngestResult
                {
                    Outcome = IngestOutcome.Conflict,
                    Field = "reportId",
                    Message = $"reportId {report.ReportId} 已用于另一份内容不同的报送（{existing.ReceivedAt:yyyy-MM-dd HH:mm}）；请使用新的 reportId。",
                    Snapshot = snapshot,
                };
        }
        var candidate = SnapshotMapper.ToEntry(SnapshotMapper.ToStored(report, now));
        if (ReportRules.CheckHistory(_target, _entries, candidate) is { } error)
        {
            return new IngestResult
            {
                Outcome = IngestOutcome.Refused,
                Field = error.Field,
                Message = error.Message,
                Snapshot = Snapshot(Evaluate(_entries, now), now),
            };
        }
        return null;
    }

    private TargetEvaluation Evaluate(ImmutableArray<ReportEntry> entries, DateTimeOffset now) =>
        TargetEvaluator.Evaluate(plan, _target, _assignment, entries, now, LightNames.Parse(state.State.Light));

    private TargetSnapshot Snapshot(TargetEvaluation evaluation, DateTimeOffset now) =>
        SnapshotMapper.ToSnapshot(_targetId, _unitId, evaluation, now, state.State.Reports.Length);

    /// <summary>Tells the city and unit views when something a viewer can see changed (the judging time alone is not a change).</summary>
    private async Task<TargetSnapshot> PublishAsync(TargetEvaluation evaluation, DateTimeOffset now)
    {
        var snapshot = Snapshot(evaluation, now);
        if (_published is not null && _published with { JudgedAt = default } == snapshot with { JudgedAt = default })
        {
            return snapshot;
        }
        _published = snapshot;
        await GrainFactory.GetGrain<ICityTargetGrain>(_targetId).UpdateUnitAsync(snapshot);
        await GrainFactory.GetGrain<IUnitGrain>(_unitId).UpdateTargetAsync(snapshot);
        return snapshot;
    }
}
