using Orleans.Storage;

namespace KejiLive.Storage.Tests;

/// <summary>The grain storage contract (ETags, conflicts, clear, round trips), run against every engine: each engine's
/// subclass says how to open it on a fresh database.</summary>
public abstract class GrainStorageSemanticsTests : IAsyncLifetime
{
    private const string StateName = "target";
    private static readonly GrainId Grain = GrainId.Create("target", "x");
    private StorageEngine _engine = null!;
    private OpenedStorage _storage = null!;

    /// <summary>The engine under test, not yet initialised.</summary>
    protected abstract StorageEngine CreateEngine();

    public async Task InitializeAsync()
    {
        _engine = CreateEngine();
        await _engine.InitializeAsync();
        _storage = _engine.Open();
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _engine.DisposeAsync();
    }

    internal static TargetState Sample(int revision = 1) => new()
    {
        Title = "周报 weekly",
        Readings = [new Reading(new DateOnly(2025, 3, 1), 1.5), new Reading(new DateOnly(2025, 3, 2), null)],
        Deadline = new DateOnly(2025, 3, 31),
        SubmittedAt = new DateTimeOffset(2025, 3, 2, 9, 30, 15, 123, TimeSpan.FromHours(8)),
        Score = null,
        Status = ReportStatus.Accepted,
        Revision = revision,
    };

    [Fact]
    public async Task WriteThenRead_WhenStateHasImmutableArrayDateOnlyAndNullables_RoundTripsEveryValue()
    {
        var written = Sample() with { Score = 0.25 };
        await _storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(written));

        var read = new TestGrainState<TargetState>(new TargetState());
        await _storage.ReadStateAsync(StateName, Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.Equal(written.Readings.ToArray(), read.State.Readings.ToArray());
        Assert.Equal(written with { Readings = read.State.Readings }, read.State);
        Assert.Equal(written.SubmittedAt.Offset, read.State.SubmittedAt.Offset);
    }

    [Fact]
    public async Task WriteThenRead_WhenStateIsPositionalRecord_RoundTrips()
    {
        var written = new PositionalState("p", [3, 1, 2], new DateOnly(2024, 2, 29), null);
        await _storage.WriteStateAsync(StateName, Grain, new TestGrainState<PositionalState>(written));

        var read = new TestGrainState<PositionalState>(null!);
        await _storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal(written.Values.ToArray(), read.State.Values.ToArray());
        Assert.Equal(written with { Values = read.State.Values }, read.State);
    }

    [Fact]
    public async Task Read_WhenRowMissing_GivesNewStateNullETagAndNoRecord()
    {
        var state = new TestGrainState<TargetState>(Sample()) { ETag = "5", RecordExists = true };

        await _storage.ReadStateAsync(StateName, Grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(new TargetState(), state.State);
    }

    [Fact]
    public async Task Write_WhenETagNullAndRowMissing_InsertsVersionOne()
    {
        var state = new TestGrainState<TargetState>(Sample());

        await _storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task Write_WhenETagMatches_UpdatesAndIncrementsVersion()
    {
        var state = new TestGrainState<TargetState>(Sample());
        await _storage.WriteStateAsync(StateName, Grain, state);

        state.State = Sample(2);
        await _storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal("2", state.ETag);
        var read = new TestGrainState<TargetState>(new TargetState());
        await _storage.ReadStateAsync(StateName, Grain, read);
        Assert.Equal(2, read.State.Revision);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Write_WhenETagNullButRowExists_ThrowsInconsistentStateWithStoredETag()
    {
        await _storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(Sample()));
        var stale = new TestGrainState<TargetState>(Sample(99));

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, Grain, stale));

        Assert.Equal("1", error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        Assert.Null(stale.ETag);
        Assert.Equal(1, (await ReadAsync()).State.Revision);
    }

    [Fact]
    public async Task Write_WhenETagIsStale_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var first = new TestGrainState<TargetState>(Sample());
        await _storage.WriteStateAsync(StateName, Grain, first);
        var second = new TestGrainState<TargetState>(Sample(2)) { ETag = "1" };
        await _storage.WriteStateAsync(StateName, Grain, second);

        first.State = Sample(3);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, Grain, first));

        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("1", first.ETag);
        Assert.Equal(2, (await ReadAsync()).State.Revision);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("not-a-version")]
    public async Task Write_WhenETagGivenButRowMissing_ThrowsInconsistentState(string etag)
    {
        var state = new TestGrainState<TargetState>(Sample()) { ETag = etag };

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, Grain, state));

        Assert.Null(error.StoredEtag);
        Assert.Equal(etag, error.CurrentEtag);
    }

    [Fact]
    public async Task Clear_WhenETagMatches_DeletesRowAndResetsState()
    {
        var state = new TestGrainState<TargetState>(Sample());
        await _storage.WriteStateAsync(StateName, Grain, state);

        await _storage.ClearStateAsync(StateName, Grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(new TargetState(), state.State);
        Assert.Equal(0L, await _engine.CountRowsAsync());
        Assert.False((await ReadAsync()).RecordExists);
    }

    [Fact]
    public async Task Clear_WhenETagIsStale_ThrowsInconsistentStateAndKeepsRow()
    {
        var state = new TestGrainState<TargetState>(Sample());
        await _storage.WriteStateAsync(StateName, Grain, state);
        await _storage.WriteStateAsync(StateName, Grain, state);

        var stale = new TestGrainState<TargetState>(Sample()) { ETag = "1", RecordExists = true };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.ClearStateAsync(StateName, Grain, stale));

        Assert.Equal("2", error.StoredEtag);
        Assert.True((await ReadAsync()).RecordExists);
    }

    [Fact]
    public async Task Clear_WhenETagNullAndRowExists_ThrowsInconsistentState()
    {
        await _storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(Sample()));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.ClearStateAsync(StateName, Grain, new TestGrainState<TargetState>(new TargetState())));
    }

    [Fact]
    public async Task Clear_WhenETagNullAndRowMissing_Succeeds()
    {
        var state = new TestGrainState<TargetState>(Sample());

        await _storage.ClearStateAsync(StateName, Grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_WhenAfterClear_InsertsAgainFromVersionOne()
    {
        var state = new TestGrainState<TargetState>(Sample());
        await _storage.WriteStateAsync(StateName, Grain, state);
        await _storage.ClearStateAsync(StateName, Grain, state);

        state.State = Sample(7);
        await _storage.WriteStateAsync(StateName, Grain, state);

        Assert.Equal("1", state.ETag);
        Assert.Equal(7, (await ReadAsync()).State.Revision);
    }

    [Fact]
    public async Task Write_WhenSameGrainUnderTwoStateNames_KeepsSeparateRows()
    {
        await _storage.WriteStateAsync("a", Grain, new TestGrainState<TargetState>(Sample(1)));
        await _storage.WriteStateAsync("b", Grain, new TestGrainState<TargetState>(Sample(2)));
        var other = GrainId.Create("target", "y");
        await _storage.WriteStateAsync("a", other, new TestGrainState<TargetState>(Sample(3)));

        var read = new TestGrainState<TargetState>(new TargetState());
        await _storage.ReadStateAsync("b", Grain, read);

        Assert.Equal(2, read.State.Revision);
        Assert.Equal(3L, await _engine.CountRowsAsync());
    }

    private async Task<TestGrainState<TargetState>> ReadAsync()
    {
        var read = new TestGrainState<TargetState>(new TargetState());
        await _storage.ReadStateAsync(StateName, Grain, read);
        return read;
    }
}
