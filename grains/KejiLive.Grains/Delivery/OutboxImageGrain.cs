using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.State;

namespace KejiLive.Grains.Delivery;

/// <summary>A chart image stored once for every outbox entry that carries it (see <see cref="IOutboxImageGrain"/>).
/// Write-then-apply: memory changes only once storage has the change.</summary>
public sealed class OutboxImageGrain(
    [PersistentState("outbox-image", StorageNames.Keji)] IPersistentState<OutboxImageState> state) : Grain, IOutboxImageGrain
{
    public async Task HoldAsync(string holder, byte[] png)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentNullException.ThrowIfNull(png);
        if (OutboxImages.Hash(png) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The image does not hash to this image grain's key.", nameof(png));
        }
        var s = state.State;
        if (s.Png is not null && s.Holders.Contains(holder, StringComparer.Ordinal)) return;
        await state.WriteAsync(new OutboxImageState { Png = s.Png ?? png, Holders = s.Holders.Contains(holder, StringComparer.Ordinal) ? s.Holders : s.Holders.Add(holder) });
    }

    public Task<byte[]?> GetAsync() => Task.FromResult(state.State.Holders.IsEmpty ? null : state.State.Png);

    public async Task ReleaseAsync(string holder)
    {
        var s = state.State;
        if (!s.Holders.Contains(holder, StringComparer.Ordinal)) return;
        var holders = s.Holders.Remove(holder, StringComparer.Ordinal);
        if (holders.IsEmpty)
        {
            // The last entry let go: the stored row goes with it.
            await state.ClearStateAsync();
            state.State = new OutboxImageState();
            DeactivateOnIdle();
            return;
        }
        await state.WriteAsync(s with { Holders = holders });
    }
}

/// <summary>Stored state of one outbox image: the PNG and the entries that carry it.</summary>
[GenerateSerializer, Alias("keji.outbox-image-state")]
public sealed record OutboxImageState
{
    [Id(0)] public byte[]? Png { get; init; }

    /// <summary><c>{contact point}/{idempotency key}</c> of every entry that carries the image.</summary>
    [Id(1)] public ImmutableArray<string> Holders { get; init; } = [];
}
