using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Npgsql;

namespace KejiLive.Storage.Tests;

/// <summary>A database an earlier build left (report log version 2, audit version 2) is brought to the current layout
/// on start: every row kept in log order, a repeated reportId still refused, one index per report row and none on the
/// audit subject.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReportLogMigrationTests(PostgresFixture fixture) : IAsyncLifetime
{
    private const string A = "talent-teams/360702", B = "talent-teams/360703";
    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly PostgresEngine _engine = new(fixture);

    public Task InitializeAsync() => _engine.InitializeAsync();

    public Task DisposeAsync() => _engine.DisposeAsync().AsTask();

    [Fact]
    public async Task Start_WhenAnEarlierBuildWroteVersion2_KeepsEveryRowInLogOrderAndStillRefusesARepeatedReportId()
    {
        // Key A's reportIds sort against their log order, so a read by the new key alone would show a wrong order.
        await _engine.ScalarAsync($$"""
            CREATE TABLE keji_schema (component text PRIMARY KEY, version integer NOT NULL);
            INSERT INTO keji_schema VALUES ('report_log', 2), ('audit', 2);
            CREATE TABLE report_head (grain_key text PRIMARY KEY, version bigint NOT NULL, light text NOT NULL, judged_at text,
                reports integer NOT NULL, updated_at timestamptz NOT NULL, light_since text);
            CREATE TABLE report_log (grain_key text NOT NULL, position integer NOT NULL, report_id text NOT NULL, payload text NOT NULL,
                PRIMARY KEY (grain_key, position), UNIQUE (grain_key, report_id));
            CREATE TABLE audit (seq bigint PRIMARY KEY, at_ticks bigint NOT NULL, at text NOT NULL, actor text NOT NULL,
                role text NOT NULL, unit text, address text NOT NULL, action text NOT NULL, subject text NOT NULL,
                detail text NOT NULL, hash text NOT NULL);
            CREATE INDEX audit_at ON audit (at_ticks);
            CREATE INDEX audit_subject ON audit (subject);
            INSERT INTO report_head VALUES ('{{A}}', 3, 'yellow', NULL, 3, now(), NULL), ('{{B}}', 1, 'green', NULL, 1, now(), NULL);
            INSERT INTO report_log VALUES ('{{A}}', 0, 'z-first', '{"v":1}'), ('{{A}}', 1, 'a-second', '{"v":2}'),
                ('{{A}}', 2, 'm-third', '{"v":3}'), ('{{B}}', 0, 'b1', '{"v":9}');
            """);
        await using var stores = await _engine.OpenReportLogAsync();
        // The audit entries of A's three reports, appended through the store so that the chain is the real one.
        await stores.Audit.AppendAsync([.. new[] { "z-first", "a-second", "m-third" }.Select(id => Entry($"{A}/{id}"))]);

        var old = await stores.Log.LoadAsync(A);
        await Assert.ThrowsAnyAsync<PostgresException>(() => stores.Log.CommitAsync(new ReportLogCommit
        {
            Key = A, ExpectedVersion = 3, Summary = new ReportLogSummary { Light = "yellow", Reports = 4 },
            Appended = [new ReportLogRow(3, "a-second", "{}")],
        }));
        await stores.Log.CommitAsync(new ReportLogCommit
        {
            Key = A, ExpectedVersion = 3, Summary = new ReportLogSummary { Light = "green", Reports = 4 },
            Appended = [new ReportLogRow(3, "b-fourth", """{"v":4}""")],
            Audit = [Entry($"{A}/b-fourth")],
        });

        Assert.Equal((3L, 3), (old.Version, old.Summary!.Reports));
        Assert.Equal([(0, "z-first", """{"v":1}"""), (1, "a-second", """{"v":2}"""), (2, "m-third", """{"v":3}""")],
            old.Rows.Select(r => (r.Position, r.ReportId, r.Payload)));
        Assert.Equal(["z-first", "a-second", "m-third", "b-fourth"], (await stores.Log.LoadAsync(A)).Rows.Select(r => r.ReportId));
        Assert.Equal([$"{B}/b1"], (await stores.Log.UnauditedAsync(10)).AsEnumerable());
        Assert.Null(await stores.Audit.VerifyAsync());
        Assert.Equal("3,3", await _engine.ScalarAsync(
            "SELECT string_agg(version::text, ',' ORDER BY component) FROM keji_schema WHERE component IN ('audit', 'report_log')"));
        Assert.Equal("audit_at,audit_pkey,report_head_pkey,report_log_pkey", await _engine.ScalarAsync("""
            SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes
            WHERE schemaname = 'public' AND tablename IN ('audit', 'report_head', 'report_log')
            """));
        Assert.Equal("PRIMARY KEY (grain_key, report_id)", await _engine.ScalarAsync(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'report_log_pkey'"));
    }

    [Fact]
    public async Task Start_WhenDatabaseIsEmpty_CreatesTheCurrentLayout()
    {
        await using var stores = await _engine.OpenReportLogAsync();

        Assert.Equal("PRIMARY KEY (grain_key, report_id)", await _engine.ScalarAsync(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'report_log_pkey'"));
        Assert.Equal(0L, await _engine.CountAsync("SELECT count(*) FROM pg_indexes WHERE indexname = 'audit_subject'"));
    }

    private static AuditRecord Entry(string subject) => new()
    {
        At = At, Actor = "填报员", Role = "unit", Unit = "360702", Address = "10.0.0.1",
        Action = "report", Subject = subject, Detail = "asOf=2025-06-30",
    };
}
