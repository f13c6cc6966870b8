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

    /// <summary>Checks a report against this unit's history without storing it (used to refuse a batch as a whole).</summary>
    [ReadOnly]
    Task<IngestResult> CheckAsync(ReportSubmission report);

    /// <summary>The state judged now, with the full history.</summary>
    [ReadOnly]
    Task<TargetDetail> GetDetailAsync();

    /// <summary>The state judged now. Interleaves: city and unit grains call it while rebuilding their views, and may be
    /// called back by this grain's one-way notifications.</summary>
    [AlwaysInterleave]
    Task<TargetSnapshot> GetSnapshotAsync();

    /// <summary>Re-judges against the clock (time passing alone moves 序时进度), stores a changed light and tells the city
    /// and unit views when anything changed.</summary>
    Task<TargetSnapshot> JudgeAsync();
}
