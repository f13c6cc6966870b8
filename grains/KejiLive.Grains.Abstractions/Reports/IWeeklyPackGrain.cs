using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Reports;

/// <summary>The dispatch pack of one ISO week (key <c>yyyy-Www</c>, a week of the plan year). Gathers every target ×
/// unit's history from the target grains, builds and renders the pack, and keeps the files in durable state, so a
/// final pack is served exactly as written. A week still running gets a preview, rebuilt when what it is made of
/// changed.</summary>
/// <remarks>A large plan takes minutes to build (2,850 units: a year of daily judgements of 45,600 target × unit pairs):
/// a request waits for a build at most <c>Reports:BuildWait</c> (20 s), then the build goes on alone; the page asks
/// again later (null below) or, for a preview being rebuilt, is answered with the preview it replaces. The calls that
/// must have the pack (<see cref="GetAsync"/>, <see cref="GenerateAsync"/>) wait for it, up to 10 minutes.</remarks>
public interface IWeeklyPackGrain : IGrainWithStringKey
{
    /// <summary>The stored pack's summary, generating it first when there is none (or only a stale preview).</summary>
    [ResponseTimeout("00:10:00")]
    Task<PackSummary> GetAsync();

    /// <summary>The printable HTML (generated first if needed); null while the week's first pack is still being built.</summary>
    Task<string?> GetHtmlAsync();

    /// <summary>The workbook (generated first if needed); null while the week's first pack is still being built.</summary>
    Task<byte[]?> GetXlsxAsync();

    /// <summary>A chart PNG by id of the stored pack, or null when it has no such chart (or none is built yet).</summary>
    Task<byte[]?> GetChartAsync(string name);

    /// <summary>Regenerates now: a new version (previous + 1) replaces the stored files.</summary>
    [ResponseTimeout("00:10:00")]
    Task<PackSummary> GenerateAsync();

    /// <summary>Every version made of this week, oldest first (files are kept for the newest only).</summary>
    Task<ImmutableArray<PackSummary>> GetVersionsAsync();
}
