using Orleans.Storage;

namespace KejiLive.Storage.Tests;

/// <summary>Durability and concurrency of the grain storage, run against every engine: reopening, concurrent writers,
/// racing writers on one grain, draining on stop, and a batch that fails inside the database rolling back whole.</summary>
public abstract class GrainStorageDurabilityTests : IAsyncLifetime
{
    private const string StateName = "target";
    private StorageEngine _database = null!;

    /// <summary>The engine under test, not yet initialised.</summary>
    protected abstract StorageEngine CreateEngine();

    public async Task InitializeAsync()
    {
        _database = CreateEngine();
        await _database.InitializeAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Storage_WhenReopenedOnSameFile_ReadsStateWrittenBeforeClose()
    {
        var grain = GrainId.Create("target", "x");
        await using (var storage = _database.Open())
        {
            var state = new TestGrainState<TargetState>(GrainStorageSemanticsTests.Sample());
            await storage.WriteStateAsync(StateName, grain, state);
            state.State = GrainStorageSemanticsTests.Sample(2);
            await storage.WriteStateAsync(StateName, grain, state);
        }

        await using var reopened = _database.Open();
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
        await using (var storage = _database.Open())
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

        await using var reopened = _database.Open();
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
        await using var storage = _database.Open();
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

    /// <summary>A write the database rejects (a trigger here; a lost connection or a failed commit the same) fails the
    /// transaction holding its batch: every write of that batch fails and none of them is stored, while writes of other
    /// batches are unaffected. The database's write lock is held while the writes queue, so the poisoned write cannot
    /// sit in a batch of its own: whichever batch takes it also takes at least one of its neighbours (with several writer
    /// queues, one per key range, there are 30 writes on each side of it to share its queue).</summary>
    [Fact]
    public async Task Write_WhenAnotherWriteInItsBatchFailsInTheDatabase_FailsAndRollsBackWithIt()
    {
        const int Poisoned = 30;
        await using var storage = _database.Open();
        await storage.StartAsync();
        await _database.PoisonAsync("poison");
        var grains = Enumerable.Range(0, 61).Select(i => GrainId.Create("target", i == Poisoned ? "poison" : $"b{i}")).ToArray();

        Task[] writes;
        await using (await _database.HoldWriteLockAsync())
        {
            writes = [.. grains.Select(grain => storage.WriteStateAsync(
                StateName, grain, new TestGrainState<TargetState>(new TargetState { Title = grain.ToString() })))];
        }

        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.True(writes[Poisoned].IsFaulted);
        Assert.Contains("poisoned row", writes[Poisoned].Exception!.GetBaseException().Message, StringComparison.Ordinal);
        var failed = Enumerable.Range(0, grains.Length).Where(i => i != Poisoned && writes[i].IsFaulted).ToArray();
        Assert.NotEmpty(failed);
        for (var i = 0; i < grains.Length; i++)
        {
            var read = new TestGrainState<TargetState>(new TargetState());
            await storage.ReadStateAsync(StateName, grains[i], read);
            Assert.True(read.RecordExists == writes[i].IsCompletedSuccessfully, $"write {i}: {writes[i].Status}, stored: {read.RecordExists}");
        }

        // The storage goes on after the failed batch.
        var after = new TestGrainState<TargetState>(new TargetState());
        await storage.WriteStateAsync(StateName, grains[failed[0]], after);
        Assert.Equal("1", after.ETag);
    }

    [Fact]
    public async Task Dispose_WhenWritesStillQueued_CommitsThemBeforeClosing()
    {
        const int Grains = 200;
        Task[] writes;
        await using (var storage = _database.Open())
        {
            writes = Enumerable.Range(0, Grains)
                .Select(index => storage.WriteStateAsync(
                    StateName,
                    GrainId.Create("target", $"q{index}"),
                    new TestGrainState<TargetState>(new TargetState { Revision = index })))
                .ToArray();
        }

        // Counted after the storage closed: dispose returned only once every queued write was committed.
        Assert.Equal((long)Grains, await _database.CountRowsAsync());
        await Task.WhenAll(writes);
    }

    [Fact]
    public async Task Write_WhenStorageStopped_ThrowsObjectDisposed()
    {
        var storage = _database.Open();
        await storage.StartAsync();
        await storage.StopAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync(
            StateName, GrainId.Create("target", "x"), new TestGrainState<TargetState>(new TargetState())));
    }

    [Fact]
    public async Task Write_WhenClockInjected_StoresUpdatedAtFromTimeProvider()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using (var storage = _database.Open(timeProvider: new FixedTimeProvider(now)))
        {
            await storage.WriteStateAsync(
                StateName, GrainId.Create("target", "x"), new TestGrainState<TargetState>(new TargetState()));
        }

        Assert.Equal(now, await _database.SingleUpdatedAtAsync());
    }
}
