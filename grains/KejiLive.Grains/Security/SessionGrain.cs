using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains.Security;

/// <summary>One page session, durable (a web node's restart keeps its users signed in). An ended or expired session's
/// row is cleared, so a stolen cookie of it finds nothing: when read after its end, when deactivated after its end, and
/// otherwise by the <see cref="ISessionSweepGrain"/> that tracks every session from its start.</summary>
public sealed class SessionGrain(
    [PersistentState("session", StorageNames.Keji)] IPersistentState<SessionState> state,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    public async Task<SessionView> StartAsync(string tokenId, string? adminFingerprint, TimeSpan lifetime, DateTimeOffset? tokenExpiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "a session must last a while");
        // A session id is random; one that is already in use would be a bug, never a second sign-in.
        if (state.State.Session is not null) throw new InvalidOperationException("this session id is already in use");
        var now = time.GetUtcNow();
        var ends = now + lifetime;
        if (tokenExpiresAt is { } expires && expires < ends) ends = expires;
        var session = new SessionView { TokenId = tokenId, AdminFingerprint = adminFingerprint, StartedAt = now, ExpiresAt = ends };
        // Tracked before it is stored: a session row never outlives its end unseen, even if this write fails after.
        await Sweep.TrackAsync(this.GetPrimaryKeyString(), ends);
        await state.WriteAsync(new SessionState { Session = session });
        return session;
    }

    public async Task<SessionView?> GetAsync()
    {
        if (state.State.Session is not { } session) return null;
        if (session.ExpiresAt > time.GetUtcNow()) return session;
        // Expired: the row goes now (the sweep, which may be the caller, forgets it at its end anyway).
        await ClearAsync();
        return null;
    }

    public async Task EndAsync()
    {
        if (state.State.Session is null && !state.RecordExists) return;
        await ClearAsync();
        await Sweep.ForgetAsync(this.GetPrimaryKeyString());
    }

    /// <summary>Deletes the stored row; an expired session that is never read again is ended by the sweep.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Session is not { } session || session.ExpiresAt > time.GetUtcNow()) return;
        try
        {
            await state.ClearStateAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The sweep deletes it at its end.
            logger.LogDebug(e, "An expired session's row could not be cleared on deactivation");
        }
    }

    private async Task ClearAsync()
    {
        await state.ClearStateAsync();
        state.State = new SessionState();
        DeactivateOnIdle();
    }

    private ISessionSweepGrain Sweep => GrainFactory.GetGrain<ISessionSweepGrain>(ISessionSweepGrain.Key);
}

/// <summary>A session's stored state: empty before it starts and after it ends.</summary>
[GenerateSerializer, Alias("keji.session-state")]
public sealed record SessionState
{
    [Id(0)] public SessionView? Session { get; init; }
}
