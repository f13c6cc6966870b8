using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using KejiLive.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Tests;

/// <summary>What only the embedded engine has: its connections' durability setting, and the move of an earlier build's
/// separate <c>audit.db</c> into <c>keji.db</c>.</summary>
public sealed class SqliteReportLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keji-reportlog-" + Guid.NewGuid().ToString("N"));

    public SqliteReportLogTests() => Directory.CreateDirectory(_directory);

    private string KejiDb => Path.Combine(_directory, "keji.db");

    private string LegacyAudit => Path.Combine(_directory, SqliteAuditStore.FileName);

    private SqliteGrainStorage OpenStorage() => new("keji", new SqliteGrainStorageOptions { DatabasePath = KejiDb });

    [Fact]
    public async Task WriterAndReadConnections_CommitWithSynchronousFull()
    {
        await using var storage = OpenStorage();
        await storage.StartAsync();

        var (writer, reader) = storage.Pragma("synchronous");

        // 2 = FULL: every commit (report, its audit entry, grain state) is fsynced before its caller hears "stored".
        Assert.Equal(2L, writer);
        Assert.Equal(2L, reader);
        Assert.Equal("wal", storage.Pragma("journal_mode").Writer);
    }

    [Fact]
    public async Task WriterConnection_KeepsALargerCacheAndCheckpointsLessOften()
    {
        await using var storage = OpenStorage();
        await storage.StartAsync();

        // Negative cache_size is KiB. The read connections keep SQLite's defaults.
        Assert.Equal(-(long)SqliteSchema.WriterCacheKiB, storage.Pragma("cache_size").Writer);
        Assert.Equal((long)SqliteSchema.WalAutoCheckpointPages, storage.Pragma("wal_autocheckpoint").Writer);
        Assert.Equal(-2000L, storage.Pragma("cache_size").Reader);
        // 2 = MEMORY: a savepoint's journal (a report commit's undo inside the batch) never goes to a temporary file.
        Assert.Equal(2L, storage.Pragma("temp_store").Writer);
    }

    [Fact]
    public async Task Open_WhenAnEarlierBuildWroteSchema2_AddsTheSinceColumnAndReadsTheOldSummaryWithoutIt()
    {
        // What the build before the light's since-time left: report_head without light_since, user_version 2.
        await using (var storage = OpenStorage())
        {
            await storage.StartAsync();
            await new SqliteReportLogStore(storage).CommitAsync(new ReportLogCommit
            {
                Key = "talent-teams/360702",
                Summary = new ReportLogSummary { Light = "yellow", JudgedAt = At, Reports = 1 },
                Appended = [new ReportLogRow(0, "r1", "{}")],
            });
        }
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = KejiDb, Pooling = false }.ToString()))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "ALTER TABLE report_head DROP COLUMN light_since; PRAGMA user_version = 2;";
            downgrade.ExecuteNonQuery();
        }

        await using var reopened = OpenStorage();
        await reopened.StartAsync();
        var log = new SqliteReportLogStore(reopened);
        var old = await log.LoadAsync("talent-teams/360702");
        var since = At.AddDays(-3);
        await log.CommitAsync(new ReportLogCommit
        {
            Key = "talent-teams/360702",
            ExpectedVersion = old.Version,
            Summary = new ReportLogSummary { Light = "green", LightSince = since, JudgedAt = At, Reports = 1 },
        });

        Assert.Equal(new ReportLogSummary { Light = "yellow", JudgedAt = At, Reports = 1 }, old.Summary);
        Assert.Equal(["r1"], old.Rows.Select(r => r.ReportId));
        Assert.Equal(since, (await log.LoadAsync("talent-teams/360702")).Summary!.LightSince);
    }

    [Fact]
    public async Task Open_WhenAnEarlierBuildWroteSchema3_KeepsEveryRowInLogOrderAndStillRefusesARepeatedReportId()
    {
        // The layout of schema 3: the log keyed by position, a unique index on (key, reportId), an audit subject index.
        // Key A's reportIds sort against their log order, so reading by the new key would show a wrong order.
        const string A = "talent-teams/360702", B = "talent-teams/360703";
        var audited = new[] { $"{A}/z-first", $"{A}/a-second", $"{A}/m-third" };
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = KejiDb, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                PRAGMA journal_mode = WAL;
                CREATE TABLE grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, grain_type TEXT NOT NULL,
                    version INTEGER NOT NULL, payload TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                CREATE TABLE report_head (grain_key TEXT PRIMARY KEY, version INTEGER NOT NULL, light TEXT NOT NULL, judged_at TEXT,
                    reports INTEGER NOT NULL, updated_at TEXT NOT NULL, light_since TEXT) WITHOUT ROWID;
                CREATE TABLE report_log (grain_key TEXT NOT NULL, position INTEGER NOT NULL, report_id TEXT NOT NULL,
                    payload TEXT NOT NULL, PRIMARY KEY (grain_key, position)) WITHOUT ROWID;
                CREATE UNIQUE INDEX report_log_id ON report_log (grain_key, report_id);
                CREATE TABLE audit (seq INTEGER PRIMARY KEY, at_ticks INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
                    role TEXT NOT NULL, unit TEXT, address TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
                    detail TEXT NOT NULL, hash TEXT NOT NULL);
                CREATE INDEX audit_at ON audit (at_ticks);
                CREATE INDEX audit_subject ON audit (subject);
                INSERT INTO report_head VALUES ('{A}', 3, 'yellow', NULL, 3, 'x', NULL), ('{B}', 1, 'green', NULL, 1, 'x', NULL);
                INSERT INTO report_log VALUES ('{A}', 0, 'z-first', '{"{"}"v":1{"}"}'), ('{A}', 1, 'a-second', '{"{"}"v":2{"}"}'),
                    ('{A}', 2, 'm-third', '{"{"}"v":3{"}"}'), ('{B}', 0, 'b1', '{"{"}"v":9{"}"}');
                PRAGMA user_version = 3;
                """;
            command.ExecuteNonQuery();
            InsertChained(connection, [.. audited.Select((subject, i) => Record(i + 1) with { Action = "report", Subject = subject })]);
        }

        await using var storage = OpenStorage();
        await storage.StartAsync();
        var log = new SqliteReportLogStore(storage);
        var old = await log.LoadAsync(A);
        var repeat = log.CommitAsync(new ReportLogCommit
        {
            Key = A, ExpectedVersion = 3, Summary = new ReportLogSummary { Light = "yellow", Reports = 4 },
            Appended = [new ReportLogRow(3, "a-second", "{}")],
        });
        await Assert.ThrowsAnyAsync<SqliteException>(() => repeat);
        await log.CommitAsync(new ReportLogCommit
        {
            Key = A, ExpectedVersion = 3, Summary = new ReportLogSummary { Light = "green", Reports = 4 },
            Appended = [new ReportLogRow(3, "b-fourth", """{"v":4}""")],
            Audit = [Record(4) with { Action = "report", Subject = $"{A}/b-fourth" }],
        });

        Assert.Equal((3L, 3), (old.Version, old.Summary!.Reports));
        Assert.Equal([(0, "z-first", """{"v":1}"""), (1, "a-second", """{"v":2}"""), (2, "m-third", """{"v":3}""")],
            old.Rows.Select(r => (r.Position, r.ReportId, r.Payload)));
        Assert.Equal(["z-first", "a-second", "m-third", "b-fourth"], (await log.LoadAsync(A)).Rows.Select(r => r.ReportId));
        Assert.Equal([$"{B}/b1"], (await log.UnauditedAsync(10)).AsEnumerable());
        Assert.Null(await new SqliteAuditStore(storage).VerifyAsync());
        Assert.Equal(4L, storage.Pragma("user_version").Writer);
        using var indexes = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = KejiDb, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        indexes.Open();
        using var names = indexes.CreateCommand();
        names.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name);";
        Assert.Equal("audit_at", names.ExecuteScalar() as string);
    }

    [Fact]
    public async Task Open_WhenAnEarlierBuildLeftAuditDb_MovesEveryEntryOnceKeepingTheChain()
    {
        var legacy = WriteLegacyAudit(5);

        await using (var storage = OpenStorage())
        {
            var audit = new SqliteAuditStore(storage);
            var moved = await audit.QueryAsync(new AuditQuery { OldestFirst = true, Limit = 100 });
            var sixth = await audit.AppendAsync([Record(6)]);
            var report = await new SqliteReportLogStore(storage).CommitAsync(new ReportLogCommit
            {
                Key = "talent-teams/360702",
                Summary = new ReportLogSummary { Light = "yellow", Reports = 1 },
                Appended = [new ReportLogRow(0, "r7", "{}")],
                Audit = [Record(7) with { Subject = "talent-teams/360702/r7" }],
            });

            Assert.Equal(legacy.Select(r => (r.Seq, r.Subject, r.Hash)), moved.Select(r => (r.Seq, r.Subject, r.Hash)));
            Assert.Equal(6, sixth.Single().Seq);
            Assert.Equal(7, report.Audit.Single().Seq);
            Assert.Null(await audit.VerifyAsync());
        }

        Assert.False(File.Exists(LegacyAudit));
        Assert.True(File.Exists(LegacyAudit + ".migrated"));

        // Opened again: nothing is copied twice, the chain goes on.
        await using (var reopened = OpenStorage())
        {
            var audit = new SqliteAuditStore(reopened);
            var all = await audit.QueryAsync(new AuditQuery { OldestFirst = true, Limit = 100 });
            Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), all.Select(r => r.Seq));
            Assert.Null(await audit.VerifyAsync());
        }
    }

    [Fact]
    public async Task Open_WhenAuditDbWasTamperedBeforeTheMove_VerifyStillFindsTheEdit()
    {
        WriteLegacyAudit(4, tamperSeq: 2);

        await using var storage = OpenStorage();

        Assert.Equal(2, await new SqliteAuditStore(storage).VerifyAsync());
    }

    private static AuditRecord Record(int i) => new()
    {
        At = At.AddMinutes(i), Actor = "admin", Role = "admin", Unit = null, Address = "127.0.0.1",
        Action = "token.create", Subject = "token-" + i, Detail = "role=unit; 备注 " + i,
    };

    /// <summary>An <c>audit.db</c> as earlier builds wrote it: the same table and triggers, rows hash-chained.</summary>
    private List<AuditRecord> WriteLegacyAudit(int count, int? tamperSeq = null)
    {
        using var connection = new SqliteConnection($"Data Source={LegacyAudit};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE audit (seq INTEGER PRIMARY KEY, at_ticks INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
                role TEXT NOT NULL, unit TEXT, address TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
                detail TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX audit_at ON audit (at_ticks);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """;
        command.ExecuteNonQuery();
        return InsertChained(connection, [.. Enumerable.Range(1, count).Select(Record)], tamperSeq);
    }

    /// <summary>Appends <paramref name="records"/> (numbered from 1) to an <c>audit</c> table as an earlier build did,
    /// hash-chained; the row numbered <paramref name="tamperSeq"/> gets an edited detail after its hash was taken.</summary>
    private static List<AuditRecord> InsertChained(SqliteConnection connection, IReadOnlyList<AuditRecord> records, int? tamperSeq = null)
    {
        var rows = new List<AuditRecord>();
        var hash = AuditChain.Genesis;
        for (var seq = 1; seq <= records.Count; seq++)
        {
            var r = records[seq - 1];
            hash = AuditChain.Hash(hash, seq, r.At, r.Actor, r.Role, r.Unit, r.Address, r.Action, r.Subject, r.Detail);
            rows.Add(r with { Seq = seq, Hash = hash });
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO audit VALUES ($seq, $ticks, $at, $actor, $role, NULL, $address, $action, $subject, $detail, $hash);";
            insert.Parameters.AddWithValue("$seq", seq);
            insert.Parameters.AddWithValue("$ticks", r.At.UtcTicks);
            insert.Parameters.AddWithValue("$at", r.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$actor", r.Actor);
            insert.Parameters.AddWithValue("$role", r.Role);
            insert.Parameters.AddWithValue("$address", r.Address);
            insert.Parameters.AddWithValue("$action", r.Action);
            insert.Parameters.AddWithValue("$subject", r.Subject);
            insert.Parameters.AddWithValue("$detail", seq == tamperSeq ? "edited" : r.Detail);
            insert.Parameters.AddWithValue("$hash", hash);
            insert.ExecuteNonQuery();
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
