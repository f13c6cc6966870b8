using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.State;

namespace KejiLive.Grains.Alerts;

/// <summary>The plan's silences, durable. Expired ones are dropped a week after they end (the alerts they held back
/// keep their own history).</summary>
public sealed class SilenceGrain(
    [PersistentState("silences", StorageNames.Keji)] IPersistentState<SilenceState> state,
    PlanClock clock) : Grain, ISilenceGrain
{
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(7);

    public async Task<(SilenceView? Silence, string? Field, string? Message)> AddAsync(SilenceView silence)
    {
        var number = state.State.LastNumber + 1;
        var stored = silence with { Id = "s" + number.ToString(CultureInfo.InvariantCulture) };
        var errors = AlertMapper.ToDomain(stored).Validate();
        if (errors.Count > 0) return (null, errors[0].Field, errors[0].Message);
        var now = clock.GetUtcNow();
        await state.WriteAsync(state.State with
        {
            LastNumber = number,
            Silences = [.. state.State.Silences.Where(s => s.Until + KeepEnded > now), stored],
        });
        return (stored, null, null);
    }

    public async Task<bool> RemoveAsync(string id)
    {
        var kept = state.State.Silences.RemoveAll(s => s.Id == id);
        if (kept.Length == state.State.Silences.Length) return false;
        await state.WriteAsync(state.State with { Silences = kept });
        return true;
    }

    public Task<ImmutableArray<SilenceView>> ListAsync() => Task.FromResult(state.State.Silences);
}
