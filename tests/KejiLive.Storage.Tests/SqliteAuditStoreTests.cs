using KejiLive.Grains.Abstractions.Security;
using KejiLive.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Tests;

/// <summary>The audit log on a real SQLite file (the grain storage's <c>keji.db</c>, committed by its writer thread):
/// append-only, ordered, durable across reopening, tamper-evident.</summary>
public sealed class SqliteAuditStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keji-audit-" + Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_directory, "keji.db");

    private SqliteGrainStorage OpenStorage() => new("keji", new SqliteGrainStorageOptions { DatabasePath = DbPath });

    private static AuditRecord Entry(int i, string action = "report") => new()
    {
        At = At.AddMinutes(i), Actor = $"填报员{i % 3}", Role = "unit", Unit = "360702", Address = "10.0.0." + (i % 250),
        Action = action, Subject = $"talent-teams/360702/r{i}", Detail = $"value={i}; note=<b>{i}</b>",
    };

    [Fact]
    public async Task ConcurrentAppends_AllLand_NumberedWithoutGaps_AndTheChainVerifies()
    {
        using var storage = OpenStorage();
        var store = new SqliteAuditStore(storage);

        var written = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.AppendAsync([Entry(i)]))));
        var all = await store.QueryAsync(new AuditQuery { Limit = 10_000, OldestFirst = true });

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(written.Select(w => w.Single().Subject).Order(), all.Select(e => e.Subject).Order());
        Assert.Null(await store.VerifyAsync());
    }

    [Fact]
    public async Task Reopening_ContinuesTheChain()
    {
        using (var storage = OpenStorage()) await new SqliteAuditStore(storage).AppendAsync([Entry(1), Entry(2)]);
        using (var storage = OpenStorage())
        {
            var reopened = new SqliteAuditStore(storage);
            var third = await reopened.AppendAsync([Entry(3)]);

            Assert.Equal(3, third.Single().Seq);
            Assert.Null(await reopened.VerifyAsync());
        }
    }

    [Fact]
    public async Task Query_FiltersByTimeActionActorAndPagesNewestFirst()
    {
        using var storage = OpenStorage();
        var store = new SqliteAuditStore(storage);
        await store.AppendAsync([.. Enumerable.Range(1, 10).Select(i => Entry(i, i % 2 == 0 ? "ack" : "report"))]);

        var acks = await store.QueryAsync(new AuditQuery { Action = "ack" });
        var window = await store.QueryAsync(new AuditQuery { From = At.AddMinutes(3), Until = At.AddMinutes(6) });
        var page = await store.QueryAsync(new AuditQuery { Limit = 3, BeforeSeq = 8 });
        var actor = await store.QueryAsync(new AuditQuery { Actor = "填报员1" });

        Assert.Equal([10L, 8, 6, 4, 2], acks.Select(e => e.Seq));
        Assert.Equal([5L, 4, 3], window.Select(e => e.Seq));
        Assert.Equal([7L, 6, 5], page.Select(e => e.Seq));
        Assert.Equal([10L, 7, 4, 1], actor.Select(e => e.Seq));
        Assert.Equal("value=4; note=<b>4</b>", window[1].Detail);
    }

    [Fact]
    public async Task AnEditMadeBehindTheTriggersBack_IsFoundByVerify()
    {
        using var storage = OpenStorage();
        var store = new SqliteAuditStore(storage);
        await store.AppendAsync([.. Enumerable.Range(1, 5).Select(i => Entry(i))]);

        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'value=400' WHERE seq = 3;";
            command.ExecuteNonQuery();
        }

        Assert.Equal(3, await store.VerifyAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
