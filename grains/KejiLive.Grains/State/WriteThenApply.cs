namespace KejiLive.Grains.State;

/// <summary>Write-then-apply for grain state: the caller computes the whole new state, this writes it, and only a write
/// that succeeded leaves it in memory. A failed write puts the state the grain had before back (the ETag is the
/// storage's, unchanged by a failed write) and rethrows, so the grain answers from what is stored and a retry starts
/// from the same place.</summary>
public static class WriteThenApply
{
    /// <summary>Writes <paramref name="next"/> as the grain's state; on failure memory keeps the state it had before.</summary>
    public static async Task WriteAsync<T>(this IPersistentState<T> state, T next)
    {
        ArgumentNullException.ThrowIfNull(state);
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }
    }
}
