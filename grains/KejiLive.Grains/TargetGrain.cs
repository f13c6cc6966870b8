using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Mapping;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace KejiLive.Grains;

/// <summary>One unit's share of one target. Load the report log, call the domain, commit, then apply and notify: the
/// maths is in <see cref="TargetEvaluator"/>, <see cref="ReportRules"/> and <see cref="DataQuality"/>.</summary>
/// <remarks>
/// <para>Reports live in the host's <see cref="IReportLogStore"/>: a change commits only what it adds or rewrites, the
/// new summary (light, judging time, count) and the request's audit entries, as one unit. Memory changes only after the
/// commit returned (write, then apply): a failed commit leaves the grain as it was.</para>
/// <para>Earlier builds kept the reports inside <see cref="TargetState"/> (grain state <c>target</c>). A grain whose log
/// is empty reads them from there, and its first commit moves them into the log.</para>
/// </remarks>
public sealed class TargetGrain(
    [PersistentState("target", StorageNames.Keji)] IPersistentState<TargetState> legacy,
    IReportLogStore log,
    PlanDocument plan,
    PlanClock clock,
    JudgementPublisher publisher,
    ILogger<TargetGrain> logger) : Grain, ITargetGrain
{
    private string _key = "";
    private string _targetId = "";
    private string _unitId = "";
    private TargetDefinition _target = null!;
    private Assignment _assignment = null!;
    // The stored reports and their domain entries, in the same order. Changed only after a commit returned (write, then
    // apply): a decision describes its change as a ReportChange and leaves these lists alone.
    private readonly List<StoredReport> _reports = [];
    private readonly List<ReportEntry> _entries = [];
    private SeriesIndex _series = SeriesIndex.Of([]);
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string _light = "grey";
    private DateTimeOffset? _judgedAt;
    private DateTimeOffset? _lightSince;
    private long _version;
    private int _logged;
    private TargetSnapshot? _published;
    private LateRelease? _lateRelease;
    private BorrowedPace? _unitPace;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        (_targetId, _unitId) = GrainKeys.ParseTarget(_key);
        _target = plan.FindTarget(_targetId)
            ?? throw new InvalidOperationException($"Target '{_targetId}' is not in plan '{plan.Id}'.");
        _assignment = _target.AssignmentFor(_unitId)
            ?? throw new InvalidOperationException($"Unit '{_unitId}' holds no share of target '{_targetId}'.");
        var stored = await log.LoadAsync(_key);
        if (stored.Version > 0)
        {
            _version = stored.Version;
            _reports.AddRange(stored.Rows.Select(ReportLogRows.FromRow));
            _logged = _reports.Count;
            _light = stored.Summary!.Light;
            _judgedAt = stored.Summary.JudgedAt;
            _lightSince = stored.Summary.LightSince;
        }
        else
        {
            // The old layout (or nothing): moved into the log by the first commit.
            _reports.AddRange(legacy.State.Reports);
            _logged = 0;
            _light = legacy.State.Light;
            _judgedAt = legacy.State.JudgedAt;
            _lightSince = legacy.State.LightSince;
        }
        _entries.AddRange(_reports.Select(SnapshotMapper.ToEntry));
        _series = SeriesIndex.Of(_entries);
        for (var i = 0; i < _reports.Count; i++) _index[_reports[i].ReportId] = i;
    }

    public async Task<IngestResult> SubmitAsync(ReportSubmission report) => (await SubmitAllAsync([report]))[0];

    public Task<ImmutableArray<IngestResult>> SubmitAllAsync(ImmutableArray<ReportSubmission> reports) => SubmitCoreAsync(reports, null);

    public Task<ImmutableArray<IngestResult>> SubmitAuditedAsync(ImmutableArray<ReportSubmission> reports, ReportAuditContext audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return SubmitCoreAsync(reports, audit);
    }

    private async Task<ImmutableArray<IngestResult>> SubmitCoreAsync(ImmutableArray<ReportSubmission> reports, ReportAuditContext? audit)
    {
        var now = clock.GetUtcNow();
        var decision = Decide(reports, now);
        var results = decision.Results;
        if (results.Any(r => r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict)) return results;
        var entries = audit is null ? [] : AuditOf(reports, results, audit, now);
        if (decision.Added == 0 && entries.IsEmpty) return results;

        if (decision.Added == 0)
        {
            // Only repeats: nothing changes but the trail, which records the attempt.
            await CommitAsync(ReportChange.None, _light, _lightSince, _judgedAt, entries);
            return results;
        }

        await CommitAsync(decision.Change, LightNames.ToName(decision.Evaluation.Light), decision.Evaluation.LightSince, now, entries);
        _series = decision.Series;
        Publish(decision.Evaluation, now, decision.Answer);
        if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("{Count} report(s) accepted for {Target}/{Unit}", decision.Added, _targetId, _unitId);
        return results;
    }

    public Task<ImmutableArray<IngestResult>> CheckAllAsync(ImmutableArray<ReportSubmission> reports) =>
        Task.FromResult(Decide(reports, clock.GetUtcNow()).Results);

    public async Task<ReviewResult> ConfirmReviewAsync(string reportId, string actor, string? note)
    {
        if (!_index.TryGetValue(reportId, out var index)) return new ReviewResult { NotFound = true };
        var report = _reports[index];
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
        await StoreReviewAsync(index, confirmed, _entries[index] with { AwaitingReview = false }, now);
        logger.LogInformation("Report {ReportId} of {Target}/{Unit} confirmed by {Actor}", reportId, _targetId, _unitId, actor);
        return new ReviewResult { Detail = await GetDetailAsync() };
    }

    public async Task<ReviewResult> RejectReviewAsync(string reportId, string actor, string reason)
    {
        if (!_index.TryGetValue(reportId, out var index)) return new ReviewResult { NotFound = true };
        var report = _reports[index];
        if (report.Review is { RejectedAt: not null }) return new ReviewResult { Detail = await GetDetailAsync() };
        if (ReviewDecision.Reject(report.Review is not null, report.Review?.ConfirmedAt is not null, report.Review?.SettledBy, reason) is { } refusal)
        {
            return new ReviewResult { Field = refusal.Field, Message = refusal.Message };
        }
        var now = clock.GetUtcNow();
        var rejected = report with { Review = report.Review! with { RejectedAt = now, RejectedBy = actor, RejectReason = reason.Trim() } };
        await StoreReviewAsync(index, rejected, _entries[index] with { AwaitingReview = false, Rejected = true }, now);
        logger.LogInformation("Report {ReportId} of {Target}/{Unit} sent back by {Actor}", reportId, _targetId, _unitId, actor);
        return new ReviewResult { Detail = await GetDetailAsync() };
    }

    /// <summary>Stores the city office's decision on one report (its log row rewritten, write-then-apply) and judges again
    /// at once: the lag alerts and the light read the decided figure now, not at the next hourly judgement.</summary>
    private async Task StoreReviewAsync(int index, StoredReport decided, ReportEntry entry, DateTimeOffset now)
    {
        var change = new ReportChange();
        change.Change(index, decided, entry);
        // A mark changed on an earlier report: the index is built again (rare, O(n)).
        var series = SeriesIndex.Of(change.Entries(_entries));
        var evaluation = Evaluate(change, series, now);
        await CommitAsync(change, LightNames.ToName(evaluation.Light), evaluation.LightSince, now, []);
        _series = series;
        Publish(evaluation, now);
    }

    public Task<TargetDetail> GetDetailAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(new TargetDetail
        {
            Snapshot = Snapshot(Evaluate(null, _series, now), now, _series),
            History = [.. _reports.Select(SnapshotMapper.ToRecord)],
        });
    }

    public Task<TargetSnapshot> GetSnapshotAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(Snapshot(Evaluate(null, _series, now), now, _series));
    }

    public async Task SetLateReleaseAsync(LateReleaseNotice? notice)
    {
        var late = notice is null ? null : new LateRelease(_targetId, notice.PeriodEnd, notice.Release, notice.Missing, notice.Units, notice.Message);
        if (late == _lateRelease) return;
        _lateRelease = late;
        await JudgeAsync();
    }

    public async Task SetUnitPaceAsync(double? level, int targets, double? rise, int riseTargets)
    {
        var next = level is { } l ? new BorrowedPace(l, targets, rise, rise is null ? 0 : riseTargets) : null;
        if (next == _unitPace) return;
        _unitPace = next;
        await JudgeAsync();
    }

    public async Task<TargetSnapshot> JudgeAsync()
    {
        var now = clock.GetUtcNow();
        var evaluation = Evaluate(null, _series, now);
        var light = LightNames.ToName(evaluation.Light);
        if (light != _light) await CommitAsync(ReportChange.None, light, evaluation.LightSince, now, []);
        return Publish(evaluation, now);
    }

    /// <summary>Commits the grain's next state — <paramref name="change"/>'s reports (those past the log's end appended,
    /// earlier ones that changed rewritten), the summary and the audit entries — and only then makes it the grain's
    /// state.</summary>
    private async Task CommitAsync(ReportChange change, string light, DateTimeOffset? lightSince, DateTimeOffset? judgedAt, ImmutableArray<AuditRecord> audit)
    {
        var commit = Prepare(change, light, lightSince, judgedAt, audit);
        ReportLogCommitted committed;
        try
        {
            committed = await log.CommitAsync(commit);
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote this log: this one's memory is stale. Nothing was stored; the next call reloads.
            DeactivateOnIdle();
            throw;
        }
        Apply(change, committed, light, lightSince, judgedAt);
    }

    /// <summary>The commit of the grain's next state: the rows past the log's end appended, earlier ones that changed
    /// rewritten, the summary and the audit entries. Memory is left as it is.</summary>
    private ReportLogCommit Prepare(ReportChange change, string light, DateTimeOffset? lightSince, DateTimeOffset? judgedAt, ImmutableArray<AuditRecord> audit)
    {
        var total = _reports.Count + change.Added.Count;
        var appended = ImmutableArray.CreateBuilder<ReportLogRow>(total - _logged);
        for (var i = _logged; i < total; i++) appended.Add(ReportLogRows.ToRow(i, change.Stored(_reports, i)));
        var updated = ImmutableArray.CreateBuilder<ReportLogRow>();
        if (change.Changed is { } changed)
        {
            foreach (var (i, (stored, _)) in changed)
            {
                if (i < _logged) updated.Add(ReportLogRows.ToRow(i, stored));
            }
        }
        return new ReportLogCommit
        {
            Key = _key,
            ExpectedVersion = _version,
            Summary = new ReportLogSummary { Light = light, LightSince = lightSince, JudgedAt = judgedAt, Reports = total },
            Appended = appended.MoveToImmutable(),
            Updated = updated.ToImmutable(),
            Audit = audit,
        };
    }

    /// <summary>Stored: the committed state becomes the grain's (write, then apply).</summary>
    private void Apply(ReportChange change, ReportLogCommitted committed, string light, DateTimeOffset? lightSince, DateTimeOffset? judgedAt)
    {
        if (change.Changed is { } changed)
        {
            foreach (var (i, (stored, entry)) in changed)
            {
                _reports[i] = stored;
                _entries[i] = entry;
            }
        }
        foreach (var (stored, entry) in change.Added)
        {
            _index[stored.ReportId] = _reports.Count;
            _reports.Add(stored);
            _entries.Add(entry);
        }
        _version = committed.Version;
        _logged = _reports.Count;
        _light = light;
        _lightSince = lightSince;
        _judgedAt = judgedAt;
    }

    /// <summary>One audit entry per report the request stored or repeated, in request order.</summary>
    private ImmutableArray<AuditRecord> AuditOf(ImmutableArray<ReportSubmission> reports, ImmutableArray<IngestResult> results, ReportAuditContext audit, DateTimeOffset now)
    {
        var entries = ImmutableArray.CreateBuilder<AuditRecord>(reports.Length);
        for (var i = 0; i < reports.Length; i++)
        {
            var r = reports[i];
            var action = results[i].Outcome switch
            {
                IngestOutcome.Created => r.Correction ? ReportAuditText.Correction : ReportAuditText.Report,
                IngestOutcome.Duplicate => ReportAuditText.Repeat,
                _ => null,
            };
            if (action is null) continue;
            entries.Add(new AuditRecord
            {
                At = now,
                Actor = audit.Actor,
                Role = audit.Role,
                Unit = audit.Unit,
                Address = audit.Address,
                Action = action,
                Subject = ReportAuditText.Subject(_targetId, _unitId, r.ReportId),
                Detail = ReportAuditText.Detail(r.AsOf, r.Value, r.Numerator, r.Denominator, audit.Via, r.Note),
            });
        }
        return entries.ToImmutable();
    }

    /// <summary>What <see cref="Decide"/> concluded: one answer per report, how many would be added, the change to the
    /// stored reports (new reports appended with their data-quality marks, earlier marks they settle stamped), the
    /// <see cref="SeriesIndex"/> of the state it leads to, the judgement of that state, and the last accepted report's
    /// answer (the snapshot of that judgement as it was returned; null when none was accepted).</summary>
    private sealed record Decision(ImmutableArray<IngestResult> Results, int Added, ReportChange Change, SeriesIndex Series,
        TargetEvaluation Evaluation, TargetSnapshot? Answer);

    /// <summary>Decides each report in order as if the earlier ones of the same call were already stored: a repeat of a
    /// stored or earlier reportId is a duplicate (same content) or a conflict; a cumulative value may not contradict the
    /// history or an earlier report of the call. An accepted report far outside the unit's history is marked 待核实
    /// (<see cref="DataQuality.Check"/>); one that replaces or corrects a 待核实 report settles it. The state is judged
    /// once per accepted report (each answers with the state it leads to), and once more only when a report that was
    /// not accepted needs the current state for its answer.</summary>
    /// <remarks>The rules read the history through the grain's <see cref="SeriesIndex"/> (one report per date), copied
    /// here and extended per accepted report; the change is kept apart from the stored lists. A report costs the same
    /// whatever the length of the history (only settling a 待核实 mark reads the whole history).</remarks>
    private Decision Decide(ImmutableArray<ReportSubmission> reports, DateTimeOffset now)
    {
        TargetEvaluation? evaluation = null;
        TargetSnapshot? snapshot = null;
        TargetSnapshot Current() => snapshot ??= Snapshot(evaluation ??= Evaluate(null, _series, now), now, _series);
        Dictionary<string, StoredReport>? added = null;
        var change = new ReportChange();
        var series = _series;
        var count = 0;
        var results = ImmutableArray.CreateBuilder<IngestResult>(reports.Length);
        foreach (var report in reports)
        {
            var existing = _index.TryGetValue(report.ReportId, out var at) ? _reports[at]
                : added is not null && added.TryGetValue(report.ReportId, out var earlier) ? earlier : null;
            if (existing is not null)
            {
                results.Add(SnapshotMapper.SameContent(existing, report)
                    ? new IngestResult { Outcome = IngestOutcome.Duplicate, Snapshot = Current() }
                    : new IngestResult
                    {
                        Outcome = IngestOutcome.Conflict,
                        Field = "reportId",
                        Message = $"reportId {report.ReportId} 已用于另一份内容不同的报送（{existing.ReceivedAt:yyyy-MM-dd HH:mm}）；请使用新的 reportId。",
                        Snapshot = Current(),
                    });
                continue;
            }
            var received = SnapshotMapper.ToStored(report, now);
            var candidate = SnapshotMapper.ToEntry(received);
            if (ReportRules.CheckHistory(_target, series.Counted, candidate) is { } error)
            {
                results.Add(new IngestResult { Outcome = IngestOutcome.Refused, Field = error.Field, Message = error.Message, Snapshot = Current() });
                continue;
            }
            var finding = DataQuality.Check(_target, _assignment, series.Trusted, candidate, _target.DataQuality);
            // The first accepted report of the call copies the index (O(1): it shares its immutable series); the stored
            // lists are never copied.
            if (ReferenceEquals(series, _series)) series = series.Copy();
            var accepted = finding is null ? received : received with { Review = SnapshotMapper.ToReview(finding) };
            // A new report's entry awaits review only when the check marked it (no copy otherwise).
            var entry = finding is null ? candidate : candidate with { AwaitingReview = true };
            // Only a later report of the same call can repeat this one's reportId.
            if (reports.Length > 1) (added ??= new(StringComparer.Ordinal))[report.ReportId] = accepted;
            // Settling changes marks of earlier reports: then the index is built again (only while some await review).
            if (series.AwaitingReview > 0 && Settle(change, candidate, now)) series = SeriesIndex.Of(change.Entries(_entries));
            change.Add(accepted, entry);
            series.Add(entry);
            count++;
            // Each accepted report answers with the state it leads to, as if sent alone in that order.
            evaluation = Evaluate(change, series, now);
            snapshot = Snapshot(evaluation, now, series, lastReceived: now);
            results.Add(new IngestResult { Outcome = IngestOutcome.Created, Snapshot = snapshot });
        }
        return new Decision(results.MoveToImmutable(), count, change, series, evaluation ?? Evaluate(null, _series, now),
            count > 0 ? snapshot : null);
    }

    /// <summary>Stamps every 待核实 report that <paramref name="candidate"/> settles (<see cref="DataQuality.Settles"/>),
    /// stored report and domain entry alike, in <paramref name="change"/>. True when one was stamped.</summary>
    private bool Settle(ReportChange change, ReportEntry candidate, DateTimeOffset now)
    {
        var settled = false;
        var count = _entries.Count + change.Added.Count;
        for (var i = 0; i < count; i++)
        {
            var entry = change.Entry(_entries, i);
            if (!entry.AwaitingReview || !DataQuality.Settles(candidate, entry)) continue;
            var stored = change.Stored(_reports, i);
            change.Change(i, stored with { Review = stored.Review! with { SettledBy = candidate.ReportId, SettledAt = now } },
                entry with { AwaitingReview = false }, _reports.Count);
            settled = true;
        }
        return settled;
    }

    /// <summary>Judges the live state. Every accepted report counts, also when a pinned clock was restarted behind the
    /// time it arrived (a demo or replay restarted from its pin); only judgements of the past filter by arrival.</summary>
    /// <remarks>The evaluator reads the reports through <see cref="ReportSeries"/>, so it is handed the index's effective
    /// series (one report per date) instead of the whole history: the same judgement, at a cost that does not grow with
    /// the history. Only when a report was received after <paramref name="now"/> does it read the whole history, with
    /// such receipts moved back to <paramref name="now"/>. <paramref name="change"/>: the reports as they would be after
    /// it (null: as stored), read only then.</remarks>
    private TargetEvaluation Evaluate(ReportChange? change, SeriesIndex series, DateTimeOffset now) =>
        TargetEvaluator.Evaluate(plan, _target, _assignment,
            series.LatestReceived > now
                ? [.. (change is null ? _entries : change.Entries(_entries)).Select(e => e.ReceivedAt > now ? e with { ReceivedAt = now } : e)]
                : series.Counted,
            now, new PreviousLight(LightNames.Parse(_light), _lightSince), _lateRelease, _unitPace);

    /// <summary>The snapshot of a judgement: the counts come from the index (its reports are the stored ones, their
    /// 待核实 marks the pending reviews, their latest receipt the last report's time unless <paramref name="lastReceived"/>
    /// says otherwise). One instance per snapshot: it is built on every report.</summary>
    private TargetSnapshot Snapshot(TargetEvaluation evaluation, DateTimeOffset now, SeriesIndex series, DateTimeOffset? lastReceived = null) =>
        SnapshotMapper.ToSnapshot(_targetId, _unitId, evaluation, now, series.Count, lastReceived ?? series.LatestReceived, series.AwaitingReview);

    /// <summary>Hands the judgement to the silo's <see cref="JudgementPublisher"/>: always for the alert rules (they keep
    /// a daily gap history and their own timers), and for the city and unit views when something a viewer can see
    /// changed (the judging time alone is not a change).</summary>
    /// <remarks><paramref name="answer"/>: the snapshot a report was answered with, of this same judgement and index; it
    /// is handed on as it is when its last receipt is the index's (as it is unless a clock ran behind), instead of
    /// building the same snapshot again.</remarks>
    private TargetSnapshot Publish(TargetEvaluation evaluation, DateTimeOffset now, TargetSnapshot? answer = null)
    {
        var snapshot = answer is { LastReceivedAt: { } answered } && _series.LatestReceived is { } latest && answered.EqualsExact(latest)
            ? answer
            : Snapshot(evaluation, now, _series);
        var views = _published is null || !SnapshotMapper.SameButJudgedAt(_published, snapshot);
        if (views) _published = snapshot;
        publisher.Publish(_key, snapshot, views);
        return snapshot;
    }
}
