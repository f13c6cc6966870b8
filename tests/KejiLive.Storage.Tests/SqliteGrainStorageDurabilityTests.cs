using Orleans.Storage;

namespace KejiLive.Storage.Tests;

public sealed class SqliteGrainStorageDurabilityTests : IDisposable
{
    private const string StateName = "target";
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Storage_WhenReopenedOnSameFile_ReadsStateWrittenBeforeClose()
    {
        var grain = GrainId.Create("target", "x");
        await using (var storage = _database.OpenStorage())
        {
            var state = new TestGrainState<TargetState>(SqliteGrainStorageSemanticsTests.Sample());
            await storage.WriteStateAsync(StateName, grain, state);
            state.State = SqliteGrainStorageSemanticsTests.Sample(2);
            await storage.WriteStateAsync(StateName, grain, state);
        }

        await using var reopened = _database.OpenStorage();
        var read = new TestGrainState<TargetState>(new TargetState());
        await reopened.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(2, read.State.Revision);
        Assert.Equal(new DateOnly(2025, 3, 31), read.State.Deadline);
    }

    [Fact]
    public async Task ConcurrentWriters_WhenEachOwnsAGrain_AllWritesDurableWithSequentialVersions()
    {
        const int Grains = 48;
        const int WritesPerGrain = 25;
        await using (var storage = _database.OpenStorage())
        {
            await Task.WhenAll(Enumerable.Range(0, Grains).Select(index => Task.Run(async () =>
            {
                var grain = GrainId.Create("target", $"g{index}");
                var state = new TestGrainState<TargetState>(new TargetState());
                for (var revision = 1; revision <= WritesPerGrain; revision++)
                {
                    state.State = new TargetState { Title = $"g{index}", Revision = revision };
                    await storage.WriteStateAsync(StateName, grain, state);
                    Assert.Equal(revision.ToString(System.Globalization.CultureInfo.InvariantCulture), state.ETag);
                }
            })));
        }

        await using var reopened = _database.OpenStorage();
        for (var index = 0; index < Grains; index++)
        {
            var read = new TestGrainState<TargetState>(new TargetState());
            await reopened.ReadStateAsync(StateName, GrainId.Create("target", $"g{index}"), read);
            Assert.Equal("25", read.ETag);
            Assert.Equal(WritesPerGrain, read.State.Revision);
            Assert.Equal($"g{index}", read.State.Title);
        }
    }

    [Fact]
    public async Task ConcurrentWriters_WhenRacingOnOneGrain_ExactlyOneWinsPerVersion()
    {
        const int Writers = 16;
        const int Rounds = 12;
        var grain = GrainId.Create("target", "contended");
        await using var storage = _database.OpenStorage();
        string? etag = null;
        for (var round = 1; round <= Rounds; round++)
        {
            var expected = etag;
            var attempts = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                var state = new TestGrainState<TargetState>(new TargetState { Title = $"w{writer}", Revision = round })
                {
                    ETag = expected,
                };
                try
                {
                    await storage.WriteStateAsync(StateName, grain, state);
                    return state.ETag;
                }
                catch (InconsistentStateException)
                {
                    return null;
                }
            }));

            var results = await Task.WhenAll(attempts);

            var winners = results.Where(result => result is not null).ToArray();
            Assert.Single(winners);
            etag = winners[0];
            Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture), etag);
        }

        var read = new TestGrainState<TargetState>(new TargetState());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), read.ETag);
        Assert.Equal(Rounds, read.State.Revision);
    }

    [Fact]
    public async Task Dispose_WhenWritesStillQueued_CommitsThemBeforeClosing()
    {
        const int Grains = 200;
        Task[] writes;
        await using (var storage = _database.OpenStorage())
        {
            writes = Enumerable.Range(0, Grains)
                .Select(index => storage.WriteStateAsync(
                    StateName,
                    GrainId.Create("target", $"q{index}"),
                    new TestGrainState<TargetState>(new TargetState { Revision = index })))
                .ToArray();
        }

        // Counted after the storage closed: dispose returned only once every queued write was committed.
        Assert.Equal((long)Grains, _database.Scalar("SELECT count(*) FROM grain_state"));
        await Task.WhenAll(writes);
    }

    [Fact]
    public async Task Write_WhenStorageStopped_ThrowsObjectDisposed()
    {
        var storage = _database.OpenStorage();
        await storage.StartAsync();
        await storage.StopAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync(
            StateName, GrainId.Create("target", "x"), new TestGrainState<TargetState>(new TargetState())));
    }

    [Fact]
    public async Task Write_WhenClockInjected_StoresUpdatedAtFromTimeProvider()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using (var storage = _database.OpenStorage(timeProvider: new FixedTimeProvider(now)))
        {
            await storage.WriteStateAsync(
                StateName, GrainId.Create("target", "x"), new TestGrainState<TargetState>(new TargetState()));
        }

        var updatedAt = (string?)_database.Scalar("SELECT updated_at FROM grain_state");
        Assert.Equal(now, DateTimeOffset.Parse(updatedAt!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
