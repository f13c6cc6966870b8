using System.Collections.Immutable;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains.Reports;

/// <summary>One week's dispatch pack. Load state, gather histories, call the domain and the renderer, persist: the
/// content is <see cref="WeeklyPackBuilder"/>'s, the files <see cref="IWeeklyPackRenderer"/>'s.</summary>
public sealed class WeeklyPackGrain(
    [PersistentState("weekly-pack", StorageNames.Keji)] IPersistentState<WeeklyPackState> state,
    PlanDocument plan,
    PlanClock clock,
    IWeeklyPackRenderer renderer,
    IPackAlertSource alertSource,
    AuditPackSource auditSource,
    WeeklyPackOptions options,
    ILogger<WeeklyPackGrain> logger) : Grain, IWeeklyPackGrain
{
    /// <summary>Versions listed per week (the newest; older summaries are pruned, the files were replaced anyway).</summary>
    public const int VersionsToKeep = 20;

    private IsoWeek _week;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (!IsoWeek.TryParse(key, out _week) || !PlanWeeks.Contains(plan, _week))
        {
            throw new InvalidOperationException($"'{key}' is not a week (yyyy-Www) of plan year {plan.Year}.");
        }
        return Task.CompletedTask;
    }

    /// <summary>The build under way, if any: one at a time per week.</summary>
    private Task<PackSummary>? _building;

    public async Task<PackSummary> GetAsync() => (await EnsureAsync(wait: Timeout.InfiniteTimeSpan))!;

    public async Task<string?> GetHtmlAsync() => await EnsureAsync(options.BuildWait) is null ? null : state.State.Html;

    public async Task<byte[]?> GetXlsxAsync() => await EnsureAsync(options.BuildWait) is null ? null : state.State.Xlsx;

    /// <summary>A chart of the stored pack, without looking for a newer one: the charts a page asks for are the ones of
    /// the HTML it was given (at 2,850 units, checking the inputs again for each image read 45,600 histories each time).</summary>
    public async Task<byte[]?> GetChartAsync(string name)
    {
        if (state.State.Current is null && await EnsureAsync(options.BuildWait) is null) return null;
        return state.State.Charts.GetValueOrDefault(name);
    }

    public async Task<PackSummary> GenerateAsync()
    {
        if (_building is { IsCompleted: false } running) await running;
        var now = clock.GetUtcNow();
        return await Build(now, await GatherInputsAsync(now));
    }

    public Task<ImmutableArray<PackSummary>> GetVersionsAsync() => Task.FromResult(state.State.Versions);

    /// <summary>The current pack; a preview (week still running) is rebuilt only when what it is made of changed: the
    /// reports, review marks, 督办 and audit entries, or the plan day it is judged on (not on a timer, so a fast demo
    /// clock does not rebuild it over and over). A rebuild not done within <paramref name="wait"/> goes on alone: the
    /// answer is the preview it replaces, or null when the week has none yet.</summary>
    private async Task<PackSummary?> EnsureAsync(TimeSpan wait)
    {
        var current = state.State.Current;
        if (current is not null && current.Final) return current;
        // A build under way is waited for before the inputs are read again (45,600 histories at 2,850 units): a page
        // that reloads every few seconds while it runs would read them each time only to join it.
        var building = _building is { IsCompleted: false } running ? running : await BuildIfChangedAsync(current);
        if (building is null) return current;
        if (wait == Timeout.InfiniteTimeSpan) return await building;
        var finished = await Task.WhenAny(building, Task.Delay(wait));
        return finished == building ? await building : state.State.Current;
    }

    /// <summary>Starts a build when what the pack is made of changed since <paramref name="current"/>; null when not.</summary>
    private async Task<Task<PackSummary>?> BuildIfChangedAsync(PackSummary? current)
    {
        var now = clock.GetUtcNow();
        var inputs = await GatherInputsAsync(now);
        return current is not null && state.State.InputHash == inputs.Hash ? null : Build(now, inputs);
    }

    private Task<PackSummary> Build(DateTimeOffset now, Inputs inputs) => _building = GenerateCoreAsync(now, inputs);

    private sealed record Inputs(
        Dictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>> Histories,
        Dictionary<(string TargetId, string UnitId), IReadOnlyList<ReviewMark>> Reviews,
        IReadOnlyList<PackAlert> Alerts,
        ImmutableArray<PackAuditEntry> Audit,
        bool AuditTruncated,
        string Hash);

    private async Task<Inputs> GatherInputsAsync(DateTimeOffset now)
    {
        if (!PlanWeeks.HasStarted(plan, _week, now)) throw new InvalidOperationException($"{_week} has not started yet.");
        var (histories, reviews) = await GatherAsync();
        var cutOff = PlanWeeks.CutOff(plan, _week, now);
        var alerts = await alertSource.GetAlertsAsync(plan, cutOff, CancellationToken.None);
        // The cut-off is the week's last instant: the audit covers the seven days up to and including it.
        var audit = await auditSource.GetAsync(cutOff.AddTicks(1) - TimeSpan.FromDays(7), cutOff.AddTicks(1));
        var hash = PackInputs.Hash(ShanghaiTime.DateOf(cutOff), PlanWeeks.HasEnded(plan, _week, now), histories, reviews, alerts, audit.Entries);
        return new Inputs(histories, reviews, alerts, audit.Entries, audit.Truncated, hash);
    }

    private async Task<PackSummary> GenerateCoreAsync(DateTimeOffset now, Inputs inputs)
    {
        var (histories, reviews, alerts, auditEntries, auditTruncated) = (inputs.Histories, inputs.Reviews, inputs.Alerts, inputs.Audit, inputs.AuditTruncated);
        var version = (state.State.Current?.Version ?? 0) + 1;
        var week = _week;
        // Building and drawing take seconds of CPU (minutes at 2,850 units): run them on the thread pool, not on the grain's
        // scheduler, and leave a core to the live work of the silo.
        var (pack, files) = await Task.Run(() =>
        {
            var built = WeeklyPackBuilder.Build(plan, histories, alerts, week, now, reviews, Math.Max(1, Environment.ProcessorCount - 1));
            built = built with { Audit = auditEntries, AuditTruncated = auditTruncated };
            return (built, renderer.Render(built, version, name => WeeklyPackPaths.Chart(week, name)));
        });
        var summary = new PackSummary
        {
            Week = _week.ToString(),
            Version = version,
            GeneratedAt = now,
            CutOff = pack.CutOff,
            Final = pack.Final,
            Red = pack.Watch.Count(w => w.Light == Light.Red),
            Yellow = pack.Watch.Count(w => w.Light == Light.Yellow),
            Charts = files.Charts.Count,
            HtmlPath = WeeklyPackPaths.Html(_week),
            XlsxPath = WeeklyPackPaths.Xlsx(_week),
        };
        await state.WriteAsync(state.State with
        {
            Current = summary,
            Html = files.Html,
            Xlsx = files.Xlsx,
            Charts = files.Charts,
            Versions = Prune(state.State.Versions.Add(summary)),
            InputHash = inputs.Hash,
        });
        GrainFactory.GetGrain<IWeeklyPackSchedulerGrain>(GrainKeys.Plan(plan.Id)).RecordAsync(summary).Ignore();
        logger.LogInformation("Weekly pack {Week} v{Version} written ({Charts} charts, cut-off {CutOff:O}, final {Final})",
            summary.Week, version, summary.Charts, summary.CutOff, summary.Final);
        return summary;
    }

    private static ImmutableArray<PackSummary> Prune(ImmutableArray<PackSummary> versions) =>
        versions.Length > VersionsToKeep ? versions.RemoveRange(0, versions.Length - VersionsToKeep) : versions;

    /// <summary>Every target × unit's reports, and the 待核实 marks among them with when each ended: the city office's
    /// confirmation, or the arrival of the report that settled it (it was stamped with that report's arrival).</summary>
    private async Task<(Dictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>> Histories,
        Dictionary<(string TargetId, string UnitId), IReadOnlyList<ReviewMark>> Reviews)> GatherAsync()
    {
        var pairs = plan.Targets.SelectMany(t => t.Assignments.Select(a => (TargetId: t.Id, a.UnitId))).ToList();
        var details = await Task.WhenAll(pairs.Select(p => GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(p.TargetId, p.UnitId)).GetDetailAsync()));
        var histories = new Dictionary<(string, string), IReadOnlyList<ReportEntry>>(pairs.Count);
        var reviews = new Dictionary<(string, string), IReadOnlyList<ReviewMark>>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var history = details[i].History;
            histories[pairs[i]] = [.. history.Select(r => r.ToEntry())];
            var marks = history.Where(r => r.Quality is not null).Select(r => new ReviewMark(r.ReportId, r.ReviewedAt
                ?? history.FirstOrDefault(s => s.ReportId == r.SettledBy)?.ReceivedAt)).ToList();
            if (marks.Count > 0) reviews[pairs[i]] = marks;
        }
        return (histories, reviews);
    }
}
