using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Grains.Abstractions.Storage;

/// <summary>The light summary of a target × unit's report log: what the grain needs besides the rows (the light's
/// hysteresis reads the light last judged, its dwell time the moment that light began).</summary>
public sealed record ReportLogSummary
{
    /// <summary>green | yellow | red | grey.</summary>
    public string Light { get; init; } = "grey";

    public DateTimeOffset? JudgedAt { get; init; }

    /// <summary>Since when <see cref="Light"/> has been shown: the light's minimum dwell time reads it. Null in a log
    /// written before it was kept (the dwell then starts from the next change).</summary>
    public DateTimeOffset? LightSince { get; init; }

    /// <summary>Reports in the log after the commit.</summary>
    public int Reports { get; init; }
}

/// <summary>One report of the log: its place (0, 1, 2, … in acceptance order), its id (unique per key) and the
/// report itself as JSON text (the grain's own format; the store does not read it).</summary>
public sealed record ReportLogRow(int Position, string ReportId, string Payload);

/// <summary>What <see cref="IReportLogStore.LoadAsync"/> found: version 0, no summary and no rows when nothing was
/// committed yet.</summary>
public sealed record ReportLog
{
    public long Version { get; init; }

    public ReportLogSummary? Summary { get; init; }

    public ImmutableArray<ReportLogRow> Rows { get; init; } = [];
}

/// <summary>One unit of work for <see cref="IReportLogStore.CommitAsync"/>.</summary>
public sealed record ReportLogCommit
{
    /// <summary>The target × unit key (<see cref="Keys.GrainKeys.Target"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The version the caller read; 0 when it read no summary.</summary>
    public long ExpectedVersion { get; init; }

    public required ReportLogSummary Summary { get; init; }

    /// <summary>New rows, positions following the stored ones.</summary>
    public ImmutableArray<ReportLogRow> Appended { get; init; } = [];

    /// <summary>Stored rows rewritten (same position and id, new payload).</summary>
    public ImmutableArray<ReportLogRow> Updated { get; init; } = [];

    /// <summary>The audit entries of the request, appended to the one hash chain in this order.</summary>
    public ImmutableArray<AuditRecord> Audit { get; init; } = [];
}

/// <summary>The version now stored and the audit entries as stored.</summary>
public sealed record ReportLogCommitted(long Version, ImmutableArray<AuditRecord> Audit);
