using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.State;

namespace KejiLive.Grains.Security;

/// <summary>One page session, durable (a web node's restart keeps its users signed in). An ended or expired session's
/// row is cleared, so a stolen cookie of it finds nothing.</summary>
public sealed class SessionGrain(
    [PersistentState("session", StorageNames.Keji)] IPersistentState<SessionState> state,
    TimeProvider time) : Grain, ISessionGrain
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
        await state.WriteAsync(new SessionState { Session = session });
        return session;
    }

    public async Task<SessionView?> GetAsync()
    {
        if (state.State.Session is not { } session) return null;
        if (session.ExpiresAt > time.GetUtcNow()) return session;
        await EndAsync();
        return null;
    }

    public async Task EndAsync()
    {
        if (state.State.Session is null && !state.RecordExists) return;
        await state.ClearStateAsync();
        state.State = new SessionState();
        DeactivateOnIdle();
    }
}

/// <summary>A session's stored state: empty before it starts and after it ends.</summary>
[GenerateSerializer, Alias("keji.session-state")]
public sealed record SessionState
{
    [Id(0)] public SessionView? Session { get; init; }
}
