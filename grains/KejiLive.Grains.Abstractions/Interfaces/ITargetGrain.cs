using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>One unit's share of one target (key: <see cref="Keys.GrainKeys.Target"/>). Holds every report ever accepted
/// and the light last judged (the light's hysteresis needs it). A report is written to storage before
/// <see cref="SubmitAsync"/> returns.</summary>
public interface ITargetGrain : IGrainWithStringKey
{
    /// <summary>Accepts a report (stored durably before returning), or says why not. Idempotent on reportId.</summary>
    Task<IngestResult> SubmitAsync(ReportSubmission report);

    /// <summary>Accepts several reports in order as one durable write: all are stored, or — when any is refused or
    /// conflicts, also with an earlier one of the same call — none. One result per report, in order.</summary>
    Task<ImmutableArray<IngestResult>> SubmitAllAsync(ImmutableArray<ReportSubmission> reports);

    /// <summary>As <see cref="SubmitAllAsync"/>, and the request's audit entries are stored in the same commit as the
    /// reports: one per stored report (<c>report</c> or <c>correction</c>, subject <c>target/unit/reportId</c>) and one per
    /// repeat of a stored reportId (<c>report.repeat</c>). Nothing is stored or audited when any report is refused.</summary>
    Task<ImmutableArray<IngestResult>> SubmitAuditedAsync(ImmutableArray<ReportSubmission> reports, Security.ReportAuditContext audit);

    /// <summary>What <see cref="SubmitAllAsync"/> would answer, without storing anything (a batch is checked as a whole
    /// before any grain stores its part).</summary>
    [ReadOnly]
    Task<ImmutableArray<IngestResult>> CheckAllAsync(ImmutableArray<ReportSubmission> reports);

    /// <summary>The state judged now, with the full history.</summary>
    [ReadOnly]
    Task<TargetDetail> GetDetailAsync();

    /// <summary>The state judged now. Interleaves: city and unit grains call it while rebuilding their views, and may be
    /// called back by this grain's one-way notifications.</summary>
    [AlwaysInterleave]
    Task<TargetSnapshot> GetSnapshotAsync();

    /// <summary>The city office confirms a report marked 待核实 (far outside the unit's history): the mark clears, stored
    /// before returning, and the target × unit is judged again at once, so the lag alerts read the confirmed figure.
    /// Idempotent: confirming a confirmed report changes nothing.</summary>
    /// <param name="actor">Who confirms (the authenticated principal).</param>
    /// <param name="note">Optional note (how it was checked).</param>
    Task<ReviewResult> ConfirmReviewAsync(string reportId, string actor, string? note);

    /// <summary>The city office sends a report marked 待核实 back (退回): it stays in the history marked 已退回 but no
    /// longer counts, stored before returning, and the target × unit is judged again at once (the light moves back to
    /// what the earlier reports say). Needs a reason. Idempotent: sending back a report already sent back changes nothing.</summary>
    /// <param name="actor">Who sends it back (the authenticated principal).</param>
    /// <param name="reason">Why (the unit reads it).</param>
    Task<ReviewResult> RejectReviewAsync(string reportId, string actor, string reason);

    /// <summary>The city's late-release notice for this target (null: none): while it stands, this unit is not judged on
    /// the missing figure alone (not 未报送, no stale light). Kept in memory; the city grain sends it again when it
    /// changes. One-way: the city grain never waits on its units.</summary>
    [OneWay]
    Task SetLateReleaseAsync(LateReleaseNotice? notice);

    /// <summary>What the unit's other targets say of its pace (issue 17, <c>UnitPace.Borrow</c>): their mean pace
    /// <paramref name="level"/> over <paramref name="targets"/> of them (null: fewer than two), and how much faster they
    /// ran over the last quarter, <paramref name="rise"/> over <paramref name="riseTargets"/> of them, when the unit is
    /// catching up (else null). This target's point forecast adds the rise to the pace of its own figures and shrinks
    /// towards the level instead of the plan's pace. Kept in memory; the unit grain sends it again when it changes (at most
    /// every 30 s, in 5-point steps).
    /// One-way: the unit grain never waits on its targets.</summary>
    [OneWay]
    Task SetUnitPaceAsync(double? level, int targets, double? rise, int riseTargets);

    /// <summary>Re-judges against the clock (time passing alone moves 序时进度), stores a changed light and tells the city
    /// and unit views when anything changed.</summary>
    Task<TargetSnapshot> JudgeAsync();
}
