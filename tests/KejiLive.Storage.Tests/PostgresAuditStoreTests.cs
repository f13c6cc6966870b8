using KejiLive.Grains.Abstractions.Security;
using KejiLive.Storage.Postgres;
using Npgsql;

namespace KejiLive.Storage.Tests;

/// <summary>The cluster's audit trail on a real PostgreSQL server: append-only, ordered, durable across reopening,
/// tamper-evident, and one chain without a fork when several processes (here: store instances with their own
/// connections) append at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await fixture.Server.CreateDatabaseAsync("audit");

    public Task DisposeAsync() => Task.CompletedTask;

    private static AuditRecord Entry(int i, string action = "report", string silo = "a") => new()
    {
        At = At.AddMinutes(i).AddTicks(i * 7 + 3), Actor = $"填报员{i % 3}", Role = "unit", Unit = i % 5 == 0 ? null : "360702",
        Address = "10.0.0." + (i % 250), Action = action, Subject = $"talent-teams/360702/{silo}{i}", Detail = $"value={i}; note=<b>{i}</b>",
    };

    [Fact]
    public async Task ConcurrentAppends_WhenFromOneStore_AllLandNumberedWithoutGapsAndTheChainVerifies()
    {
        await using var store = new PostgresAuditStore(_connectionString);

        var written = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.AppendAsync([Entry(i)]))));
        var all = await store.QueryAsync(new AuditQuery { Limit = 10_000, OldestFirst = true });

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(written.Select(w => w.Single().Subject).Order(), all.Select(e => e.Subject).Order());
        Assert.Equal(written.Select(w => w.Single()).OrderBy(e => e.Seq), all);
        Assert.Null(await store.VerifyAsync());
    }

    /// <summary>Two silos append at the same time, each through its own store and connections: one chain, every entry
    /// once, no sequence number twice, every hash over its true predecessor.</summary>
    [Fact]
    public async Task ConcurrentAppends_WhenFromTwoStores_GiveOneIntactChainWithEveryEntryOnce()
    {
        await using var first = new PostgresAuditStore(_connectionString);
        await using var second = new PostgresAuditStore(_connectionString);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        var appends = Enumerable.Range(0, 300).Select(i => Task.Run(() => i % 2 == 0
            ? first.AppendAsync([Entry(i, silo: "a"), Entry(i + 1000, silo: "a")])
            : second.AppendAsync([Entry(i, silo: "b")])));
        var written = (await Task.WhenAll(appends)).SelectMany(w => w).ToList();

        var all = await first.QueryAsync(new AuditQuery { Limit = 10_000, OldestFirst = true });
        Assert.Equal(450, all.Length);
        Assert.Equal(Enumerable.Range(1, 450).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(written.Select(e => e.Subject).Order(), all.Select(e => e.Subject).Order());
        Assert.Contains(all, e => e.Subject.Contains("/a", StringComparison.Ordinal));
        Assert.Contains(all, e => e.Subject.Contains("/b", StringComparison.Ordinal));
        Assert.Null(await first.VerifyAsync());
        Assert.Null(await second.VerifyAsync());
    }

    [Fact]
    public async Task Reopening_WhenEntriesExist_ContinuesTheChain()
    {
        await using (var store = new PostgresAuditStore(_connectionString))
        {
            await store.AppendAsync([Entry(1), Entry(2)]);
        }

        await using var reopened = new PostgresAuditStore(_connectionString);
        var third = await reopened.AppendAsync([Entry(5)]);

        Assert.Equal(3, third.Single().Seq);
        Assert.Null(await reopened.VerifyAsync());
        var read = await reopened.QueryAsync(new AuditQuery { OldestFirst = true });
        Assert.Equal(third.Single(), read[2]);
        Assert.Null(read[2].Unit);
        Assert.Equal(Entry(1).At, read[0].At);
        Assert.Equal(Entry(1).At.Offset, read[0].At.Offset);
    }

    [Fact]
    public async Task Query_FiltersByTimeActionActorAndPagesNewestFirst()
    {
        await using var store = new PostgresAuditStore(_connectionString);
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

    [Theory]
    [InlineData("UPDATE audit SET detail = 'value=400' WHERE seq = 3")]
    [InlineData("DELETE FROM audit WHERE seq = 3")]
    [InlineData("TRUNCATE audit")]
    public async Task Change_WhenAttemptedOnTheTable_IsRefusedAsAppendOnly(string sql)
    {
        await using var store = new PostgresAuditStore(_connectionString);
        await store.AppendAsync([.. Enumerable.Range(1, 5).Select(i => Entry(i))]);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));

        Assert.Contains("the audit log is append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Null(await store.VerifyAsync());
        Assert.Equal(5, (await store.QueryAsync(new AuditQuery())).Length);
    }

    [Fact]
    public async Task Verify_WhenARowWasEditedBehindADroppedTrigger_NamesThatRow()
    {
        await using var store = new PostgresAuditStore(_connectionString);
        await store.AppendAsync([.. Enumerable.Range(1, 5).Select(i => Entry(i))]);

        await ExecuteAsync("DROP TRIGGER audit_no_update ON audit; UPDATE audit SET detail = 'value=400' WHERE seq = 3;");

        Assert.Equal(3, await store.VerifyAsync());
    }

    [Fact]
    public async Task Verify_WhenARowWasRemovedBehindADroppedTrigger_NamesTheGap()
    {
        await using var store = new PostgresAuditStore(_connectionString);
        await store.AppendAsync([.. Enumerable.Range(1, 5).Select(i => Entry(i))]);

        await ExecuteAsync("DROP TRIGGER audit_no_delete ON audit; DELETE FROM audit WHERE seq = 4;");

        Assert.Equal(4, await store.VerifyAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
