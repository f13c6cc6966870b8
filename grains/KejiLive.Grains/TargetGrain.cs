using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Mapping;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>One unit's share of one target. Load state, call the domain, persist, notify: the maths is in
/// <see cref="TargetEvaluator"/>, <see cref="ReportRules"/> and <see cref="DataQuality"/>.</summary>
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

    public async Task<IngestResult> SubmitAsync(ReportSubmission report) => (await SubmitAllAsync([report]))[0];

    public async Task<ImmutableArray<IngestResult>> SubmitAllAsync(ImmutableArray<ReportSubmission> reports)
    {
        var now = clock.GetUtcNow();
        var decision = Decide(reports, now);
        var results = decision.Results;
        if (decision.Added == 0 || results.Any(r => r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict)) return results;

        var evaluation = Evaluate(decision.Entries, now);
        var previous = state.State;
        state.State = previous with
        {
            Reports = decision.Reports,
            Light = LightNames.ToName(evaluation.Light),
            LightSince = evaluation.LightSince,
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
        _entries = decision.Entries;
        await PublishAsync(evaluation, now);
        logger.LogDebug("{Count} report(s) accepted for {Target}/{Unit}", decision.Added, _targetId, _unitId);
        return results;
    }

    public Task<ImmutableArray<IngestResult>> CheckAllAsync(ImmutableArray<ReportSubmission> reports) =>
        Task.FromResult(Decide(reports, clock.GetUtcNow()).Results);

    public async Task<ReviewResult> ConfirmReviewAsync(string reportId, string actor, string? note)
    {
        var index = state.State.Reports.Select(r => r.ReportId).ToList().IndexOf(reportId);
        if (index < 0) return new ReviewResult { NotFound = true };
        var report = state.State.Reports[index];
        switch (report.Review)
        {
            case null:
                return new ReviewResult { Field = "reportId", Message = $"报送 {reportId} 未被标记为待核实，无需核实。" };
            case { SettledBy: { } by }:
                return new ReviewResult { Field = "reportId", Message = $"报送 {reportId} 已被后续报送 {by} 更正，无需核实。" };
            case { ConfirmedAt: not null }:
                return new ReviewResult { Detail = await GetDetailAsync() };
        }
        var now = clock.GetUtcNow();
        var confirmed = report with { Review = report.Review with { ConfirmedAt = now, ConfirmedBy = actor, ConfirmNote = note } };
        var entries = _entries.Select(e => e.ReportId == reportId ? e with { AwaitingReview = false } : e).ToImmutableArray();
        var evaluation = Evaluate(entries, now);
        var previous = state.State;
        state.State = previous with
        {
            Reports = previous.Reports.SetItem(index, confirmed),
            Light = LightNames.ToName(evaluation.Light),
            LightSince = evaluation.LightSince,
            JudgedAt = now,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
        _entries = entries;
        // Judged again at once: the lag alerts read the confirmed figure now, not at the next hourly judgement.
        await PublishAsync(evaluation, now);
        logger.LogInformation("Report {ReportId} of {Target}/{Unit} confirmed by {Actor}", reportId, _targetId, _unitId, actor);
        return new ReviewResult { Detail = await GetDetailAsync() };
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
            state.State = state.State with { Light = light, LightSince = evaluation.LightSince, JudgedAt = now };
            await state.WriteStateAsync();
        }
        return await PublishAsync(evaluation, now);
    }

    /// <summary>What <see cref="Decide"/> concluded: one answer per report, how many would be added, and the stored
    /// reports and domain entries as they would be after storing them (new reports appended, their data-quality marks
    /// set, earlier marks they settle stamped).</summary>
    private sealed record Decision(ImmutableArray<IngestResult> Results, int Added, ImmutableArray<StoredReport> Reports, ImmutableArray<ReportEntry> Entries);

    /// <summary>Decides each report in order as if the earlier ones of the same call were already stored: a repeat of a
    /// stored or earlier reportId is a duplicate (same content) or a conflict; a cumulative value may not contradict the
    /// history or an earlier report of the call. An accepted report far outside the unit's history is marked 待核实
    /// (<see cref="DataQuality.Check"/>); one that replaces or corrects a 待核实 report settles it.</summary>
    private Decision Decide(ImmutableArray<ReportSubmission> reports, DateTimeOffset now)
    {
        var snapshot = Snapshot(Evaluate(_entries, now), now);
        var known = state.State.Reports.ToDictionary(r => r.ReportId, StringComparer.Ordinal);
        var stored = state.State.Reports.ToBuilder();
        var entries = _entries.ToBuilder();
        var added = 0;
        var results = ImmutableArray.CreateBuilder<IngestResult>(reports.Length);
        foreach (var report in reports)
        {
            if (known.TryGetValue(report.ReportId, out var existing))
            {
                results.Add(SnapshotMapper.SameContent(existing, report)
                    ? new IngestResult { Outcome = IngestOutcome.Duplicate, Snapshot = snapshot }
                    : new IngestResult
                    {
                        Outcome = IngestOutcome.Conflict,
                        Field = "reportId",
                        Message = $"reportId {report.ReportId} 已用于另一份内容不同的报送（{existing.ReceivedAt:yyyy-MM-dd HH:mm}）；请使用新的 reportId。",
                        Snapshot = snapshot,
                    });
                continue;
            }
            var candidate = SnapshotMapper.ToEntry(SnapshotMapper.ToStored(report, now));
            if (ReportRules.CheckHistory(_target, entries, candidate) is { } error)
            {
                results.Add(new IngestResult { Outcome = IngestOutcome.Refused, Field = error.Field, Message = error.Message, Snapshot = snapshot });
                continue;
            }
            var finding = DataQuality.Check(_target, _assignment, entries, candidate, _target.DataQuality);
            Settle(stored, entries, candidate, now);
            var accepted = SnapshotMapper.ToStored(report, now) with { Review = finding is null ? null : SnapshotMapper.ToReview(finding) };
            known[report.ReportId] = accepted;
            stored.Add(accepted);
            entries.Add(candidate with { AwaitingReview = finding is not null });
            added++;
            // Each accepted report answers with the state it leads to, as if sent alone in that order.
            snapshot = Snapshot(Evaluate(entries.ToImmutable(), now), now, stored.ToImmutable()) with { LastReceivedAt = now };
            results.Add(new IngestResult { Outcome = IngestOutcome.Created, Snapshot = snapshot });
        }
        return new Decision(results.MoveToImmutable(), added, stored.ToImmutable(), entries.ToImmutable());
    }

    /// <summary>Stamps every 待核实 report that <paramref name="candidate"/> settles (<see cref="DataQuality.Settles"/>),
    /// in the stored list and the domain entries alike (entries and stored reports are in the same order).</summary>
    private static void Settle(ImmutableArray<StoredReport>.Builder stored, ImmutableArray<ReportEntry>.Builder entries, ReportEntry candidate, DateTimeOffset now)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!entries[i].AwaitingReview || !DataQuality.Settles(candidate, entries[i])) continue;
            entries[i] = entries[i] with { AwaitingReview = false };
            stored[i] = stored[i] with { Review = stored[i].Review! with { SettledBy = candidate.ReportId, SettledAt = now } };
        }
    }

    /// <summary>Judges the live state. Every accepted report counts, also when a pinned clock was restarted behind the
    /// time it arrived (a demo or replay restarted from its pin); only judgements of the past filter by arrival.</summary>
    private TargetEvaluation Evaluate(ImmutableArray<ReportEntry> entries, DateTimeOffset now) =>
        TargetEvaluator.Evaluate(plan, _target, _assignment,
            [.. entries.Select(e => e.ReceivedAt > now ? e with { ReceivedAt = now } : e)], now,
            new PreviousLight(LightNames.Parse(state.State.Light), state.State.LightSince));

    private TargetSnapshot Snapshot(TargetEvaluation evaluation, DateTimeOffset now, ImmutableArray<StoredReport>? reports = null)
    {
        var all = reports ?? state.State.Reports;
        return SnapshotMapper.ToSnapshot(_targetId, _unitId, evaluation, now, all.Length) with
        {
            LastReceivedAt = state.State.Reports.IsEmpty ? null : state.State.Reports.Max(r => r.ReceivedAt),
            PendingReviews = all.Count(r => SnapshotMapper.IsPending(r.Review)),
        };
    }

    /// <summary>Tells the alert rules of every judgement (they keep a daily gap history and their own timers), and the
    /// city and unit views when something a viewer can see changed (the judging time alone is not a change).</summary>
    private async Task<TargetSnapshot> PublishAsync(TargetEvaluation evaluation, DateTimeOffset now)
    {
        var snapshot = Snapshot(evaluation, now);
        await GrainFactory.GetGrain<IAlertsGrain>(this.GetPrimaryKeyString()).ObserveAsync(snapshot);
        if (_published is not null && _published with { JudgedAt = default } == snapshot with { JudgedAt = default })
        {
            return snapshot;
        }
        _published = snapshot;
        await GrainFactory.GetGrain<ICityTargetGrain>(_targetId).UpdateUnitAsync(snapshot);
        await GrainFactory.GetGrain<IUnitGrain>(_unitId).UpdateTargetAsync(snapshot);
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).PublishAsync(new LiveChanges { Targets = [snapshot] });
        return snapshot;
    }
}
