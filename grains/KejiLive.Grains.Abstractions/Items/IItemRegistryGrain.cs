using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Items;

/// <summary>The items behind one count target, for every unit (key: <see cref="Keys.GrainKeys.Items"/>, the target id).
/// A unit's value for the target is its items that no other unit claimed first; an item claimed by a second unit is a
/// cross-unit duplicate (跨单位重复): kept, listed, counted once, and announced to the city office. Claims are stored
/// before <see cref="ClaimAsync"/> returns and never removed.</summary>
public interface IItemRegistryGrain : IGrainWithStringKey
{
    /// <summary>What <see cref="ClaimAsync"/> would answer, storing nothing.</summary>
    [ReadOnly]
    Task<ItemTally> PreviewAsync(ItemClaimBatch batch);

    /// <summary>Adds the unit's items it has not claimed yet (a repeat adds nothing: idempotent), stores them, tells the
    /// city office of each new duplicate, and answers the unit's count.</summary>
    Task<ItemTally> ClaimAsync(ItemClaimBatch batch);

    /// <summary>The unit's items, in claim order.</summary>
    [ReadOnly]
    Task<ImmutableArray<ItemView>> GetItemsAsync(string unitId);

    /// <summary>Every duplicate of this target, in the order they arose.</summary>
    [ReadOnly]
    Task<ImmutableArray<DuplicateView>> GetDuplicatesAsync();
}
