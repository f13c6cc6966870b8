using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Orleans.Storage;

namespace KejiLive.Storage.Tests;

/// <summary>The report log contract (<see cref="IReportLogStore"/>: a target × unit's reports, summary and the request's
/// audit entries in one commit), run against every engine.</summary>
public abstract class ReportLogContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private StorageEngine _engine = null!;
    private OpenedReportLog _stores = null!;

    protected abstract StorageEngine CreateEngine();

    public async Task InitializeAsync()
    {
        _engine = CreateEngine();
        await _engine.InitializeAsync();
        _stores = await _engine.OpenReportLogAsync();
    }

    public async Task DisposeAsync()
    {
        await _stores.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private IReportLogStore Log => _stores.Log;

    private static ReportLogRow Row(int position, string id, string payload = "") => new(position, id, payload == "" ? $"{{\"reportId\":\"{id}\"}}" : payload);

    private static AuditRecord Entry(string key, string reportId, string action = "report") => new()
    {
        At = At, Actor = "填报员", Role = "unit", Unit = "360702", Address = "10.0.0.1",
        Action = action, Subject = $"{key}/{reportId}", Detail = $"asOf=2025-06-30; value=1; id={reportId}",
    };

    private static ReportLogCommit Commit(string key, long expected, int reports, ImmutableArray<ReportLogRow> appended, ImmutableArray<ReportLogRow> updated = default, string light = "yellow") => new()
    {
        Key = key,
        ExpectedVersion = expected,
        Summary = new ReportLogSummary { Light = light, JudgedAt = At, Reports = reports },
        Appended = appended,
        Updated = updated.IsDefault ? [] : updated,
        Audit = [.. appended.Select(r => Entry(key, r.ReportId))],
    };

    private Task<long> AuditRowsAsync() => _engine.CountAsync("SELECT count(*) FROM audit");

    [Fact]
    public async Task Load_WhenNothingCommitted_IsVersionZeroWithoutRows()
    {
        var log = await Log.LoadAsync("talent-teams/360702");

        Assert.Equal(0, log.Version);
        Assert.Null(log.Summary);
        Assert.Empty(log.Rows);
    }

    [Fact]
    public async Task Commits_ThenLoad_GiveTheSummaryAndEveryRowInOrderWithRewrittenRows()
    {
        const string Key = "talent-teams/360702";
        var first = await Log.CommitAsync(Commit(Key, 0, 2, [Row(0, "r1"), Row(1, "r2")]));
        var second = await Log.CommitAsync(Commit(Key, 1, 3, [Row(2, "r3")], [Row(0, "r1", "{\"reportId\":\"r1\",\"review\":\"settled\"}")], light: "green"));

        var log = await Log.LoadAsync(Key);

        Assert.Equal((1L, 2L), (first.Version, second.Version));
        Assert.Equal(2, log.Version);
        Assert.Equal(new ReportLogSummary { Light = "green", JudgedAt = At, Reports = 3 }, log.Summary);
        Assert.Equal(["r1", "r2", "r3"], log.Rows.Select(r => r.ReportId));
        Assert.Equal([0, 1, 2], log.Rows.Select(r => r.Position));
        Assert.Equal("{\"reportId\":\"r1\",\"review\":\"settled\"}", log.Rows[0].Payload);
        Assert.Equal([1L, 2, 3], [.. first.Audit.Select(a => a.Seq), .. second.Audit.Select(a => a.Seq)]);
        Assert.Empty((await Log.LoadAsync("talent-teams/360703")).Rows);
    }

    [Fact]
    public async Task Commits_ThenLoad_KeepTheLightsSinceTimeAcrossInsertAndUpdateAndClearItWhenNull()
    {
        // The light's dwell time (issue 17) reads since when the light is shown: it must survive a reload.
        const string Key = "tech-smes/360781";
        var since = new DateTimeOffset(2025, 6, 20, 8, 30, 0, TimeSpan.Zero);
        await Log.CommitAsync(Commit(Key, 0, 1, [Row(0, "r1")]) with { Summary = new ReportLogSummary { Light = "green", LightSince = since, JudgedAt = At, Reports = 1 } });
        var inserted = (await Log.LoadAsync(Key)).Summary;
        var later = since.AddDays(15);
        await Log.CommitAsync(Commit(Key, 1, 2, [Row(1, "r2")]) with { Summary = new ReportLogSummary { Light = "yellow", LightSince = later, JudgedAt = At, Reports = 2 } });
        var updated = (await Log.LoadAsync(Key)).Summary;
        await Log.CommitAsync(Commit(Key, 2, 2, []) with { Summary = new ReportLogSummary { Light = "grey", JudgedAt = At, Reports = 2 } });
        var cleared = (await Log.LoadAsync(Key)).Summary;

        Assert.Equal(since, inserted!.LightSince);
        Assert.Equal(("yellow", later), (updated!.Light, updated.LightSince));
        Assert.Null(cleared!.LightSince);
    }

    [Fact]
    public async Task Commit_WithAStaleVersion_ThrowsInconsistentStateAndStoresNeitherRowsNorAudit()
    {
        const string Key = "talent-teams/360703";
        await Log.CommitAsync(Commit(Key, 0, 1, [Row(0, "r1")]));
        await Log.CommitAsync(Commit(Key, 1, 2, [Row(1, "r2")]));

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => Log.CommitAsync(Commit(Key, 1, 2, [Row(1, "other")])));
        var again = await Assert.ThrowsAsync<InconsistentStateException>(() => Log.CommitAsync(Commit(Key, 0, 1, [Row(0, "first-again")])));

        Assert.Equal(("2", "1"), (stale.StoredEtag, stale.CurrentEtag));
        Assert.Equal(("2", null), (again.StoredEtag, again.CurrentEtag));
        var log = await Log.LoadAsync(Key);
        Assert.Equal(2L, log.Version);
        Assert.Equal(["r1", "r2"], log.Rows.Select(r => r.ReportId));
        Assert.Equal(2, await AuditRowsAsync());
        Assert.Null(await _stores.Audit.VerifyAsync());
    }

    [Fact]
    public async Task Commit_ThatFailsMidway_LeavesNeitherItsRowsNorItsAudit_WhileTheOthersOfItsGroupCommit()
    {
        const string Key = "talent-teams/360704";
        await Log.CommitAsync(Commit(Key, 0, 1, [Row(0, "r1")]));

        // Its second row repeats a stored reportId: the database refuses that statement after the summary and the first
        // row were written. Queued together with commits of other keys, so they share a group commit.
        var failing = Log.CommitAsync(Commit(Key, 1, 3, [Row(1, "r2"), Row(2, "r1")]));
        var others = Enumerable.Range(0, 20).Select(i => Log.CommitAsync(Commit($"talent-teams/x{i}", 0, 1, [Row(0, "o" + i)]))).ToArray();

        await Assert.ThrowsAnyAsync<Exception>(() => failing);
        await Task.WhenAll(others);
        var log = await Log.LoadAsync(Key);
        Assert.Equal((1L, 1), (log.Version, log.Summary!.Reports));
        Assert.Equal(["r1"], log.Rows.Select(r => r.ReportId));
        Assert.Equal(0, await _engine.CountAsync($"SELECT count(*) FROM audit WHERE subject = '{Key}/r2'"));
        Assert.Equal(21, await AuditRowsAsync());
        // The chain went on without the failed commit's entries: numbered without gaps and intact.
        var next = await Log.CommitAsync(Commit(Key, 1, 2, [Row(1, "r2")]));
        Assert.Equal(22, next.Audit.Single().Seq);
        Assert.Null(await _stores.Audit.VerifyAsync());
    }

    [Fact]
    public async Task CommitsAndPlainAuditAppends_Concurrently_MakeOneChainWithoutGaps()
    {
        var commits = Enumerable.Range(0, 60).Select(i => Log.CommitAsync(Commit($"talent-teams/c{i}", 0, 1, [Row(0, "r" + i)])));
        var appends = Enumerable.Range(0, 30).Select(i => _stores.Audit.AppendAsync([Entry("admin", "token" + i, "token.create")]));

        await Task.WhenAll(commits.Cast<Task>().Concat(appends));

        var all = await _stores.Audit.QueryAsync(new AuditQuery { Limit = 1000, OldestFirst = true });
        Assert.Equal(Enumerable.Range(1, 90).Select(i => (long)i), all.Select(a => a.Seq));
        Assert.Equal(60, all.Count(a => a.Action == "report"));
        Assert.Null(await _stores.Audit.VerifyAsync());
        Assert.Empty(await Log.UnauditedAsync(100));
    }

    [Fact]
    public async Task Unaudited_ListsExactlyTheStoredReportsWithoutTheirEntry()
    {
        await Log.CommitAsync(Commit("talent-teams/360705", 0, 2, [Row(0, "a1"), Row(1, "a2")]));
        await Log.CommitAsync(Commit("talent-teams/360706", 0, 1, [Row(0, "b1")]) with { Audit = [] });
        await Log.CommitAsync(Commit("talent-teams/360707", 0, 1, [Row(0, "c1")]) with { Audit = [Entry("talent-teams/360707", "c1", "report.repeat")] });

        var unaudited = await Log.UnauditedAsync(100);

        Assert.Equal(["talent-teams/360706/b1", "talent-teams/360707/c1"], unaudited.AsEnumerable());
        Assert.Single(await Log.UnauditedAsync(1));
    }
}

/// <summary>The report log contract on the embedded SQLite engine.</summary>
public sealed class SqliteReportLogContractTests : ReportLogContractTests
{
    protected override StorageEngine CreateEngine() => new SqliteEngine();
}

/// <summary>The report log contract on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReportLogContractTests(PostgresFixture fixture) : ReportLogContractTests
{
    protected override StorageEngine CreateEngine() => new PostgresEngine(fixture);
}
