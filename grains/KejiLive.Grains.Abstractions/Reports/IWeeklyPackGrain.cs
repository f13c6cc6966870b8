using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Reports;

/// <summary>The dispatch pack of one ISO week (key <c>yyyy-Www</c>, a week of the plan year). Gathers every target ×
/// unit's history from the target grains, builds and renders the pack, and keeps the files in durable state, so a
/// final pack is served exactly as written. A week still running gets a preview, rebuilt when older than 10 minutes.</summary>
public interface IWeeklyPackGrain : IGrainWithStringKey
{
    /// <summary>The stored pack's summary, generating it first when there is none (or only a stale preview).</summary>
    Task<PackSummary> GetAsync();

    /// <summary>The printable HTML (generated first if needed).</summary>
    Task<string> GetHtmlAsync();

    /// <summary>The workbook (generated first if needed).</summary>
    Task<byte[]> GetXlsxAsync();

    /// <summary>A chart PNG by id, or null when the pack has no such chart.</summary>
    Task<byte[]?> GetChartAsync(string name);

    /// <summary>Regenerates now: a new version (previous + 1) replaces the stored files.</summary>
    Task<PackSummary> GenerateAsync();

    /// <summary>Every version made of this week, oldest first (files are kept for the newest only).</summary>
    Task<ImmutableArray<PackSummary>> GetVersionsAsync();
}
