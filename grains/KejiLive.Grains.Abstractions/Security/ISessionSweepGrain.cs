using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Security;

/// <summary>Deletes the stored rows of page sessions that expired without being read again (a browser closed, a wall
/// screen replaced). Every session is tracked here with its end when it starts; a grain timer on the silo's clock wakes at
/// the earliest end and has each expired session clear its own row, in bounded batches. One per cluster
/// (<see cref="Key"/>); resumed when a silo starts and kept alive by a wake reminder.</summary>
public interface ISessionSweepGrain : IGrainWithStringKey
{
    public const string Key = "sessions";

    /// <summary>Tracks <paramref name="sessionKey"/> (an <see cref="ISessionGrain"/> key) until <paramref name="expiresAt"/>.</summary>
    Task TrackAsync(string sessionKey, DateTimeOffset expiresAt);

    /// <summary>Stops tracking a session that ended (signed out). One-way: a session signing out while the sweep reads it
    /// must not wait for the sweep; a forgotten session the sweep still reads is a no-op.</summary>
    [OneWay]
    Task ForgetAsync(string sessionKey);

    /// <summary>Ends every tracked session that has expired now (at most one batch) and returns how many rows it
    /// deleted. The timer calls it; exposed for operators and tests.</summary>
    Task<int> SweepAsync();

    /// <summary>Sessions tracked (not yet expired and swept).</summary>
    Task<int> CountAsync();

    /// <summary>Arms the timer and the wake reminder (called when a silo starts).</summary>
    Task ResumeAsync();
}
