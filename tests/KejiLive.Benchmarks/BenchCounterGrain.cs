namespace KejiLive.Benchmarks;

/// <summary>Increments and persists a counter: one grain call plus one storage write, nothing else.</summary>
public sealed class BenchCounterGrain([PersistentState("bench", Grains.StorageNames.Keji)] IPersistentState<BenchCounter> state)
    : Grain, IBenchCounterGrain
{
    public async Task<long> IncrementAsync()
    {
        state.State = state.State with { Value = state.State.Value + 1 };
        await state.WriteStateAsync();
        return state.State.Value;
    }
}
